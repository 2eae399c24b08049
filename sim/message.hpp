#pragma once
// Messages are small trivially-copyable structs carried inline in the event record, so sending one
// allocates nothing. Each struct names itself (`static constexpr std::string_view name`), which the
// trace prints; the numeric id is process-wide and only compared, never printed.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>

#include "sim/ids.hpp"

namespace lockstep {

constexpr size_t message_body_bytes = 40;
using MessageType = uint16_t;

// Registers a message name once (thread-safe) and returns its id.
MessageType register_message_type(std::string_view name);
std::string_view message_type_name(MessageType type);

// Bodies have no padding, so their bytes (hashed into state fingerprints) are fully defined.
template <class T>
concept MessageBody = std::is_trivially_copyable_v<T> && sizeof(T) <=
                      message_body_bytes&& std::has_unique_object_representations_v<T>&& requires {
    T::name;
};

template <MessageBody T>
MessageType message_type_of() {
    static const MessageType id = register_message_type(T::name);
    return id;
}

struct MessageBytes {
    alignas(8) std::byte bytes[message_body_bytes];
};

template <MessageBody T>
MessageBytes pack_message(const T& body) {
    MessageBytes out{};
    std::memcpy(out.bytes, &body, sizeof(T));
    return out;
}

// What a node receives.
struct Envelope {
    NodeId from = no_node;
    MessageType type = 0;
    uint64_t id = 0; // the trace's message id, shared by the send and delivery records
    const MessageBytes* body = nullptr;

    template <MessageBody T>
    bool is() const {
        return type == message_type_of<T>();
    }
    template <MessageBody T>
    T as() const {
        T out;
        std::memcpy(&out, body->bytes, sizeof(T));
        return out;
    }
};

} // namespace lockstep
