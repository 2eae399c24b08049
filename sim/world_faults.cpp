// The world's fault machinery: pauses, crashes and restarts, clock faults, partitions and delays.
#include <cassert>
#include <cstring>

#include "sim/world.hpp"

namespace lockstep {

std::string_view fault_kind_name(Fault::Kind kind) {
    switch (kind) {
    case Fault::Kind::pause: return "pause";
    case Fault::Kind::clock_step: return "clock_step";
    case Fault::Kind::clock_drift: return "clock_drift";
    case Fault::Kind::clock_slew: return "clock_slew";
    case Fault::Kind::crash: return "crash";
    case Fault::Kind::restart: return "restart";
    case Fault::Kind::partition: return "partition";
    case Fault::Kind::heal: return "heal";
    case Fault::Kind::delay: return "delay";
    case Fault::Kind::loss: return "loss";
    }
    return "?";
}

namespace {

MessageBytes aux_body(uint64_t aux) {
    MessageBytes bytes{};
    const AuxBody body{aux, 0};
    std::memcpy(bytes.bytes, &body, sizeof body);
    return bytes;
}

} // namespace

void World::schedule_fault(uint32_t index, Time at) {
    const uint32_t slot = queue_.allocate();
    queue_.record(slot) = EventRecord{EventKind::fault, 0, 0, no_node, no_node, aux_body(index)};
    queue_.push(at, slot);
}

void World::apply_fault(uint32_t index) {
    apply_fault((*faults_)[index]);
}

void World::apply_fault(const Fault& f) {
    const Field label("fault", std::string_view(f.label));
    switch (f.kind) {
    case Fault::Kind::pause: begin_pause(f.node, f.length); break;
    case Fault::Kind::clock_step:
        nodes_[f.node].clock.step(now_, f.amount);
        record(TraceKind::clock_step, f.node, no_node, 0, 0, {Field("by_ns", f.amount), label});
        break;
    case Fault::Kind::clock_drift:
        nodes_[f.node].clock.set_drift(now_, f.drift_ppm);
        record(TraceKind::clock_rate, f.node, no_node, 0, 0,
               {Field("drift_ppm", f.drift_ppm), label});
        break;
    case Fault::Kind::clock_slew:
        nodes_[f.node].clock.slew(now_, f.amount, f.drift_ppm);
        record(TraceKind::clock_step, f.node, no_node, 0, 0,
               {Field("by_ns", f.amount), Field("slew_ppm", f.drift_ppm), label});
        break;
    case Fault::Kind::crash:
        crash(f.node);
        if (f.length < Duration::max()) {
            const uint32_t slot = queue_.allocate();
            queue_.record(slot) = EventRecord{EventKind::restart, 0, 0, f.node, no_node, {}};
            queue_.push(now_ + f.length, slot);
        }
        break;
    case Fault::Kind::restart: restart(f.node); break;
    case Fault::Kind::partition: {
        const uint32_t rule = next_rule_++;
        network_.add_partition(f, rule);
        const std::string groups = partition_groups_text(f);
        record(TraceKind::partition, no_node, no_node, 0, 0,
               {Field("rule", rule), Field("one_way", f.one_way), Field("groups", groups), label});
        if (f.heal_after < Duration::max()) {
            const uint32_t slot = queue_.allocate();
            queue_.record(slot) =
                EventRecord{EventKind::heal_rule, 0, 0, no_node, no_node, aux_body(rule)};
            queue_.push(now_ + f.heal_after, slot);
        }
        break;
    }
    case Fault::Kind::heal:
        network_.heal_all();
        record(TraceKind::heal, no_node, no_node, 0, 0, {Field("rule", 0), label});
        release_held();
        break;
    case Fault::Kind::delay:
        network_.add_delay(f);
        record(TraceKind::model, f.from, f.to, trace_.intern("delay_armed"), 0,
               {Field("latency_ns", f.amount), Field("count", f.count), label});
        break;
    case Fault::Kind::loss: begin_loss(f, label); break;
    }
}

// "c1 redis|c2 storage": the sides of a partition by node name, for the trace's readers.
std::string World::partition_groups_text(const Fault& f) const {
    std::string out;
    for (size_t g = 0; g < f.groups.size(); ++g) {
        out += g == 0 ? "" : "|";
        for (size_t i = 0; i < f.groups[g].size(); ++i) {
            out += (i == 0 ? "" : " ") + std::string(trace_.node_name(f.groups[g][i]));
        }
    }
    return out;
}

void World::begin_loss(const Fault& f, const Field& label) {
    // Loss windows share the rule numbering with partitions: one heal_rule event ends either.
    const uint32_t rule = next_rule_++;
    network_.add_loss(f, rule);
    record(TraceKind::model, f.from, f.to, trace_.intern("loss_begin"), 0,
           {Field("rule", rule), Field("loss_num", f.loss_num), Field("loss_den", f.loss_den),
            Field("for_ns", f.length), label});
    const uint32_t slot = queue_.allocate();
    queue_.record(slot) = EventRecord{EventKind::heal_rule, 0, 0, no_node, no_node, aux_body(rule)};
    queue_.push(now_ + f.length, slot);
}

void World::begin_pause(NodeId node, Duration length) {
    NodeSlot& n = nodes_[node];
    if (n.crashed) {
        return;
    }
    const Time end = now_ + length;
    if (end <= n.paused_until) {
        return; // already paused for longer
    }
    if (n.paused_until <= now_) {
        record(TraceKind::pause_begin, node, no_node, 0, 0, {Field("for_ns", length)});
    } else {
        // Already paused: the pause now lasts until `end` (the timeline must not keep the old end).
        record(TraceKind::pause_begin, node, no_node, 0, 0,
               {Field("for_ns", end - now_), Field("extended", true)});
    }
    n.paused_until = end;
    const uint32_t slot = queue_.allocate();
    queue_.record(slot) = EventRecord{EventKind::pause_end, 0, 0, node, no_node, {}};
    queue_.push(end, slot);
}

void World::end_pause(NodeId node) {
    NodeSlot& n = nodes_[node];
    record(TraceKind::pause_end, node, no_node, 0, 0);
    // What queued up during the pause runs now, in the order it arrived.
    for (QueueKey key : n.deferred) {
        requeue(key, now_);
    }
    n.deferred.clear();
}

void World::crash(NodeId node) {
    NodeSlot& n = nodes_[node];
    if (n.crashed) {
        return;
    }
    n.crashed = true;
    ++n.incarnation; // timers set before the crash never fire
    n.paused_until = now_;
    for (QueueKey key : n.deferred) {
        const auto slot = static_cast<uint32_t>(key.seq_slot & slot_mask);
        const EventRecord r = queue_.record(slot);
        if (r.kind == EventKind::message) {
            ++stats_.messages_dropped;
            record_drop(r, message_id(key), "crashed");
            renamed_.erase(static_cast<uint32_t>(key.seq_slot & slot_mask));
        }
        queue_.release(slot);
    }
    n.deferred.clear();
    n.node->on_crash();
    record(TraceKind::crash, node, no_node, 0, 0);
}

void World::restart(NodeId node) {
    NodeSlot& n = nodes_[node];
    if (!n.crashed) {
        return;
    }
    n.crashed = false;
    record(TraceKind::restart, node, no_node, 0, 0);
    Context ctx(*this, node);
    n.node->on_restart(ctx);
}

void World::heal_rule(uint32_t rule) {
    if (network_.end_loss(rule)) {
        record(TraceKind::model, no_node, no_node, trace_.intern("loss_end"), 0,
               {Field("rule", rule)});
        return;
    }
    network_.heal(rule);
    record(TraceKind::heal, no_node, no_node, 0, 0, {Field("rule", rule)});
    release_held();
}

void World::release_held() {
    // Held messages go out again now, each with a fresh latency, in their original order.
    std::vector<QueueKey> still_held;
    for (QueueKey key : held_) {
        const EventRecord& r = queue_.record(static_cast<uint32_t>(key.seq_slot & slot_mask));
        if (network_.blocked(r.from, r.to)) {
            still_held.push_back(key);
            continue;
        }
        requeue(key, now_ + network_spec_.link.latency.draw(*chooser_));
    }
    held_ = std::move(still_held);
}

void World::reach_point(NodeId node, std::string_view point) {
    if (tracing(TraceKind::point)) {
        record(TraceKind::point, node, no_node, trace_.intern(point), 0);
    }
    for (PointWatch& w : watches_) {
        const Fault& f = (*faults_)[w.fault];
        if (f.trigger.node != node || f.trigger.point != point) {
            continue;
        }
        if (++w.seen != f.trigger.occurrence) {
            continue;
        }
        if (f.trigger.after == Duration::zero()) {
            apply_fault(w.fault);
        } else {
            schedule_fault(w.fault, now_ + f.trigger.after);
        }
    }
    if (menu_->active() && menu_faults_ < menu_->budget) {
        offer_menu_faults(node, point);
    }
}

} // namespace lockstep
