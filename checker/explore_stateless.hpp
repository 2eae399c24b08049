#pragma once
// Stateless search, for comparison: depth-first over runs with no visited set and no stored
// worlds; every transition re-executes its run from the start. It counts every node of the tree
// of runs, so it shows what the visited set saves.
#include <cstdint>
#include <vector>

#include "checker/explore_search.hpp"
#include "checker/explore_step.hpp"

namespace lockstep {

class Stateless {
  public:
    Stateless(const World& unstarted, SearchShared& shared);
    void run();
    const ExploreStats& stats() const { return stats_; }

  private:
    void explore(uint32_t depth);
    StepResult replay_and_step(uint32_t depth, const std::vector<uint64_t>& prefix);

    SearchShared& shared_;
    Stepper stepper_;
    ExploreStats stats_;
    std::vector<std::vector<uint64_t>> taken_; // per depth: the choices of the step on the path
    std::vector<uint64_t> scratch_;
};

} // namespace lockstep
