#pragma once
// Depth-first search from one state: a stack of expanded states, each holding the successors it
// has not descended into yet. Memory is the stack (depth times branching worlds), not the space.
#include <cstdint>
#include <memory>
#include <vector>

#include "checker/explore_expand.hpp"

namespace lockstep {

// A stored state with the choices of the step that led to it.
struct PendingState {
    std::unique_ptr<World> world;
    PropertyMonitor monitor;
    uint32_t depth = 0;
    std::vector<uint64_t> choices;
};

class WorkPool;

class DepthFirst {
  public:
    DepthFirst(const World& unstarted, SearchShared& shared);
    // With several threads: give subtrees away to `pool` when a thread there is hungry.
    void share_with(WorkPool* pool) { pool_to_feed_ = pool; }

    // Searches everything reachable from `root`, whose run so far is `path`.
    void run(PendingState root, const std::vector<uint64_t>& path);
    // The states right after start(), each once (the search's roots).
    std::vector<PendingState> initial_states();
    const ExploreStats& stats() const { return stats_; }
    WorldPool& pool() { return pool_; }
    Stepper& stepper() { return stepper_; }

  private:
    struct Frame {
        std::unique_ptr<World> world;
        PropertyMonitor monitor;
        uint32_t depth = 0;
        size_t path_begin = 0;
        std::vector<PendingState> children;
        size_t next = 0;
    };

    void push(PendingState s);
    void expand(Frame& f);
    void pop();
    void donate();
    // Keeps a successor when it is new (or reached earlier) and may still go somewhere.
    bool keep(const StepResult& r, Novelty n, uint32_t depth);

    SearchShared& shared_;
    ExploreStats stats_;
    WorldPool pool_;
    Stepper stepper_;
    Expander expander_;
    std::vector<Frame> frames_;
    size_t top_ = 0; // frames_ in use (the vector keeps their buffers)
    std::vector<uint64_t> path_;
    std::vector<uint64_t> scratch_;
    uint64_t since_checkpoint_ = 0;
    WorkPool* pool_to_feed_ = nullptr;
};

} // namespace lockstep
