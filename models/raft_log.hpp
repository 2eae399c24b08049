#pragma once
// A member's copy of the replicated log and what of it reached the disk. Appends become durable
// only when a sync covering them completes (the fsync delay); a crash keeps the durable prefix and
// loses the rest, which is why a member acknowledges an entry only once it is durable.
#include <cstdint>
#include <vector>

#include "models/raft_protocol.hpp"

namespace lockstep {

class Hasher;

class RaftLog {
  public:
    uint32_t last_index() const { return static_cast<uint32_t>(entries_.size()); }
    uint32_t last_term() const { return term_at(last_index()); }
    // The term of the entry at `index`; 0 for index 0 (the empty prefix) and beyond the end.
    uint32_t term_at(uint32_t index) const {
        return index == 0 || index > last_index() ? 0 : entries_[index - 1].term;
    }
    const LogEntry& at(uint32_t index) const { return entries_[index - 1]; }

    void append(const LogEntry& entry) { entries_.push_back(entry); }
    // Keeps entries 1..index (a follower drops a conflicting suffix).
    void truncate_after(uint32_t index);

    uint32_t durable_index() const { return durable_; }
    // Whether entries wait for a sync and none is running: the caller then starts one.
    bool sync_wanted() const { return !sync_running_ && last_index() > durable_; }
    // Starts a sync of everything appended so far.
    void begin_sync();
    // The running sync completed: what it covered (and is still in the log) is durable.
    void end_sync();
    bool sync_running() const { return sync_running_; }

    // The process died: only the durable prefix survives, and no sync is running any more.
    void crash();

    void fingerprint(Hasher& h) const;

  private:
    std::vector<LogEntry> entries_; // entries_[i] holds index i + 1
    uint32_t durable_ = 0;
    uint32_t sync_target_ = 0; // the last index the running sync covers
    bool sync_running_ = false;
};

} // namespace lockstep
