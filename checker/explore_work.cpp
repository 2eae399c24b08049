#include "checker/explore_work.hpp"

#include <chrono>

namespace lockstep {

void WorkPool::give(Subtree work) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(work));
    }
    ready_.notify_one();
}

bool WorkPool::take(Subtree& out) {
    std::unique_lock lock(mutex_);
    if (!queue_.empty()) {
        out = std::move(queue_.front());
        queue_.pop_front();
        return true;
    }
    ++idle_;
    hungry_.fetch_add(1, std::memory_order_relaxed);
    lock.unlock();
    shared_.leave(); // a grow of the visited set must not wait for a thread with nothing to do
    lock.lock();
    // The search ends when every thread waits here with nothing queued (or on a stop, which
    // the timed wait notices).
    while (queue_.empty() && !done_) {
        if (idle_ == threads_ || shared_.stopped()) {
            done_ = true;
            ready_.notify_all();
            break;
        }
        ready_.wait_for(lock, std::chrono::milliseconds(10));
    }
    hungry_.fetch_sub(1, std::memory_order_relaxed);
    if (queue_.empty()) {
        return false; // done: this thread stays out of the rendezvous
    }
    --idle_;
    out = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    shared_.join();
    return true;
}

} // namespace lockstep
