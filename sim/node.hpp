#pragma once
// Nodes are event handlers that act only through their Context (DESIGN principle 6: Stateright's
// actors, SimGrid's s4u). A node never sees true time, the queue or another node's state.
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string_view>

#include "sim/message.hpp"
#include "sim/time.hpp"
#include "sim/trace.hpp"

namespace lockstep {

class World;
class Hasher;

struct TimerId {
    uint64_t key = 0; // 0: no timer
    bool valid() const { return key != 0; }
    bool operator==(const TimerId&) const = default;
};

struct LocalNow {
    Time wall;
    Time mono;
};

class Context {
  public:
    Context(World& world, NodeId self) : world_(world), self_(self) {}

    NodeId self() const { return self_; }
    std::string_view name() const;
    std::string_view node_name(NodeId node) const;

    // The node's own clocks: the wall clock (offset, drift, steps) and the monotonic one.
    Time wall_now() const;
    Time mono_now() const;

    template <MessageBody T>
    void send(NodeId to, const T& body) {
        send_bytes(to, message_type_of<T>(), pack_message(body));
    }

    // A timer that fires after `local_delay` as measured by this node's monotonic clock.
    TimerId set_timer(Duration local_delay, uint64_t tag);
    void cancel_timer(TimerId id);

    // A named program point: recorded, and where a fault plan may strike ("acquired").
    void point(std::string_view point_name);
    // A point that is also a yield: the node continues in on_timer(tag) after it, so a pause
    // that strikes at this point delays everything after it (KL-2's check-then-write).
    void reach(std::string_view point_name, uint64_t continue_tag);

    // A model event for the trace ("acquired" with token 34).
    void emit(std::string_view event, std::initializer_list<Field> fields = {});
    bool tracing() const;

    // The model's own randomness, through the choice seam.
    uint64_t pick(uint64_t options);
    bool chance(uint64_t numerator, uint64_t denominator);

  private:
    void send_bytes(NodeId to, MessageType type, const MessageBytes& body);
    World& world_;
    NodeId self_;
};

class Node {
  public:
    virtual ~Node() = default;
    virtual void on_start(Context& ctx) { (void)ctx; }
    virtual void on_message(Context& ctx, const Envelope& message) = 0;
    virtual void on_timer(Context& ctx, uint64_t tag) {
        (void)ctx;
        (void)tag;
    }
    // The process died: drop whatever a real process would lose. What survives (a persisted
    // log, an fsynced append-only file) is the node's decision.
    virtual void on_crash() {}
    virtual void on_restart(Context& ctx) { on_start(ctx); }

    virtual std::unique_ptr<Node> clone() const = 0;
    // Makes this node a copy of `other` (same type, built from the same description) without
    // allocating: the explorer restores millions of states. False: not supported, the world
    // clones instead.
    virtual bool assign_from(const Node& other) {
        (void)other;
        return false;
    }
    // Everything that determines the node's future behaviour, with times relative to the node's
    // clocks now, so that states differing only in absolute time hash alike.
    virtual void fingerprint(Hasher& h, const LocalNow& now) const = 0;

    // What a pending timer of this node contributes to the state's fingerprint. Tags often carry
    // counters (an epoch, a request id) that differ between states that behave alike; a node
    // maps such a tag to what matters (the step it continues), or to `dead_timer` when firing it
    // would do nothing at all, which leaves it out of the state. The default keeps the tag.
    static constexpr uint64_t dead_timer = UINT64_MAX;
    virtual uint64_t timer_fingerprint(uint64_t tag) const { return tag; }

    // What a pending message this node sends or receives contributes to the fingerprint, when
    // the node can say it better than the raw bytes (a request id drawn from this node's counter
    // matters only as "the request still awaited" or not). False leaves it to the other end, and
    // then to the raw bytes. `incoming`: this node is the receiver.
    virtual bool message_fingerprint(Hasher& h, const Envelope& message, bool incoming) const {
        (void)h;
        (void)message;
        (void)incoming;
        return false;
    }
};

} // namespace lockstep
