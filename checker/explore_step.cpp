#include "checker/explore_step.hpp"

#include <algorithm>

#include "sim/hash.hpp"

namespace lockstep {

Stepper::Stepper(const World& unstarted, const ExploreOptions& options)
    : unstarted_(unstarted), options_(options), working_(std::make_unique<World>(unstarted)),
      monitor_(unstarted.node_count()) {
    working_->set_chooser(chooser_);
    std::vector<std::string> names;
    for (size_t n = 0; n < unstarted.node_count(); ++n) {
        names.emplace_back(unstarted.node_name(NodeId(n)));
    }
    names_ = std::make_unique<MonitorNames>(working_->trace(), names);
    map_.resize(unstarted.node_count());
}

StepResult Stepper::start(const std::vector<uint64_t>& prefix) {
    working_->assign_state(unstarted_);
    chooser_.reset(prefix);
    working_->start(chooser_);
    monitor_ = PropertyMonitor(working_->node_count());
    return finish(Time::zero());
}

StepResult Stepper::step(const World& state, const PropertyMonitor& monitor,
                         const std::vector<uint64_t>& prefix) {
    working_->assign_state(state);
    chooser_.reset(prefix);
    const Time before = working_->now();
    working_->step();
    monitor_ = monitor;
    return finish(before);
}

StepResult Stepper::advance(const std::vector<uint64_t>& prefix) {
    chooser_.reset(prefix);
    const Time before = working_->now();
    working_->step();
    return finish(before);
}

StepResult Stepper::finish(Time before) {
    StepResult r;
    r.now = working_->now();
    Trace& trace = working_->trace();
    monitor_.clear_touched();
    monitor_.on_events(trace, *names_, r.now, r.now > before, options_.monitor);
    trace.clear_events();
    const Time next = working_->next_event_time();
    r.ended = next > options_.bounds.max_time || next == Time::never();
    monitor_.settle(r.now, r.ended ? Time::never() : next, options_.run_end);
    if (r.ended) {
        monitor_.at_run_end(options_.run_end, options_.monitor);
    }
    r.touched = monitor_.touched();
    r.fresh = monitor_.take_fresh();
    r.fingerprint = fingerprint();
    return r;
}

uint64_t Stepper::fingerprint() {
    const Time now = working_->now();
    if (!options_.symmetry || options_.symmetric.empty()) {
        Hasher h = Hasher::fast(working_->fingerprint());
        monitor_.fingerprint(h, now, options_.monitor, nullptr);
        return h.value();
    }
    // Interchangeable clients take the places of their group in the order of their own share of
    // the state: symmetric states then hash alike (ties keep any order, which stays sound).
    for (size_t i = 0; i < map_.size(); ++i) {
        map_[i] = NodeId(i);
    }
    for (const std::vector<NodeId>& group : options_.symmetric) {
        keyed_.clear();
        for (NodeId m : group) {
            const uint64_t key = Hasher::fast(working_->symmetry_key(m))
                                     .add(monitor_.client_key(m, now, options_.monitor))
                                     .value();
            keyed_.emplace_back(key, m);
        }
        std::sort(keyed_.begin(), keyed_.end());
        for (size_t k = 0; k < group.size(); ++k) {
            map_[keyed_[k].second] = group[k]; // group lists its members in increasing id order
        }
    }
    Hasher h = Hasher::fast(working_->fingerprint(map_.data()));
    monitor_.fingerprint(h, now, options_.monitor, map_.data());
    return h.value();
}

void Stepper::append_choices(std::vector<uint64_t>& out) const {
    for (const Choice& c : chooser_.log()) {
        out.push_back(c.value);
    }
}

} // namespace lockstep
