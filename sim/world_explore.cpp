// What the exhaustive explorer needs from the world: faults offered as choices at program points,
// a look at the next instant's events, and snapshot restores that reuse buffers.
#include <algorithm>
#include <cassert>
#include <cstring>
#include <utility>

#include "sim/world.hpp"

namespace lockstep {

void World::set_fault_menu(FaultMenu menu) {
    assert(!started_);
    menu_ = std::make_shared<const FaultMenu>(std::move(menu));
}

namespace {

bool offers(const FaultMenuItem& item, NodeId node, std::string_view point) {
    const bool node_ok =
        item.at_nodes.empty() ||
        std::find(item.at_nodes.begin(), item.at_nodes.end(), node) != item.at_nodes.end();
    const bool point_ok =
        item.at_points.empty() ||
        std::find(item.at_points.begin(), item.at_points.end(), point) != item.at_points.end();
    return node_ok && point_ok;
}

} // namespace

void World::offer_menu_faults(NodeId node, std::string_view point) {
    menu_offer_.clear();
    for (uint32_t i = 0; i < menu_->items.size(); ++i) {
        const FaultMenuItem& item = menu_->items[i];
        const NodeId target = item.fault.node == no_node ? node : item.fault.node;
        // A crashed node has nothing left to strike: offering it would only waste the budget.
        if (offers(item, node, point) && !nodes_[target].crashed) {
            menu_offer_.push_back(i);
        }
    }
    if (menu_offer_.empty()) {
        return;
    }
    // Option 0 is "no fault", the answer every default chooser gives.
    const uint64_t pick = chooser_->pick(ChoiceKind::fault, menu_offer_.size() + 1);
    if (pick == 0) {
        return;
    }
    Fault f = menu_->items[menu_offer_[pick - 1]].fault;
    if (f.node == no_node) {
        f.node = node;
    }
    ++menu_faults_;
    apply_fault(f);
}

Time World::next_event_time() const {
    return queue_.empty() ? Time::never() : Time::from_ns(queue_.top().time_ns);
}

void World::tied_events(std::vector<PendingEvent>& out) const {
    out.clear();
    if (queue_.empty()) {
        return;
    }
    // pop_next() numbers the live events of the instant in sequence order.
    const int64_t t = queue_.top().time_ns;
    std::vector<QueueKey> keys;
    for (const QueueKey& k : queue_.keys()) {
        if (k.time_ns == t) {
            keys.push_back(k);
        }
    }
    std::sort(keys.begin(), keys.end(),
              [](const QueueKey& a, const QueueKey& b) { return a.seq_slot < b.seq_slot; });
    std::vector<QueueKey> live;
    for (const QueueKey& k : keys) {
        const EventRecord& r = queue_.record(static_cast<uint32_t>(k.seq_slot & slot_mask));
        if (r.cancelled == 0 && !behind_on_link(k, live)) {
            live.push_back(k);
            out.push_back({r.kind, r.to, r.from});
        }
    }
}

bool World::behind_on_link(const QueueKey& key, const std::vector<QueueKey>& earlier) const {
    const EventRecord& r = queue_.record(static_cast<uint32_t>(key.seq_slot & slot_mask));
    if (r.kind != EventKind::message) {
        return false;
    }
    for (const QueueKey& e : earlier) {
        const EventRecord& o = queue_.record(static_cast<uint32_t>(e.seq_slot & slot_mask));
        if (o.kind == EventKind::message && o.from == r.from && o.to == r.to) {
            return network_.ordered(r.from, r.to);
        }
    }
    return false;
}

bool World::is_dead(const QueueKey& key) const {
    const EventRecord& r = queue_.record(static_cast<uint32_t>(key.seq_slot & slot_mask));
    if (r.kind != EventKind::timer) {
        return false;
    }
    TimerBody timer;
    std::memcpy(&timer, r.body.bytes, sizeof timer);
    const NodeSlot& n = nodes_[r.to];
    return r.cancelled != 0 || timer.incarnation != n.incarnation ||
           n.node->timer_fingerprint(timer.tag) == Node::dead_timer;
}

void World::drop_dead_events() {
    auto dead = [this](const QueueKey& k) {
        if (is_dead(k)) {
            queue_.release(static_cast<uint32_t>(k.seq_slot & slot_mask));
            return true;
        }
        return false;
    };
    queue_.erase_if(dead);
    for (NodeSlot& n : nodes_) {
        std::erase_if(n.deferred, dead);
    }
}

void World::assign_state(const World& o) {
    assert(nodes_.size() == o.nodes_.size());
    for (size_t i = 0; i < nodes_.size(); ++i) {
        NodeSlot& d = nodes_[i];
        const NodeSlot& s = o.nodes_[i];
        if (!d.node->assign_from(*s.node)) {
            d.node = s.node->clone();
        }
        d.clock = s.clock;
        d.paused_until = s.paused_until;
        d.crashed = s.crashed;
        d.incarnation = s.incarnation;
        d.deferred = s.deferred;
    }
    queue_ = o.queue_;
    network_ = o.network_;
    watches_ = o.watches_;
    menu_faults_ = o.menu_faults_;
    held_ = o.held_;
    renamed_ = o.renamed_;
    now_ = o.now_;
    steps_ = o.steps_;
    next_rule_ = o.next_rule_;
    started_ = o.started_;
    stats_ = o.stats_;
}

void World::swap_state(World& o) {
    assert(nodes_.size() == o.nodes_.size());
    for (size_t i = 0; i < nodes_.size(); ++i) {
        NodeSlot& a = nodes_[i];
        NodeSlot& b = o.nodes_[i];
        std::swap(a.node, b.node);
        std::swap(a.clock, b.clock);
        std::swap(a.paused_until, b.paused_until);
        std::swap(a.crashed, b.crashed);
        std::swap(a.incarnation, b.incarnation);
        std::swap(a.deferred, b.deferred);
    }
    std::swap(queue_, o.queue_);
    std::swap(network_, o.network_);
    std::swap(watches_, o.watches_);
    std::swap(menu_faults_, o.menu_faults_);
    std::swap(held_, o.held_);
    std::swap(renamed_, o.renamed_);
    std::swap(now_, o.now_);
    std::swap(steps_, o.steps_);
    std::swap(next_rule_, o.next_rule_);
    std::swap(started_, o.started_);
    std::swap(stats_, o.stats_);
}

} // namespace lockstep
