#pragma once
// What the searching threads share: the visited set, the verdicts with their counterexamples, the
// stop flag, and the rendezvous that lets one thread grow the visited set while the others wait.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <vector>

#include "checker/explore.hpp"
#include "checker/explore_table.hpp"

namespace lockstep {

class SearchShared {
  public:
    explicit SearchShared(const ExploreOptions& options);

    const ExploreOptions& options() const { return options_; }
    VisitedTable& table() { return table_; }
    bool stopped() const { return stop_.load(std::memory_order_relaxed); }
    void stop() { stop_.store(true, std::memory_order_relaxed); }
    bool budget_reached() const { return table_.size() >= options_.bounds.max_states; }
    // The state budget ran out: stop, and say the search is inconclusive.
    void exhaust() {
        exhausted_.store(true, std::memory_order_relaxed);
        stop();
    }
    bool exhausted() const { return exhausted_.load(std::memory_order_relaxed); }

    // Records the properties in `fresh` as violated by the run `path`; keeps the shortest
    // counterexample per property (ties: the smaller choice string, so threads agree).
    void violated(uint8_t fresh, const std::vector<uint64_t>& path, uint64_t depth);
    bool decided(MonitoredProperty p) const;

    // Between expansions: if the table wants to grow, wait for every thread to get here and let
    // the last one grow it. A thread joins before it inserts and leaves when it stops.
    void checkpoint();
    void join();
    void leave();

    void add_stats(const ExploreStats& s);
    ExploreResult result() const;

  private:
    void grow_if_last(std::unique_lock<std::mutex>& lock);

    const ExploreOptions& options_;
    VisitedTable table_;
    std::atomic<bool> stop_{false};
    std::atomic<bool> exhausted_{false};
    mutable std::mutex mutex_;
    std::condition_variable grown_;
    unsigned running_ = 0;
    bool grow_wanted_ = false;
    uint64_t grow_generation_ = 0;
    std::atomic<uint8_t> decided_{0};
    std::vector<PropertyVerdict> verdicts_;
    ExploreStats stats_;
};

} // namespace lockstep
