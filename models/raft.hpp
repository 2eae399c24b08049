#pragma once
// A Raft member (Ongaro and Ousterhout 2014, as etcd's raft package implements it), embedded in a
// server node: leader election with randomised timeouts, terms, log replication with nextIndex
// back-off, commit on a majority of durable copies, and check-quorum (a leader that hears from no
// majority for an election timeout steps down; a member that heard from a leader within that time
// ignores vote requests). The node owns the state machine; the log calls it back through RaftHost.
// docs/models/raft.md describes the algorithm, its parameters and its trace events.
#include <cstdint>
#include <vector>

#include "models/consensus_spec.hpp"
#include "models/raft_log.hpp"
#include "models/raft_protocol.hpp"
#include "sim/node.hpp"

namespace lockstep {

enum class RaftRole : uint8_t { follower, candidate, leader };

// Raft's timers use tags from here up; a host keeps its own below.
constexpr uint64_t raft_timer_base = uint64_t(1) << 48;

// What the log asks of the state machine that embeds it.
class RaftHost {
  public:
    virtual ~RaftHost() = default;
    // A committed entry, in log order, exactly once per member incarnation. `announce` is true on
    // one member only (the leader that committed it), which records lock-level trace events.
    virtual void apply(Context& ctx, uint32_t index, const LogEntry& entry, bool announce) = 0;
    // The member became leader, or stopped being one.
    virtual void role_changed(Context& ctx, RaftRole role) = 0;
    // A read started with Raft::read_index may now be served from this member's state.
    virtual void read_ready(Context& ctx, uint64_t token) {
        (void)ctx;
        (void)token;
    }
};

class Raft {
  public:
    // `members` lists every member's node id in a fixed order; `self` is this member's position.
    Raft(RaftSpec spec, std::vector<NodeId> members, uint32_t self);

    void start(Context& ctx);
    // True when the message belonged to the log.
    bool on_message(Context& ctx, const Envelope& message, RaftHost& host);
    // True when the timer belonged to the log.
    bool on_timer(Context& ctx, uint64_t tag, RaftHost& host);
    void crash();

    enum class Proposal : uint8_t { appended, forwarded, dropped };
    // Appends on a leader, forwards to a known leader, drops otherwise (etcd: "proposal dropped").
    Proposal propose(Context& ctx, const Command& command, RaftHost& host);

    // A linearizable read without a log entry (ReadIndex): RaftHost::read_ready(token) comes once
    // a majority confirmed the leader and this member applied what was committed when the read
    // began. False when the read was dropped (no live leader); a dropped read is never answered.
    bool read_index(Context& ctx, uint64_t token, RaftHost& host);

    RaftRole role() const { return role_; }
    bool is_leader() const { return role_ == RaftRole::leader; }
    NodeId leader() const { return leader_; }
    uint32_t term() const { return term_; }
    uint32_t commit_index() const { return commit_; }
    uint32_t self_index() const { return self_; }
    const RaftLog& log() const { return log_; }
    // A member that knows a leader it heard from within the election timeout (or leads).
    bool has_live_leader(Context& ctx) const;
    // A leader that committed an entry of its own term (so its store is up to date) and heard
    // from a majority within the election timeout: what it answers alone cannot be stale.
    bool leader_confirmed(Context& ctx) const;

    void fingerprint(Hasher& h, const LocalNow& now) const;

  private:
    enum Timer : uint64_t { election = 1, heartbeat = 2, quorum_check = 3, sync = 4 };
    enum class Mode : uint8_t { probe, replicate };
    struct Progress {
        uint32_t next = 1;
        uint32_t match = 0;
        Mode mode = Mode::probe;
        bool probe_sent = false;
        bool active = false;        // heard from since the last quorum check
        uint32_t stalled_ticks = 0; // heartbeats during which match stayed behind and still
        uint32_t match_at_tick = 0;
        Time heard_mono; // the last answer from this member
    };

