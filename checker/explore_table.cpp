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
    // Keys alone, or key and time side by side in one 16-byte slot: one cache line per probe.
    const size_t words = capacity * stride();
    words_ = std::make_unique<std::atomic<uint64_t>[]>(words);
    for (size_t i = 0; i < words; i += stride()) {
        words_[i].store(0, std::memory_order_relaxed);
        if (keep_times_) {
            words_[i + 1].store(uint64_t(unset_time), std::memory_order_relaxed);
        }
    }
}

VisitedTable::Insert VisitedTable::update_time(size_t slot, int64_t time_ns, bool fresh) {
    if (!keep_times_) {
        return fresh ? Insert::fresh : Insert::seen;
    }
    // Atomic minimum: whoever lowers the time explores from there. An inserter racing a finder
    // may both explore the state once; the set of stored states stays the same.
    std::atomic<uint64_t>& t = words_[slot * 2 + 1];
    auto old = int64_t(t.load(std::memory_order_relaxed));
    uint64_t expected = uint64_t(old);
    while (time_ns < old &&
           !t.compare_exchange_weak(expected, uint64_t(time_ns), std::memory_order_relaxed)) {
        old = int64_t(expected);
    }
    if (fresh) {
        return Insert::fresh;
    }
    return time_ns < old ? Insert::earlier : Insert::seen;
}

VisitedTable::Insert VisitedTable::insert(uint64_t key, int64_t time_ns) {
    const uint64_t k = stored_key(key);
    for (size_t i = home(k, mask_);; i = (i + 1) & mask_) {
        std::atomic<uint64_t>& slot = words_[i * stride()];
        uint64_t found = slot.load(std::memory_order_acquire);
        if (found == 0) {
            if (slot.compare_exchange_strong(found, k, std::memory_order_acq_rel)) {
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
    return earliest_slot(key) != SIZE_MAX;
}

size_t VisitedTable::earliest_slot(uint64_t key) const {
    const uint64_t k = stored_key(key);
    for (size_t i = home(k, mask_);; i = (i + 1) & mask_) {
        const uint64_t found = words_[i * stride()].load(std::memory_order_acquire);
        if (found == 0 || found == k) {
            return found == k ? i : SIZE_MAX;
        }
    }
}

int64_t VisitedTable::earliest(uint64_t key) const {
    const size_t slot = keep_times_ ? earliest_slot(key) : SIZE_MAX;
    return slot == SIZE_MAX ? unset_time
                            : int64_t(words_[slot * 2 + 1].load(std::memory_order_relaxed));
}

void VisitedTable::grow() {
    const size_t old_capacity = capacity();
    auto old = std::move(words_);
    allocate(old_capacity * 2);
    for (size_t j = 0; j < old_capacity; ++j) {
        const uint64_t k = old[j * stride()].load(std::memory_order_relaxed);
        if (k == 0) {
            continue;
        }
        size_t i = home(k, mask_);
        while (words_[i * stride()].load(std::memory_order_relaxed) != 0) {
            i = (i + 1) & mask_;
        }
        words_[i * stride()].store(k, std::memory_order_relaxed);
        if (keep_times_) {
            words_[i * 2 + 1].store(old[j * 2 + 1].load(std::memory_order_relaxed),
                                    std::memory_order_relaxed);
        }
    }
}

size_t VisitedTable::memory_bytes() const {
    return capacity() * stride() * sizeof(uint64_t);
}

} // namespace lockstep
