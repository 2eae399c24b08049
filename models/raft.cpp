// The log's entry points: start, dispatch of messages and timers, proposals, crash, fingerprint.
// Elections live in raft_election.cpp, replication and commit in raft_replication.cpp.
#include "models/raft.hpp"

#include <cassert>

#include "sim/hash.hpp"

namespace lockstep {

Raft::Raft(RaftSpec spec, std::vector<NodeId> members, uint32_t self)
    : spec_(spec), members_(std::move(members)), self_(self) {
    assert(self_ < members_.size() && members_.size() <= 32);
}

void Raft::start(Context& ctx) {
    role_ = RaftRole::follower;
    leader_ = no_node;
    heard_mono_ = ctx.mono_now();
    ++epoch_;
    reset_election_timer(ctx);
    arm(ctx, election_timeout_, election);
}

uint32_t Raft::index_of(NodeId node) const {
    for (uint32_t i = 0; i < members_.size(); ++i) {
        if (members_[i] == node) {
            return i;
        }
    }
    return UINT32_MAX;
}

bool Raft::on_message(Context& ctx, const Envelope& message, RaftHost& host) {
    if (message.is<RaftAppend>()) {
        on_append(ctx, message.from, message.as<RaftAppend>(), host);
    } else if (message.is<RaftAppendReply>()) {
        on_append_reply(ctx, message.from, message.as<RaftAppendReply>(), host);
    } else if (message.is<RaftVote>()) {
        on_vote_request(ctx, message.from, message.as<RaftVote>(), host);
    } else if (message.is<RaftVoteReply>()) {
        on_vote_reply(ctx, message.from, message.as<RaftVoteReply>(), host);
    } else if (message.is<RaftPropose>()) {
        on_propose(ctx, message.as<RaftPropose>(), host);
    } else if (message.is<RaftReadProbe>()) {
        on_read_probe(ctx, message.from, message.as<RaftReadProbe>(), host);
    } else if (message.is<RaftReadAck>()) {
        on_read_ack(ctx, message.from, message.as<RaftReadAck>(), host);
    } else if (message.is<RaftReadIndexRequest>()) {
        on_read_index_request(ctx, message.from, message.as<RaftReadIndexRequest>(), host);
    } else if (message.is<RaftReadIndexReply>()) {
        on_read_index_reply(ctx, message.as<RaftReadIndexReply>(), host);
    } else {
        return false;
    }
    return true;
}

bool Raft::on_timer(Context& ctx, uint64_t tag, RaftHost& host) {
    if (tag < raft_timer_base) {
        return false;
    }
    const uint64_t kind = tag & 0xf;
    if (kind == sync) {
        on_sync_done(ctx, host); // the disk finishes whatever role the member has now
        return true;
    }
    if (((tag - raft_timer_base) >> 4) != epoch_) {
        return true; // armed in a role the member has left
    }
    switch (kind) {
    case election: on_election_timer(ctx, host); break;
    case heartbeat: broadcast_heartbeat(ctx); break;
    case quorum_check: on_quorum_check(ctx, host); break;
    default: break;
    }
    return true;
}

void Raft::arm(Context& ctx, Duration delay, Timer timer) {
    const uint64_t epoch = timer == sync ? 0 : epoch_;
    ctx.set_timer(delay, raft_timer_base | (epoch << 4) | timer);
}

Raft::Proposal Raft::propose(Context& ctx, const Command& command, RaftHost& host) {
    (void)host;
    if (is_leader()) {
        append_local(ctx, command);
        for (uint32_t peer = 0; peer < members_.size(); ++peer) {
            if (peer != self_) {
                send_append(ctx, peer);
            }
        }
        return Proposal::appended;
    }
    if (leader_ != no_node) {
        ctx.send(leader_, RaftPropose{term_, 0, command});
        return Proposal::forwarded;
    }
    return Proposal::dropped;
}

bool Raft::has_live_leader(Context& ctx) const {
    if (role_ == RaftRole::leader) {
        return true;
    }
    return leader_ != no_node && ctx.mono_now() - heard_mono_ < spec_.election_timeout;
}

bool Raft::leader_confirmed(Context& ctx) const {
    if (!is_leader() || log_.term_at(commit_) != term_) {
        return false;
    }
    uint32_t heard = 1;
    for (uint32_t peer = 0; peer < progress_.size(); ++peer) {
        if (peer != self_ && progress_[peer].heard_mono + spec_.election_timeout > ctx.mono_now()) {
            ++heard;
        }
    }
    return heard >= majority();
}

void Raft::crash() {
    // Term, vote and the durable log prefix survive; everything else is rebuilt.
    log_.crash();
    role_ = RaftRole::follower;
    leader_ = no_node;
    commit_ = 0;
    applied_ = 0;
    announce_floor_ = 0;
    votes_ = 0;
    ack_pending_ = 0;
    progress_.clear();
    reads_.clear();
}

void Raft::fingerprint(Hasher& h, const LocalNow& now) const {
    h.add(term_).add(voted_for_).add(uint64_t(role_)).add(leader_).add(commit_).add(applied_);
    h.add(announce_floor_).add(votes_).add(ack_pending_);
    h.add_signed(election_timeout_.count_ns()).add_signed((now.mono - heard_mono_).count_ns());
    log_.fingerprint(h);
    for (const Progress& p : progress_) {
        h.add(p.next).add(p.match).add(uint64_t(p.mode)).add(p.probe_sent ? 1u : 0u);
        h.add(p.active ? 1u : 0u).add(p.stalled_ticks);
    }
    h.add(read_round_).add(reads_.size());
    for (const PendingRead& r : reads_) {
        h.add(r.token).add(r.origin).add(r.index).add(r.round).add(r.acks).add(r.confirmed ? 1u
                                                                                           : 0u);
    }
}

} // namespace lockstep
