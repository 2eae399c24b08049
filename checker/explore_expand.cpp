#include "checker/explore_expand.hpp"

#include <algorithm>

namespace lockstep {

namespace {

// Whether faults of the plan or the menu can strike node `target` when another node reaches a
// point; marks them. False when a fault reaches every node (a partition, a heal): no reduction.
bool mark_targets(const World& world, std::vector<bool>& marked) {
    for (const Fault& f : world.fault_plan()) {
        if (f.trigger.kind != Trigger::Kind::at_point) {
            continue; // time-triggered faults are events of their own, never commuting
        }
        if (f.node == no_node || fault_acts_on_links(f.kind)) {
            return false;
        }
        marked[f.node] = marked[f.node] || f.node != f.trigger.node;
    }
    for (const FaultMenuItem& item : world.fault_menu().items) {
        const Fault& f = item.fault;
        if (fault_acts_on_links(f.kind)) {
            return false;
        }
        if (f.node != no_node) {
            marked[f.node] = true;
        }
    }
    return true;
}

bool commuting_kind(EventKind k) {
    return k == EventKind::message || k == EventKind::timer || k == EventKind::pause_end;
}

} // namespace

bool worth_expanding(const StepResult& r, Novelty n, uint32_t depth, SearchShared& shared,
                     ExploreStats& stats) {
    if (n == Novelty::seen) {
        return false;
    }
    if (n == Novelty::earlier) {
        ++stats.revisits;
    }
    stats.max_depth = std::max<uint64_t>(stats.max_depth, depth);
    if (r.ended) {
        ++stats.ends;
        return false;
    }
    if (depth >= shared.options().bounds.max_depth) {
        ++stats.depth_cut;
        return false;
    }
    if (shared.budget_reached()) {
        shared.exhaust();
        return false;
    }
    return true;
}

Expander::Expander(Stepper& stepper, SearchShared& shared, ExploreStats& stats)
    : stepper_(stepper), shared_(shared), stats_(stats) {
    const World& w = stepper.working();
    struck_from_elsewhere_.assign(w.node_count(), false);
    // Two events at one instant on different nodes commute when neither can create an event at
    // the other's node in that instant: messages must take time, and faults must not cross.
    por_ = shared.options().por && shared.options().messages_take_time &&
           mark_targets(w, struck_from_elsewhere_);
}

bool Expander::candidates(const World& state) {
    candidates_.clear();
    state.tied_events(tied_);
    if (tied_.size() < 2) {
        return false;
    }
    for (const PendingEvent& e : tied_) {
        if (!commuting_kind(e.kind)) {
            return false;
        }
    }
    for (size_t i = 0; i < tied_.size(); ++i) {
        const NodeId node = tied_[i].to;
        const auto same_node = std::count_if(tied_.begin(), tied_.end(),
                                             [&](const PendingEvent& e) { return e.to == node; });
        if (same_node == 1 && !struck_from_elsewhere_[node]) {
            candidates_.push_back(i);
        }
    }
    return !candidates_.empty();
}

} // namespace lockstep
