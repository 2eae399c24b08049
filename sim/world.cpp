#include "sim/world.hpp"

#include <algorithm>
#include <cassert>

namespace lockstep {

World::World(NetworkSpec network, TraceLevel level)
    : network_spec_(std::move(network)), level_(level) {}

World::World(const World& other)
    : queue_(other.queue_), network_(other.network_), network_spec_(other.network_spec_),
      chooser_(other.chooser_), faults_(other.faults_), watches_(other.watches_),
      menu_(other.menu_), menu_faults_(other.menu_faults_), held_(other.held_),
      renamed_(other.renamed_), trace_(other.trace_), level_(other.level_),
      message_names_(other.message_names_), now_(other.now_), steps_(other.steps_),
      next_rule_(other.next_rule_), started_(other.started_), stats_(other.stats_) {
    nodes_.reserve(other.nodes_.size());
    for (const NodeSlot& n : other.nodes_) {
        nodes_.push_back({n.name, n.node->clone(), n.clock, n.paused_until, n.crashed,
                          n.incarnation, n.deferred});
    }
}

NodeId World::add_node(std::string name, std::unique_ptr<Node> node, ClockSpec clock) {
    assert(!started_ && nodes_.size() < no_node);
    nodes_.push_back({std::move(name), std::move(node), Clock(clock), Time::zero(), false, 0, {}});
    return static_cast<NodeId>(nodes_.size() - 1);
}

NodeId World::find_node(std::string_view name) const {
    for (size_t i = 0; i < nodes_.size(); ++i) {
        if (nodes_[i].name == name) {
            return static_cast<NodeId>(i);
        }
    }
    return no_node;
}

void World::set_fault_plan(FaultPlan plan) {
    assert(!started_);
    faults_ = std::make_shared<const FaultPlan>(std::move(plan));
}

void World::start(Chooser& chooser) {
    assert(!started_);
    started_ = true;
    set_chooser(chooser);
    network_ = Network(network_spec_, nodes_.size());
    std::vector<std::string> names;
    for (const NodeSlot& n : nodes_) {
        names.push_back(n.name);
    }
    trace_.set_node_names(std::move(names));
    for (uint32_t i = 0; i < faults_->size(); ++i) {
        const Trigger& t = (*faults_)[i].trigger;
        if (t.kind == Trigger::Kind::at_time) {
            schedule_fault(i, t.at);
        } else {
            watches_.push_back({i, 0});
        }
    }
    record_initial_clocks();
    for (size_t i = 0; i < nodes_.size(); ++i) {
        Context ctx(*this, static_cast<NodeId>(i));
        nodes_[i].node->on_start(ctx);
    }
    if (drop_dead_) {
        drop_dead_events();
    }
}

// Clocks configured off true time are part of the story (a 2% fast node): say so at time 0.
void World::record_initial_clocks() {
    for (size_t i = 0; i < nodes_.size(); ++i) {
        const Clock& c = nodes_[i].clock;
        const Duration offset = c.wall(now_) - now_;
        if (c.drift_ppm() != 0 || offset != Duration::zero()) {
            record(TraceKind::clock_rate, static_cast<NodeId>(i), no_node, 0, 0,
                   {Field("drift_ppm", c.drift_ppm()), Field("offset_ns", offset),
                    Field("fault", "initial clock")});
        }
    }
}

RunResult World::run(const RunLimits& limits) {
    assert(started_);
    RunResult result;
    const uint64_t first_step = steps_;
    for (;;) {
        if (queue_.empty()) {
            result.stop = RunResult::Stop::quiescent;
            break;
        }
        if (Time::from_ns(queue_.top().time_ns) > limits.until) {
            result.stop = RunResult::Stop::time_limit;
            now_ = std::max(now_, limits.until);
            break;
        }
        if (steps_ - first_step >= limits.max_steps) {
            result.stop = RunResult::Stop::step_limit;
            break;
        }
        dispatch(pop_next());
        if (drop_dead_) {
            drop_dead_events();
        }
    }
    result.steps = steps_ - first_step;
    result.end = now_;
    return result;
}

bool World::step() {
    if (queue_.empty()) {
        return false;
    }
    dispatch(pop_next());
    if (drop_dead_) {
        drop_dead_events();
    }
    return true;
}

QueueKey World::pop_next() {
    QueueKey key = queue_.pop();
    // Look for a tie before asking the chooser: the queue's top is already in cache, while
    // orders_ties() is a virtual call that would otherwise run on every event.
    if (queue_.empty() || queue_.top().time_ns != key.time_ns || !chooser_->orders_ties()) {
        return key;
    }
    // Same-instant events are a choice point. Cancelled timers are not real alternatives.
    ties_.clear();
    ties_.push_back(key);
    while (!queue_.empty() && queue_.top().time_ns == key.time_ns) {
        ties_.push_back(queue_.pop());
    }
    std::vector<QueueKey> live;
    for (const QueueKey& k : ties_) {
        if (queue_.record(uint32_t(k.seq_slot & slot_mask)).cancelled != 0 ||
            behind_on_link(k, live)) {
            queue_.push_key(k);
        } else {
            live.push_back(k);
        }
    }
    if (live.size() <= 1) {
        if (live.empty()) {
            return queue_.pop();
        }
        return live.front();
    }
    const size_t chosen = chooser_->pick(ChoiceKind::tie, live.size());
    for (size_t i = 0; i < live.size(); ++i) {
        if (i != chosen) {
            queue_.push_key(live[i]);
        }
    }
    return live[chosen];
}

void World::dispatch(QueueKey key) {
    now_ = Time::from_ns(key.time_ns);
    const auto slot = static_cast<uint32_t>(key.seq_slot & slot_mask);
    const EventRecord event = queue_.record(slot);
    switch (event.kind) {
    case EventKind::message: deliver(key, event); return;
    case EventKind::timer: fire_timer(key, event); return;
    default: break;
    }
    queue_.release(slot);
    AuxBody aux;
    std::memcpy(&aux, event.body.bytes, sizeof aux);
    switch (event.kind) {
    case EventKind::fault: apply_fault(static_cast<uint32_t>(aux.aux)); break;
    case EventKind::pause_end:
        if (nodes_[event.to].paused_until == now_) {
            end_pause(event.to);
        }
        break;
    case EventKind::heal_rule: heal_rule(static_cast<uint32_t>(aux.aux)); break;
    case EventKind::restart: restart(event.to); break;
    default: assert(false && "unknown event kind");
    }
}

uint64_t World::message_id(QueueKey key) const {
    if (!renamed_.empty()) {
        const auto it = renamed_.find(static_cast<uint32_t>(key.seq_slot & slot_mask));
        if (it != renamed_.end()) {
            return it->second;
        }
    }
    return key.seq_slot >> slot_bits;
}

void World::requeue(QueueKey key, Time at) {
    const auto slot = static_cast<uint32_t>(key.seq_slot & slot_mask);
    if (queue_.record(slot).kind == EventKind::message) {
        renamed_.emplace(slot, message_id(key));
    }
    queue_.push(at, slot);
}

bool World::defer_if_paused(NodeId node, QueueKey key) {
    if (nodes_[node].paused_until <= now_) {
        return false;
    }
    nodes_[node].deferred.push_back(key);
    return true;
}

void World::release_message(uint32_t slot) {
    queue_.release(slot);
    if (!renamed_.empty()) {
        renamed_.erase(slot);
    }
}

void World::deliver(QueueKey key, EventRecord event) {
    const auto slot = static_cast<uint32_t>(key.seq_slot & slot_mask);
    const uint64_t msg = message_id(key);
    NodeSlot& dest = nodes_[event.to];
    if (dest.crashed) {
        release_message(slot);
        ++stats_.messages_dropped;
        record_drop(event, msg, "crashed");
        return;
    }
    if (network_.blocked(event.from, event.to)) {
        if (network_.holds_when_partitioned()) {
            held_.push_back(key);
            return;
        }
        release_message(slot);
        ++stats_.messages_dropped;
        record_drop(event, msg, "partition");
        return;
    }
    if (defer_if_paused(event.to, key)) {
        return;
    }
    release_message(slot);
    ++steps_;
    ++stats_.messages_delivered;
    if (tracing(TraceKind::deliver)) {
        record(TraceKind::deliver, event.to, event.from, message_name(event.type), msg);
    }
    const Envelope envelope{event.from, event.type, msg, &event.body};
    Context ctx(*this, event.to);
    dest.node->on_message(ctx, envelope);
}

void World::fire_timer(QueueKey key, const EventRecord& event) {
    const auto slot = static_cast<uint32_t>(key.seq_slot & slot_mask);
    TimerBody timer;
    std::memcpy(&timer, event.body.bytes, sizeof timer);
    NodeSlot& n = nodes_[event.to];
    if (event.cancelled != 0 || n.crashed || timer.incarnation != n.incarnation) {
        queue_.release(slot);
        return;
    }
    if (defer_if_paused(event.to, key)) {
        return;
    }
    queue_.release(slot);
    ++steps_;
    ++stats_.timers_fired;
    if (tracing(TraceKind::timer)) {
        record(TraceKind::timer, event.to, no_node, 0, 0, {Field("tag", timer.tag)});
    }
    Context ctx(*this, event.to);
    n.node->on_timer(ctx, timer.tag);
}

void World::record_drop(const EventRecord& r, uint64_t msg, std::string_view reason) {
    if (tracing(TraceKind::drop)) {
        record(TraceKind::drop, r.to, r.from, message_name(r.type), msg, {Field("reason", reason)});
    }
}

void World::send(NodeId from, NodeId to, MessageType type, const MessageBytes& body) {
    assert(to < nodes_.size());
    ++stats_.messages_sent;
    const Network::Route route = network_.route(now_, from, to, *chooser_);
    auto schedule = [&](Duration latency, bool duplicate) {
        const uint32_t slot = queue_.allocate();
        EventRecord& r = queue_.record(slot);
        r = EventRecord{EventKind::message, 0, type, to, from, body};
        const QueueKey key = queue_.push(now_ + latency, slot);
        const uint64_t msg = key.seq_slot >> slot_bits;
        if (tracing(TraceKind::send)) {
            record(TraceKind::send, from, to, message_name(type), msg,
                   {Field("latency_ns", latency), Field("duplicate", duplicate)});
        }
        return key;
    };
    if (route.lost || (route.blocked && !network_.holds_when_partitioned())) {
        // Recorded as sent, then dropped, so the timeline shows the attempt.
        const uint64_t msg = queue_.take_seq();
        ++stats_.messages_dropped;
        if (tracing(TraceKind::send)) {
            record(TraceKind::send, from, to, message_name(type), msg);
        }
        record_drop(EventRecord{EventKind::message, 0, type, to, from, body}, msg,
                    route.lost ? "loss" : "partition");
        return;
    }
    // A message held by a partition is scheduled as usual; delivery holds it until the heal.
    schedule(route.latency, false);
    if (route.duplicate_latency) {
        schedule(*route.duplicate_latency, true);
    }
}

} // namespace lockstep
