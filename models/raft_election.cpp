// Leader election (Raft section 5.2) with etcd's check-quorum: randomised timeouts, one vote per
// term, the up-to-date rule, and a leader that steps down when a majority stops answering.
#include <bit>

#include "models/raft.hpp"

namespace lockstep {

void Raft::reset_election_timer(Context& ctx) {
    // etcd draws the timeout uniformly in [T, 2T) at every role change; here in whole ms.
    const int64_t spread_ms = std::max<int64_t>(spec_.election_timeout.whole_ms(), 1);
    election_timeout_ =
        spec_.election_timeout + Duration::ms(int64_t(ctx.pick(uint64_t(spread_ms))));
}

void Raft::set_role(Context& ctx, RaftRole role, RaftHost& host) {
    const bool was_leader = role_ == RaftRole::leader;
    role_ = role;
    ++epoch_;       // the previous role's timers die
    reads_.clear(); // reads wait on a leader that is no longer ours: their clients retry
    if (role == RaftRole::leader) {
        arm(ctx, spec_.heartbeat, heartbeat);
        arm(ctx, spec_.election_timeout, quorum_check);
    } else {
        heard_mono_ = ctx.mono_now();
        reset_election_timer(ctx);
        arm(ctx, election_timeout_, election);
    }
    if (was_leader != (role == RaftRole::leader)) {
        host.role_changed(ctx, role);
    }
}

void Raft::become_follower(Context& ctx, uint32_t term, NodeId leader, RaftHost& host) {
    if (term > term_) {
        if (role_ == RaftRole::leader) {
            ctx.emit("leader_stepped_down", {Field("term", term_), Field("reason", "higher_term"),
                                             Field("new_term", term)});
        }
        term_ = term;
        voted_for_ = no_node;
        ack_pending_ = 0;
    }
    leader_ = leader;
    set_role(ctx, RaftRole::follower, host);
}

void Raft::become_candidate(Context& ctx, RaftHost& host) {
    ++term_;
    voted_for_ = members_[self_];
    leader_ = no_node;
    votes_ = 1u << self_;
    ack_pending_ = 0;
    set_role(ctx, RaftRole::candidate, host);
    ctx.emit("election_started", {Field("term", term_)});
    if (std::popcount(votes_) >= int(majority())) {
        become_leader(ctx, host); // a single-member cluster
        return;
    }
    for (uint32_t peer = 0; peer < members_.size(); ++peer) {
        if (peer != self_) {
            ctx.send(members_[peer], RaftVote{term_, log_.last_index(), log_.last_term(), 0});
        }
    }
}

void Raft::become_leader(Context& ctx, RaftHost& host) {
    leader_ = members_[self_];
    // Entries committed so far were announced by the leader that committed them.
    announce_floor_ = commit_;
    progress_.assign(members_.size(), Progress{});
    for (Progress& p : progress_) {
        p.next = log_.last_index() + 1;
        p.heard_mono = ctx.mono_now() - spec_.election_timeout; // not heard as leader yet
    }
    progress_[self_].match = log_.durable_index();
    ctx.emit("leader_elected", {Field("term", term_), Field("last_index", log_.last_index()),
                                Field("commit", commit_)});
    set_role(ctx, RaftRole::leader, host);
    // An empty entry of the new term lets earlier entries commit (Raft section 5.4.2).
    propose(ctx, Command{}, host);
}

void Raft::on_election_timer(Context& ctx, RaftHost& host) {
    const Duration quiet = ctx.mono_now() - heard_mono_;
    if (quiet < election_timeout_) {
        arm(ctx, election_timeout_ - quiet, election); // heard from the leader meanwhile
        return;
    }
    become_candidate(ctx, host);
}

void Raft::on_vote_request(Context& ctx, NodeId from, const RaftVote& vote, RaftHost& host) {
    // With check-quorum, a member that heard from a live leader ignores a disruptive candidate
    // (etcd's "in lease" rule): a rejoining member with a higher term cannot depose it.
    if (vote.term > term_ && spec_.check_quorum && has_live_leader(ctx)) {
        return;
    }
    if (vote.term > term_) {
        become_follower(ctx, vote.term, no_node, host);
    }
    const bool up_to_date =
        vote.last_term > log_.last_term() ||
        (vote.last_term == log_.last_term() && vote.last_index >= log_.last_index());
    const bool grant = vote.term == term_ && role_ != RaftRole::leader &&
                       (voted_for_ == no_node || voted_for_ == from) && up_to_date;
    if (grant) {
        voted_for_ = from;
        heard_mono_ = ctx.mono_now(); // granting a vote restarts the election timeout
    }
    ctx.send(from, RaftVoteReply{term_, grant ? 1u : 0u});
}

void Raft::on_vote_reply(Context& ctx, NodeId from, const RaftVoteReply& reply, RaftHost& host) {
    if (reply.term > term_) {
        become_follower(ctx, reply.term, no_node, host);
        return;
    }
    const uint32_t voter = index_of(from);
    if (role_ != RaftRole::candidate || reply.term != term_ || reply.granted == 0 ||
        voter == UINT32_MAX) {
        return;
    }
    votes_ |= 1u << voter;
    if (std::popcount(votes_) >= int(majority())) {
        become_leader(ctx, host);
    }
}

void Raft::on_quorum_check(Context& ctx, RaftHost& host) {
    uint32_t active = 1; // itself
    for (uint32_t peer = 0; peer < progress_.size(); ++peer) {
        if (peer != self_ && progress_[peer].active) {
            ++active;
        }
        progress_[peer].active = false;
    }
    if (spec_.check_quorum && active < majority()) {
        // Cut off from a majority: whatever it appends can never commit, and a leader elected on
        // the other side may already serve clients.
        ctx.emit("leader_stepped_down", {Field("term", term_), Field("reason", "check_quorum"),
                                         Field("reachable", active)});
        become_follower(ctx, term_, no_node, host);
        return;
    }
    arm(ctx, spec_.election_timeout, quorum_check);
}

} // namespace lockstep
