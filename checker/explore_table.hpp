#pragma once
// The explorer's visited set: 64-bit state fingerprints in one open-addressing array (linear
// probing, no per-entry allocation, no pointers), so a stored state costs 8 bytes divided by the
// load factor. Inserts are lock-free (a compare-and-swap on the key), which lets several threads
// share one table.
//
// With a time bound, fingerprints are relative to now, so one entry stands for the same state at
// any absolute time; the table then also keeps the earliest time each state was reached, because
// a state reached earlier has more of the time bound left and must be explored from there.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace lockstep {

class VisitedTable {
  public:
    enum class Insert : uint8_t {
        fresh,   // never seen: explore it
        earlier, // seen, but now reached at an earlier time: explore it again from here
        seen,    // nothing new
    };

    VisitedTable(bool keep_times, unsigned initial_log2);

    // Thread-safe against other inserts; never concurrent with grow().
    Insert insert(uint64_t key, int64_t time_ns);
    bool contains(uint64_t key) const;
    // The earliest time recorded for a stored key (INT64_MAX when not stored or times not kept).
    int64_t earliest(uint64_t key) const;

    size_t size() const { return size_.load(std::memory_order_relaxed); }
    size_t capacity() const { return mask_ + 1; }
    // Whether the load factor passed the point where probes get long.
    bool wants_grow() const { return size() * 4 > capacity() * 3; }
    // Doubles the capacity. The caller guarantees no insert runs meanwhile.
    void grow();
    size_t memory_bytes() const;

  private:
    static uint64_t stored_key(uint64_t key) { return key == 0 ? 1 : key; } // 0 marks a free slot
    static size_t home(uint64_t key, size_t mask) {
        return size_t(key * 0x9e3779b97f4a7c15ULL >> 7) & mask;
    }
    void allocate(size_t capacity);
    Insert update_time(size_t slot, int64_t time_ns, bool fresh);
    size_t earliest_slot(uint64_t key) const; // SIZE_MAX: not stored
    size_t stride() const { return keep_times_ ? 2 : 1; }

    bool keep_times_;
    size_t mask_ = 0;
    // Per slot: the key, then (when keeping times) the earliest arrival as int64.
    std::unique_ptr<std::atomic<uint64_t>[]> words_;
    std::atomic<size_t> size_{0};
};

} // namespace lockstep
