// Log replication (Raft section 5.3) with etcd's progress tracking: a follower is probed one entry
// at a time until its log matches, then entries are pipelined up to a window; a rejection backs
// nextIndex off to the follower's hint. An entry counts towards a majority only once durable on
// that member (its fsync completed), and commit needs an entry of the leader's own term.
#include <algorithm>

#include "models/raft.hpp"

namespace lockstep {

void Raft::append_local(Context& ctx, const Command& command) {
    log_.append(LogEntry{term_, command});
    start_sync(ctx);
}

void Raft::start_sync(Context& ctx) {
    // One sync covers everything appended while it was not running: etcd batches WAL writes.
    if (log_.sync_wanted()) {
        log_.begin_sync();
        arm(ctx, spec_.fsync, sync);
    }
}

void Raft::on_sync_done(Context& ctx, RaftHost& host) {
    log_.end_sync();
    if (role_ == RaftRole::leader) {
        progress_[self_].match = log_.durable_index();
        maybe_commit(ctx, host);
    } else if (ack_pending_ != 0 && leader_ != no_node) {
        const uint32_t ack = std::min(ack_pending_, log_.durable_index());
        if (ack > 0) {
            reply_append(ctx, true, ack, log_.last_index());
        }
        if (ack_pending_ <= log_.durable_index()) {
            ack_pending_ = 0;
        }
    }
    start_sync(ctx);
}

void Raft::reply_append(Context& ctx, bool success, uint32_t index, uint32_t hint) {
    ctx.send(leader_, RaftAppendReply{term_, success ? 1u : 0u, index, hint});
}

void Raft::on_append(Context& ctx, NodeId from, const RaftAppend& append, RaftHost& host) {
    if (append.term < term_) {
        // A deposed leader learns the newer term from the answer and steps down.
        ctx.send(from, RaftAppendReply{term_, 0, append.prev_index, log_.last_index()});
        return;
    }
    if (append.term > term_ || role_ != RaftRole::follower) {
        become_follower(ctx, append.term, from, host);
    }
    leader_ = from;
    heard_mono_ = ctx.mono_now();
    if (append.prev_index > log_.last_index() ||
        log_.term_at(append.prev_index) != append.prev_term) {
        const uint32_t hint = std::min(log_.last_index(), append.prev_index - 1);
        reply_append(ctx, false, append.prev_index, hint);
        return;
    }
    uint32_t verified = append.prev_index;
    if (append.has_entry != 0) {
        verified = append.prev_index + 1;
        if (log_.last_index() >= verified && log_.term_at(verified) != append.entry_term) {
            log_.truncate_after(append.prev_index); // an uncommitted suffix of an older leader
        }
        if (log_.last_index() < verified) {
            log_.append(LogEntry{append.entry_term, append.entry});
            start_sync(ctx);
        }
    }
    advance_commit(ctx, std::min(append.commit, verified), host);
    if (verified <= log_.durable_index()) {
        reply_append(ctx, true, verified, log_.last_index());
    } else {
        ack_pending_ = std::max(ack_pending_, verified); // answered when the sync completes
    }
}

bool Raft::maybe_decrease(Progress& p, uint32_t rejected, uint32_t hint) {
    if (p.mode == Mode::replicate) {
        if (rejected <= p.match) {
            return false; // an answer to an old message
        }
    } else if (p.next == 0 || p.next - 1 != rejected) {
        return false; // not the probe in flight
    }
    p.next = std::max(p.match + 1, std::min(rejected, hint + 1));
    return true;
}

void Raft::on_append_reply(Context& ctx, NodeId from, const RaftAppendReply& reply,
                           RaftHost& host) {
    if (reply.term > term_) {
        become_follower(ctx, reply.term, no_node, host);
        return;
    }
    const uint32_t peer = index_of(from);
    if (role_ != RaftRole::leader || reply.term != term_ || peer == UINT32_MAX) {
        return;
    }
    Progress& p = progress_[peer];
    p.active = true;
    p.heard_mono = ctx.mono_now();
    if (reply.success == 0) {
        if (maybe_decrease(p, reply.index, reply.hint)) {
            p.mode = Mode::probe;
            p.probe_sent = false;
            send_append(ctx, peer);
        }
        return;
    }
    const bool probe_answered = p.mode == Mode::probe && reply.index + 1 >= p.next;
    p.match = std::max(p.match, reply.index);
    p.next = std::max(p.next, p.match + 1);
    if (probe_answered) {
        p.mode = Mode::replicate; // the logs agree up to next - 1: pipeline from there
    }
    p.probe_sent = false;
    maybe_commit(ctx, host);
    if (is_leader()) {
        send_append(ctx, peer);
    }
}

void Raft::on_propose(Context& ctx, const RaftPropose& proposal, RaftHost& host) {
    // Only a leader appends; a proposal that reaches a member that stopped leading is dropped,
    // and the client's timeout retries it.
    if (is_leader()) {
        propose(ctx, proposal.command, host);
    }
}

void Raft::send_entry(Context& ctx, uint32_t peer, uint32_t index) {
    const LogEntry& e = log_.at(index);
    ctx.send(members_[peer],
             RaftAppend{term_, index - 1, log_.term_at(index - 1), commit_, e.term, 1, e.command});
}

void Raft::send_heartbeat(Context& ctx, uint32_t peer) {
    const Progress& p = progress_[peer];
    ctx.send(members_[peer],
             RaftAppend{term_, p.match, log_.term_at(p.match), commit_, 0, 0, Command{}});
}

void Raft::send_append(Context& ctx, uint32_t peer) {
    Progress& p = progress_[peer];
    if (p.mode == Mode::probe) {
        if (!p.probe_sent && p.next <= log_.last_index()) {
            send_entry(ctx, peer, p.next);
            p.probe_sent = true;
        }
        return;
    }
    while (p.next <= log_.last_index() && p.next - p.match - 1 < spec_.max_inflight) {
        send_entry(ctx, peer, p.next);
        ++p.next;
    }
}

void Raft::broadcast_heartbeat(Context& ctx) {
    for (uint32_t peer = 0; peer < members_.size(); ++peer) {
        if (peer == self_) {
            continue;
        }
        Progress& p = progress_[peer];
        const bool behind = p.match < log_.last_index();
        p.stalled_ticks = behind && p.match == p.match_at_tick ? p.stalled_ticks + 1 : 0;
        p.match_at_tick = p.match;
        if (p.mode == Mode::replicate && p.stalled_ticks >= 2) {
            // Pipelined entries were lost (a dropped message, a partition): probe again.
            p.mode = Mode::probe;
            p.next = p.match + 1;
        }
        p.probe_sent = false;
        send_heartbeat(ctx, peer);
        send_append(ctx, peer);
    }
    arm(ctx, spec_.heartbeat, heartbeat);
}

void Raft::maybe_commit(Context& ctx, RaftHost& host) {
    if (!is_leader()) {
        return;
    }
    std::vector<uint32_t> matches;
    matches.reserve(progress_.size());
    for (const Progress& p : progress_) {
        matches.push_back(p.match);
    }
    std::sort(matches.begin(), matches.end(), std::greater<>());
    const uint32_t candidate = matches[majority() - 1];
    // Only an entry of the current term commits by counting (Raft section 5.4.2): a leader that
    // lost its majority never gets here for anything it appended.
    if (candidate <= commit_ || log_.term_at(candidate) != term_) {
        return;
    }
    advance_commit(ctx, candidate, host);
    // Tell the followers at once, so that a follower that took the client's request can answer.
    for (uint32_t peer = 0; peer < members_.size(); ++peer) {
        if (peer != self_ && is_leader()) {
            send_commit(ctx, peer);
        }
    }
}

void Raft::send_commit(Context& ctx, uint32_t peer) {
    // Like etcd's empty MsgApp after a commit: anchored at the last entry sent, so a follower
    // that received everything (links are FIFO) commits up to there, not only up to what the
    // leader has seen acknowledged.
    const Progress& p = progress_[peer];
    const uint32_t anchor = p.mode == Mode::replicate ? p.next - 1 : p.match;
    ctx.send(members_[peer],
             RaftAppend{term_, anchor, log_.term_at(anchor), commit_, 0, 0, Command{}});
}

void Raft::advance_commit(Context& ctx, uint32_t commit, RaftHost& host) {
    if (commit > commit_) {
        commit_ = commit;
        apply_committed(ctx, host);
    }
}

void Raft::apply_committed(Context& ctx, RaftHost& host) {
    while (applied_ < commit_) {
        ++applied_;
        const bool announce = is_leader() && applied_ > announce_floor_;
        host.apply(ctx, applied_, log_.at(applied_), announce);
    }
    if (!reads_.empty()) {
        serve_follower_reads(ctx, host);
    }
}

} // namespace lockstep
