#include "checker/explore_stateless.hpp"

namespace lockstep {

Stateless::Stateless(const World& unstarted, SearchShared& shared)
    : shared_(shared), stepper_(unstarted, shared.options()) {}

void Stateless::run() {
    shared_.join();
    explore(0);
    shared_.leave();
}

StepResult Stateless::replay_and_step(uint32_t depth, const std::vector<uint64_t>& prefix) {
    if (depth == 0) {
        return stepper_.start(prefix);
    }
    stepper_.start(taken_[0]);
    for (uint32_t d = 1; d < depth; ++d) {
        stepper_.advance(taken_[d]);
    }
    return stepper_.advance(prefix);
}

void Stateless::explore(uint32_t depth) {
    if (taken_.size() <= depth) {
        taken_.resize(size_t(depth) + 1);
    }
    std::vector<uint64_t> prefix;
    bool more = true;
    while (more && !shared_.stopped()) {
        const StepResult r = replay_and_step(depth, prefix);
        ++stats_.transitions;
        stats_.max_depth = std::max<uint64_t>(stats_.max_depth, depth);
        taken_[depth].clear();
        stepper_.append_choices(taken_[depth]);
        more = stepper_.chooser().next_prefix(prefix);
        if (r.fresh != 0) {
            scratch_.clear();
            for (uint32_t d = 0; d <= depth; ++d) {
                scratch_.insert(scratch_.end(), taken_[d].begin(), taken_[d].end());
            }
            shared_.violated(r.fresh, scratch_, depth);
        }
        if (stats_.transitions >= shared_.options().bounds.max_states) {
            shared_.exhaust();
            return;
        }
        if (r.ended) {
            ++stats_.ends;
        } else if (depth >= shared_.options().bounds.max_depth) {
            ++stats_.depth_cut;
        } else {
            explore(depth + 1);
        }
    }
}

} // namespace lockstep
