#pragma once
// Work sharing between depth-first threads: subtrees waiting to be searched, each a stored state
// with the run that reaches it. A thread that runs dry waits here; busy threads see that someone
// is hungry and give away the shallowest subtree they have not entered yet (it is likely big).
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <vector>

#include "checker/explore_dfs.hpp"

namespace lockstep {

struct Subtree {
    PendingState root;
    std::vector<uint64_t> path; // the choices of the run up to root, its own step included
};

class WorkPool {
  public:
    WorkPool(SearchShared& shared, unsigned threads) : shared_(shared), threads_(threads) {}

    void give(Subtree work);
    // The next subtree; false when every thread is idle and nothing is left (or on a stop). A
    // waiting thread is out of the visited set's grow rendezvous.
    bool take(Subtree& out);
    bool hungry() const { return hungry_.load(std::memory_order_relaxed) > 0; }

  private:
    SearchShared& shared_;
    const unsigned threads_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<Subtree> queue_;
    unsigned idle_ = 0;
    bool done_ = false;
    std::atomic<int> hungry_{0};
};

} // namespace lockstep
