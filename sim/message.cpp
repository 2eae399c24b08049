#include "sim/message.hpp"

#include <cassert>
#include <deque>
#include <mutex>
#include <string>

namespace lockstep {
namespace {

// A deque keeps existing names in place as it grows, so views into it stay valid.
struct Registry {
    std::mutex mutex;
    std::deque<std::string> names;
};

Registry& registry() {
    static Registry r;
    return r;
}

} // namespace

MessageType register_message_type(std::string_view name) {
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    for (size_t i = 0; i < r.names.size(); ++i) {
        if (r.names[i] == name) {
            return static_cast<MessageType>(i);
        }
    }
    assert(r.names.size() < 0xffff);
    r.names.emplace_back(name);
    return static_cast<MessageType>(r.names.size() - 1);
}

std::string_view message_type_name(MessageType type) {
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    assert(type < r.names.size());
    return r.names[type];
}

} // namespace lockstep
