#include "checker/explore_step.hpp"

#include "sim/hash.hpp"

namespace lockstep {

Stepper::Stepper(const World& unstarted, const ExploreOptions& options)
    : unstarted_(unstarted),
      options_(options),
      working_(std::make_unique<World>(unstarted)),
      monitor_(unstarted.node_count()) {
    working_->set_chooser(chooser_);
}

StepResult Stepper::start(const std::vector<uint64_t>& prefix) {
    working_->assign_state(unstarted_);
    chooser_.reset(prefix);
    working_->start(chooser_);
    if (!names_) {
        names_ = std::make_unique<MonitorNames>(working_->trace()); // node names exist now
    }
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

uint64_t Stepper::fingerprint() const {
    Hasher h(working_->fingerprint());
    monitor_.fingerprint(h, working_->now(), options_.monitor);
    return h.value();
}

void Stepper::append_choices(std::vector<uint64_t>& out) const {
    for (const Choice& c : chooser_.log()) {
        out.push_back(c.value);
    }
}

} // namespace lockstep
