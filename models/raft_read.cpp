// Linearizable reads without a log entry: ReadIndex (Raft section 8; etcd's ReadOnlySafe). The
// leader notes its commit index, confirms with a round of probes that a majority still follows
// it, and the read is then served from state that includes everything committed before it began.
// A follower asks the leader for that index and serves the read once it has applied it. A leader
// cut off in a minority never gets its round confirmed: its reads are never answered.
#include <algorithm>
#include <bit>

#include "models/raft.hpp"

namespace lockstep {

bool Raft::read_index(Context& ctx, uint64_t token, RaftHost& host) {
    if (is_leader()) {
        if (log_.term_at(commit_) != term_) {
            return false; // it has not committed in its term: its commit index may be behind
        }
        start_leader_read(ctx, token, members_[self_], host);
        return true;
    }
    if (!has_live_leader(ctx)) {
        return false;
    }
    reads_.push_back({token, members_[self_], 0, 0, 0, false});
    ctx.send(leader_, RaftReadIndexRequest{term_, 0, token});
    return true;
}

void Raft::start_leader_read(Context& ctx, uint64_t token, NodeId origin, RaftHost& host) {
    reads_.push_back({token, origin, commit_, ++read_round_, 1u << self_, false});
    if (std::popcount(reads_.back().acks) >= int(majority())) {
        finish_confirmed_reads(ctx, host); // a single-member cluster
        return;
    }
    for (uint32_t peer = 0; peer < members_.size(); ++peer) {
        if (peer != self_) {
            ctx.send(members_[peer], RaftReadProbe{term_, read_round_});
        }
    }
}

void Raft::on_read_probe(Context& ctx, NodeId from, const RaftReadProbe& probe, RaftHost& host) {
    if (probe.term < term_) {
        ctx.send(from, RaftReadAck{term_, 0}); // a deposed leader learns the newer term
        return;
    }
    if (probe.term > term_ || role_ != RaftRole::follower) {
        become_follower(ctx, probe.term, from, host);
    }
    leader_ = from;
    heard_mono_ = ctx.mono_now();
    ctx.send(from, RaftReadAck{term_, probe.round});
}

void Raft::on_read_ack(Context& ctx, NodeId from, const RaftReadAck& ack, RaftHost& host) {
    if (ack.term > term_) {
        become_follower(ctx, ack.term, no_node, host);
        return;
    }
    const uint32_t peer = index_of(from);
    if (!is_leader() || ack.term != term_ || peer == UINT32_MAX) {
        return;
    }
    progress_[peer].active = true;
    progress_[peer].heard_mono = ctx.mono_now();
    // Following us in round r means following us in every earlier round too.
    for (PendingRead& r : reads_) {
        if (r.round != 0 && r.round <= ack.round) {
            r.acks |= 1u << peer;
        }
    }
    finish_confirmed_reads(ctx, host);
}

void Raft::finish_confirmed_reads(Context& ctx, RaftHost& host) {
    std::vector<PendingRead> ready;
    std::erase_if(reads_, [&](const PendingRead& r) {
        const bool done = r.round != 0 && std::popcount(r.acks) >= int(majority());
        if (done) {
            ready.push_back(r);
        }
        return done;
    });
    for (const PendingRead& r : ready) {
        if (r.origin == members_[self_]) {
            host.read_ready(ctx, r.token); // the leader applied its commit index already
        } else {
            ctx.send(r.origin, RaftReadIndexReply{term_, r.index, r.token});
        }
    }
}

void Raft::on_read_index_request(Context& ctx, NodeId from, const RaftReadIndexRequest& request,
                                 RaftHost& host) {
    if (is_leader() && log_.term_at(commit_) == term_) {
        start_leader_read(ctx, request.token, from, host);
    }
}

void Raft::on_read_index_reply(Context& ctx, const RaftReadIndexReply& reply, RaftHost& host) {
    for (PendingRead& r : reads_) {
        if (r.round == 0 && !r.confirmed && r.token == reply.token) {
            r.confirmed = true;
            r.index = reply.index;
        }
    }
    serve_follower_reads(ctx, host);
}

void Raft::serve_follower_reads(Context& ctx, RaftHost& host) {
    std::vector<uint64_t> ready;
    std::erase_if(reads_, [&](const PendingRead& r) {
        const bool done = r.round == 0 && r.confirmed && r.index <= applied_;
        if (done) {
            ready.push_back(r.token);
        }
        return done;
    });
    for (uint64_t token : ready) {
        host.read_ready(ctx, token);
    }
}

} // namespace lockstep
