#pragma once
// Breadth-first search, one layer (depth) at a time, on one or several threads: the first
// violation found is on a shortest run. Every stored state keeps a link to its parent and the
// choices of its step (8 bytes plus the choices), so a counterexample is rebuilt by walking up.
// The frontier keeps whole worlds for the current and the next layer only.
#include <cstdint>
#include <memory>
#include <vector>

#include "checker/explore_dfs.hpp"

namespace lockstep {

class BreadthFirst {
  public:
    BreadthFirst(const World& unstarted, SearchShared& shared, unsigned jobs);
    ~BreadthFirst();

    // Searches layer after layer until nothing is left (or a stop).
    void run();
    // Searches layers until the frontier holds at least `wanted` states, then hands them over
    // with the runs that reach them (for depth-first threads to take on).
    std::vector<std::pair<PendingState, std::vector<uint64_t>>> frontier(size_t wanted);
    ExploreStats stats() const;

  private:
    struct Entry {
        std::unique_ptr<World> world;
        PropertyMonitor monitor;
        uint32_t node = 0; // in the tree
        uint32_t depth = 0;
        uint64_t fingerprint = 0;
        int64_t time_ns = 0;
    };
    struct Worker;

    void seed();
    void layer();
    void work(Worker& w);
    void process(Worker& w, Entry& e);
    void merge();
    std::vector<uint64_t> path_to(uint32_t node) const;

    SearchShared& shared_;
    unsigned jobs_;
    std::vector<std::unique_ptr<Worker>> workers_;
    std::vector<Entry> layer_;
    std::atomic<size_t> cursor_{0};
    // The tree of stored states: parent and the first of its step's choices in choices_.
    std::vector<uint32_t> parent_;
    std::vector<uint32_t> choice_begin_;
    std::vector<uint32_t> choices_;
    size_t peak_frontier_ = 0;
};

} // namespace lockstep
