#pragma once
// The pending events: a binary heap of 16-byte keys ordered by (time, seq) over a slab of
// 48-byte records. Records are recycled through a free list, so steady-state scheduling
// allocates nothing, and a pending event costs 64 bytes all told.
#include <cassert>
#include <cstdint>
#include <vector>

#include "sim/message.hpp"
#include "sim/time.hpp"

namespace lockstep {

enum class EventKind : uint8_t {
    message,   // deliver body to `to`
    timer,     // fire a timer at `to`
    fault,     // apply fault number `aux`
    pause_end, // `to`'s pause ends (if not extended since)
    heal_rule, // partition rule `aux` heals
    restart,   // `to` restarts after a crash
};

struct EventRecord {
    EventKind kind = EventKind::message;
    uint8_t cancelled = 0;
    MessageType type = 0;
    NodeId to = no_node;
    NodeId from = no_node;
    MessageBytes body; // message body; for timers: TimerBody; for others: aux values
};
static_assert(sizeof(EventRecord) == 48);

struct TimerBody {
    uint64_t tag;
    uint64_t id;          // the key that names this timer (for cancel)
    uint32_t incarnation; // a crash invalidates timers set before it
};

struct AuxBody {
    uint64_t aux;
    uint64_t aux2;
};

struct QueueKey {
    int64_t time_ns;
    uint64_t seq_slot; // seq << slot_bits | slot: seq orders, slot locates the record
};

constexpr unsigned slot_bits = 24;
constexpr uint64_t slot_mask = (uint64_t(1) << slot_bits) - 1;

class EventQueue {
  public:
    uint32_t allocate() {
        if (!free_.empty()) {
            const uint32_t slot = free_.back();
            free_.pop_back();
            return slot;
        }
        assert(records_.size() < slot_mask && "more than 16M pending events");
        records_.emplace_back();
        return static_cast<uint32_t>(records_.size() - 1);
    }
    void release(uint32_t slot) { free_.push_back(slot); }
    EventRecord& record(uint32_t slot) { return records_[slot]; }
    const EventRecord& record(uint32_t slot) const { return records_[slot]; }

    // Schedules `slot` at `time` and returns the key (its seq is the event's identity).
    QueueKey push(Time time, uint32_t slot) {
        const QueueKey key{time.since_epoch_ns(), (next_seq_++ << slot_bits) | slot};
        push_key(key);
        return key;
    }
    void push_key(QueueKey key) {
        heap_.push_back(key);
        sift_up(heap_.size() - 1);
    }
    bool empty() const { return heap_.empty(); }
    size_t size() const { return heap_.size(); }
    const QueueKey& top() const { return heap_.front(); }
    QueueKey pop() {
        const QueueKey out = heap_.front();
        heap_.front() = heap_.back();
        heap_.pop_back();
        if (!heap_.empty()) {
            sift_down(0);
        }
        return out;
    }
    // Removes the keys `dead(key)` selects (their slots are the caller's to release) and
    // restores the heap; returns how many went.
    template <class Pred>
    size_t erase_if(Pred dead) {
        const size_t before = heap_.size();
        std::erase_if(heap_, dead);
        if (heap_.size() != before) {
            for (size_t i = heap_.size() / 2; i-- > 0;) {
                sift_down(i);
            }
        }
        return before - heap_.size();
    }
    uint64_t next_seq() const { return next_seq_; }
    // Uses up a sequence number without scheduling (the id of a message lost on sending).
    uint64_t take_seq() { return next_seq_++; }
    const std::vector<QueueKey>& keys() const { return heap_; }
    size_t slab_size() const { return records_.size(); }
    size_t memory_bytes() const {
        return heap_.capacity() * sizeof(QueueKey) + records_.capacity() * sizeof(EventRecord) +
               free_.capacity() * sizeof(uint32_t);
    }

  private:
    static bool before(const QueueKey& a, const QueueKey& b) {
        return a.time_ns < b.time_ns || (a.time_ns == b.time_ns && a.seq_slot < b.seq_slot);
    }
    void sift_up(size_t i) {
        const QueueKey moving = heap_[i];
        while (i > 0) {
            const size_t parent = (i - 1) / 2;
            if (!before(moving, heap_[parent])) {
                break;
            }
            heap_[i] = heap_[parent];
            i = parent;
        }
        heap_[i] = moving;
    }
    void sift_down(size_t i) {
        const QueueKey moving = heap_[i];
        const size_t n = heap_.size();
        for (;;) {
            size_t child = 2 * i + 1;
            if (child >= n) {
                break;
            }
            if (child + 1 < n && before(heap_[child + 1], heap_[child])) {
                ++child;
            }
            if (!before(heap_[child], moving)) {
                break;
            }
            heap_[i] = heap_[child];
            i = child;
        }
        heap_[i] = moving;
    }

    std::vector<QueueKey> heap_;
    std::vector<EventRecord> records_;
    std::vector<uint32_t> free_;
    uint64_t next_seq_ = 1;
};

} // namespace lockstep