    // Elections (raft_election.cpp).
    void become_follower(Context& ctx, uint32_t term, NodeId leader, RaftHost& host);
    void become_candidate(Context& ctx, RaftHost& host);
    void become_leader(Context& ctx, RaftHost& host);
    void on_vote_request(Context& ctx, NodeId from, const RaftVote& vote, RaftHost& host);
    void on_vote_reply(Context& ctx, NodeId from, const RaftVoteReply& reply, RaftHost& host);
    void on_election_timer(Context& ctx, RaftHost& host);
    void on_quorum_check(Context& ctx, RaftHost& host);
    void reset_election_timer(Context& ctx);
    void arm(Context& ctx, Duration delay, Timer timer);
    void set_role(Context& ctx, RaftRole role, RaftHost& host);

    // Replication (raft_replication.cpp).
    void on_append(Context& ctx, NodeId from, const RaftAppend& append, RaftHost& host);
    void on_append_reply(Context& ctx, NodeId from, const RaftAppendReply& reply, RaftHost& host);
    void on_propose(Context& ctx, const RaftPropose& proposal, RaftHost& host);
    void append_local(Context& ctx, const Command& command);
    void send_append(Context& ctx, uint32_t peer);
    void send_entry(Context& ctx, uint32_t peer, uint32_t index);
    void send_heartbeat(Context& ctx, uint32_t peer);
    void send_commit(Context& ctx, uint32_t peer);
    void broadcast_heartbeat(Context& ctx);
    bool maybe_decrease(Progress& p, uint32_t rejected, uint32_t hint);
    void maybe_commit(Context& ctx, RaftHost& host);
    void advance_commit(Context& ctx, uint32_t commit, RaftHost& host);
    void apply_committed(Context& ctx, RaftHost& host);
    void start_sync(Context& ctx);
    void on_sync_done(Context& ctx, RaftHost& host);
    void reply_append(Context& ctx, bool success, uint32_t index, uint32_t hint);

    // ReadIndex (raft_read.cpp).
    struct PendingRead {
        uint64_t token = 0;
        NodeId origin = no_node; // the member that asked (itself or a follower)
        uint32_t index = 0;      // the commit index when the read began
        uint32_t round = 0;      // leader: the probe round that confirms it
        uint32_t acks = 0;       // leader: members that acknowledged that round or a later one
        bool confirmed = false;  // follower: the leader gave the index
    };
    void on_read_index_request(Context& ctx, NodeId from, const RaftReadIndexRequest& request,
                               RaftHost& host);
    void on_read_index_reply(Context& ctx, const RaftReadIndexReply& reply, RaftHost& host);
    void on_read_probe(Context& ctx, NodeId from, const RaftReadProbe& probe, RaftHost& host);
    void on_read_ack(Context& ctx, NodeId from, const RaftReadAck& ack, RaftHost& host);
    void start_leader_read(Context& ctx, uint64_t token, NodeId origin, RaftHost& host);
    void finish_confirmed_reads(Context& ctx, RaftHost& host);
    void serve_follower_reads(Context& ctx, RaftHost& host);

    uint32_t majority() const { return static_cast<uint32_t>(members_.size() / 2 + 1); }
    uint32_t index_of(NodeId node) const;

    RaftSpec spec_;
    std::vector<NodeId> members_;
    uint32_t self_;

    // Persistent (written before answering, see docs/models/raft.md).
    uint32_t term_ = 0;
    NodeId voted_for_ = no_node;
    RaftLog log_;

    // Volatile.
    RaftRole role_ = RaftRole::follower;
    NodeId leader_ = no_node;
    uint32_t commit_ = 0;
    uint32_t applied_ = 0;
    uint32_t announce_floor_ = 0; // entries up to here were announced by an earlier leader
    uint64_t epoch_ = 0;          // role changes; timers of an older role are ignored
    Duration election_timeout_;   // this term's randomised timeout
    Time heard_mono_;             // last heard from a leader (or granted a vote)
    uint32_t votes_ = 0;          // bitmask of members that voted for this candidate
    uint32_t ack_pending_ = 0;    // follower: the match index to acknowledge once durable
    std::vector<Progress> progress_;
    std::vector<PendingRead> reads_;
    uint32_t read_round_ = 0;
};

} // namespace lockstep
