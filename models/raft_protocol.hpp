#pragma once
// The replicated log's wire format (docs/models/raft.md). A message body holds at most 40 bytes, so
// a log entry is a fixed 16-byte command and an append carries at most one entry; the leader
// pipelines one message per entry (etcd's MsgApp stream, one entry per message). Indices and terms
// are 32-bit: a simulated run never comes near four billion entries.
#include <cstdint>
#include <string_view>

namespace lockstep {

// What a state machine asks the log to order. `op` 0 is the leader's empty entry of a new term;
// other values belong to the state machine (etcd, ZooKeeper). `client` and `request` identify the
// client request the entry answers, so that the member the client spoke to can reply on apply.
struct Command {
    uint8_t op = 0;
    uint8_t flags = 0;
    uint16_t client = 0xffff;
    uint32_t request = 0;
    uint32_t a = 0;
    uint32_t b = 0;
};
static_assert(sizeof(Command) == 16);

constexpr uint8_t op_noop = 0;

struct LogEntry {
    uint32_t term = 0;
    Command command;
};

// AppendEntries with zero or one entry; with none it is a heartbeat (or carries a new commit).
struct RaftAppend {
    static constexpr std::string_view name = "raft.append";
    uint32_t term;
    uint32_t prev_index;
    uint32_t prev_term;
    uint32_t commit;
    uint32_t entry_term;
    uint32_t has_entry;
    Command entry;
};

struct RaftAppendReply {
    static constexpr std::string_view name = "raft.append_reply";
    uint32_t term;
    uint32_t success;
    uint32_t index; // success: the last index known to match; reject: the prev_index refused
    uint32_t hint;  // reject: the follower's last index (or one below the conflict)
};

struct RaftVote {
    static constexpr std::string_view name = "raft.request_vote";
    uint32_t term;
    uint32_t last_index;
    uint32_t last_term;
    uint32_t unused;
};

struct RaftVoteReply {
    static constexpr std::string_view name = "raft.vote_reply";
    uint32_t term;
    uint32_t granted;
};

// A proposal a follower forwards to its leader (etcd raft forwards MsgProp the same way).
struct RaftPropose {
    static constexpr std::string_view name = "raft.propose";
    uint32_t term;
    uint32_t unused;
    Command command;
};

// ReadIndex (Raft section 8, etcd's ReadOnlySafe): the leader confirms it still leads by a round
// of probes acknowledged by a majority; a read then sees everything committed before it began.
struct RaftReadProbe {
    static constexpr std::string_view name = "raft.read_probe";
    uint32_t term;
    uint32_t round;
};
struct RaftReadAck {
    static constexpr std::string_view name = "raft.read_ack";
    uint32_t term;
    uint32_t round;
};
// A follower asks the leader for a read index (etcd's MsgReadIndex) and waits until it applied it.
struct RaftReadIndexRequest {
    static constexpr std::string_view name = "raft.read_index";
    uint32_t term;
    uint32_t unused;
    uint64_t token;
};
struct RaftReadIndexReply {
    static constexpr std::string_view name = "raft.read_index_reply";
    uint32_t term;
    uint32_t index;
    uint64_t token;
};

} // namespace lockstep
