#include "checker/explore_table.hpp"

#include <cassert>
#include <limits>

namespace lockstep {

namespace {
constexpr int64_t unset_time = std::numeric_limits<int64_t>::max();
} // namespace

VisitedTable::VisitedTable(bool keep_times, unsigned initial_log2) : keep_times_(keep_times) {
    allocate(size_t(1) << initial_log2);
}

void VisitedTable::allocate(size_t capacity) {
    assert((capacity & (capacity - 1)) == 0);
    mask_ = capacity - 1;
    keys_ = std::make_unique<std::atomic<uint64_t>[]>(capacity);
    for (size_t i = 0; i < capacity; ++i) {
        keys_[i].store(0, std::memory_order_relaxed);
    }
    if (keep_times_) {
        times_ = std::make_unique<std::atomic<int64_t>[]>(capacity);
        for (size_t i = 0; i < capacity; ++i) {
            times_[i].store(unset_time, std::memory_order_relaxed);
        }
    }
}

VisitedTable::Insert VisitedTable::update_time(size_t slot, int64_t time_ns, bool fresh) {
    if (!keep_times_) {
        return fresh ? Insert::fresh : Insert::seen;
    }
    // Atomic minimum: whoever lowers the time explores from there. An inserter racing a finder
    // may both explore the state once; the set of stored states stays the same.
    int64_t old = times_[slot].load(std::memory_order_relaxed);
    while (time_ns < old &&
           !times_[slot].compare_exchange_weak(old, time_ns, std::memory_order_relaxed)) {
    }
    if (fresh) {
        return Insert::fresh;
    }
    return time_ns < old ? Insert::earlier : Insert::seen;
}

VisitedTable::Insert VisitedTable::insert(uint64_t key, int64_t time_ns) {
    const uint64_t k = stored_key(key);
    for (size_t i = home(k, mask_);; i = (i + 1) & mask_) {
        uint64_t found = keys_[i].load(std::memory_order_acquire);
        if (found == 0) {
            if (keys_[i].compare_exchange_strong(found, k, std::memory_order_acq_rel)) {
                size_.fetch_add(1, std::memory_order_relaxed);
                return update_time(i, time_ns, true);
            }
            // Another thread took the slot meanwhile: `found` now holds its key.
        }
        if (found == k) {
            return update_time(i, time_ns, false);
        }
    }
}

bool VisitedTable::contains(uint64_t key) const {
    const uint64_t k = stored_key(key);
    for (size_t i = home(k, mask_);; i = (i + 1) & mask_) {
        const uint64_t found = keys_[i].load(std::memory_order_acquire);
        if (found == 0 || found == k) {
            return found == k;
        }
    }
}

int64_t VisitedTable::earliest(uint64_t key) const {
    const uint64_t k = stored_key(key);
    for (size_t i = home(k, mask_);; i = (i + 1) & mask_) {
        const uint64_t found = keys_[i].load(std::memory_order_acquire);
        if (found == 0) {
            return unset_time;
        }
        if (found == k) {
            return keep_times_ ? times_[i].load(std::memory_order_relaxed) : unset_time;
        }
    }
}

void VisitedTable::grow() {
    const size_t old_capacity = capacity();
    auto old_keys = std::move(keys_);
    auto old_times = std::move(times_);
    allocate(old_capacity * 2);
    for (size_t j = 0; j < old_capacity; ++j) {
        const uint64_t k = old_keys[j].load(std::memory_order_relaxed);
        if (k == 0) {
            continue;
        }
        size_t i = home(k, mask_);
        while (keys_[i].load(std::memory_order_relaxed) != 0) {
            i = (i + 1) & mask_;
        }
        keys_[i].store(k, std::memory_order_relaxed);
        if (keep_times_) {
            times_[i].store(old_times[j].load(std::memory_order_relaxed), std::memory_order_relaxed);
        }
    }
}

size_t VisitedTable::memory_bytes() const {
    return capacity() * (sizeof(uint64_t) + (keep_times_ ? sizeof(int64_t) : 0));
}

} // namespace lockstep
