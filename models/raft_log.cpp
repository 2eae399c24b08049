#include "models/raft_log.hpp"

#include <algorithm>

#include "sim/hash.hpp"

namespace lockstep {

void RaftLog::truncate_after(uint32_t index) {
    if (index >= last_index()) {
        return;
    }
    entries_.resize(index);
    // A sync running now was writing entries that no longer exist: it cannot make their
    // replacements durable.
    durable_ = std::min(durable_, index);
    sync_target_ = std::min(sync_target_, index);
}

void RaftLog::begin_sync() {
    sync_running_ = true;
    sync_target_ = last_index();
}

void RaftLog::end_sync() {
    sync_running_ = false;
    durable_ = std::max(durable_, std::min(sync_target_, last_index()));
}

void RaftLog::crash() {
    entries_.resize(durable_);
    sync_running_ = false;
    sync_target_ = durable_;
}

void RaftLog::fingerprint(Hasher& h) const {
    h.add(entries_.size()).add(durable_).add(sync_target_).add(sync_running_ ? 1u : 0u);
    for (const LogEntry& e : entries_) {
        const Command& c = e.command;
        h.add(e.term).add(c.op).add(c.flags).add(c.client).add(c.request).add(c.a).add(c.b);
    }
}

} // namespace lockstep
