// What nodes can do (Context), timers, model events, trace recording and fingerprints.
#include <algorithm>
#include <cassert>
#include <cstring>

#include "sim/hash.hpp"
#include "sim/world.hpp"

namespace lockstep {

std::string_view Context::name() const {
    return world_.node_name(self_);
}
std::string_view Context::node_name(NodeId node) const {
    return world_.node_name(node);
}
Time Context::wall_now() const {
    return world_.nodes_[self_].clock.wall(world_.now_);
}
Time Context::mono_now() const {
    return world_.nodes_[self_].clock.mono(world_.now_);
}
void Context::send_bytes(NodeId to, MessageType type, const MessageBytes& body) {
    world_.send(self_, to, type, body);
}
TimerId Context::set_timer(Duration local_delay, uint64_t tag) {
    return world_.set_timer(self_, local_delay, tag);
}
void Context::cancel_timer(TimerId id) {
    world_.cancel_timer(id);
}
void Context::point(std::string_view point_name) {
    world_.reach_point(self_, point_name);
}
void Context::reach(std::string_view point_name, uint64_t continue_tag) {
    world_.reach_point(self_, point_name);
    world_.set_timer(self_, Duration::zero(), continue_tag);
}
void Context::emit(std::string_view event, std::initializer_list<Field> fields) {
    world_.emit(self_, event, fields);
}
bool Context::tracing() const {
    return world_.tracing(TraceKind::model);
}
uint64_t Context::pick(uint64_t options) {
    return options < 2 ? 0 : world_.chooser_->pick(ChoiceKind::model, options);
}
bool Context::chance(uint64_t numerator, uint64_t denominator) {
    if (numerator == 0 || numerator >= denominator) {
        return numerator >= denominator;
    }
    return world_.chooser_->flip(ChoiceKind::model, numerator, denominator);
}

TimerId World::set_timer(NodeId node, Duration local_delay, uint64_t tag) {
    assert(local_delay >= Duration::zero());
    NodeSlot& n = nodes_[node];
    const uint32_t slot = queue_.allocate();
    const QueueKey key = queue_.push(now_ + n.clock.true_for_local(local_delay), slot);
    const TimerBody timer{tag, key.seq_slot, n.incarnation};
    EventRecord& r = queue_.record(slot);
    r = EventRecord{EventKind::timer, 0, 0, node, node, {}};
    std::memcpy(r.body.bytes, &timer, sizeof timer);
    return TimerId{key.seq_slot};
}

void World::cancel_timer(TimerId id) {
    if (!id.valid()) {
        return;
    }
    EventRecord& r = queue_.record(static_cast<uint32_t>(id.key & slot_mask));
    TimerBody timer;
    std::memcpy(&timer, r.body.bytes, sizeof timer);
    if (r.kind == EventKind::timer && timer.id == id.key) {
        r.cancelled = 1;
    }
}

void World::emit(NodeId node, std::string_view event, std::initializer_list<Field> fields) {
    if (tracing(TraceKind::model)) {
        record(TraceKind::model, node, no_node, trace_.intern(event), 0, fields);
    }
}

void World::record(TraceKind kind, NodeId node, NodeId peer, uint32_t name, uint64_t msg,
                   std::initializer_list<Field> fields) {
    if (!tracing(kind)) {
        return;
    }
    TraceEvent e;
    e.time = now_;
    e.local = node == no_node ? now_ : nodes_[node].clock.wall(now_);
    e.node = node;
    e.peer = peer;
    e.kind = kind;
    e.name = name;
    e.msg = msg;
    trace_.add(e, fields);
}

uint32_t World::message_name(MessageType type) {
    if (type >= message_names_.size()) {
        message_names_.resize(size_t(type) + 1, UINT32_MAX);
    }
    if (message_names_[type] == UINT32_MAX) {
        message_names_[type] = trace_.intern(message_type_name(type));
    }
    return message_names_[type];
}

} // namespace lockstep
