#pragma once
// Messages of a replicated Redis deployment (docs/models/redis-replicated.md): the replication
// stream from a primary to its replicas, the Sentinel's pings and role commands, the clients'
// "who is the primary?" question, and the READONLY error a replica returns to a lock command.
// Padding is spelled out: bodies must have no padding bytes (sim/message.hpp).
#include <cstdint>
#include <string_view>

#include "sim/ids.hpp"

namespace lockstep {

// Replication stream. Every record carries a key's whole state (not a delta), so replaying a
// record twice is harmless. Deadlines travel as absolute wall-clock ms, as Redis 7 propagates
// SET ... PX as PXAT: the replica's expiry then depends on its own wall clock.
struct ReplicaSet {
    static constexpr std::string_view name = "replica.set";
    uint64_t value;
    int64_t expires_at_ms; // -1: no expiry
    int64_t counter;       // the fencing counter after this write
    uint32_t key;
    NodeId holder;
    uint16_t padding;
};
struct ReplicaDel {
    static constexpr std::string_view name = "replica.del";
    int64_t counter;
    uint32_t key;
    uint32_t padding;
};
// Full resynchronisation: the replica drops its dataset; `keys` ReplicaSet records follow.
struct ReplicaFlush {
    static constexpr std::string_view name = "replica.flush";
    int64_t counter;
    uint64_t keys;
};
// A replica (re)connects to its primary and asks for a full sync (PSYNC without a backlog).
struct ReplicaHello {
    static constexpr std::string_view name = "replica.hello";
    uint64_t unused;
};

// Sentinel -> Redis node.
struct SentinelPing {
    static constexpr std::string_view name = "sentinel.ping";
    uint64_t seq;
};
struct SentinelPong {
    static constexpr std::string_view name = "sentinel.pong";
    uint64_t seq;
    uint32_t is_primary; // the node's own idea of its role
    NodeId primary;      // whom it replicates from (itself when primary)
    uint16_t padding;
};
// REPLICAOF NO ONE.
struct SentinelPromote {
    static constexpr std::string_view name = "sentinel.promote";
    uint64_t epoch;
};
// REPLICAOF host port: replicate from `primary`, discarding the current dataset.
struct SentinelReplicaOf {
    static constexpr std::string_view name = "sentinel.replicaof";
    uint64_t epoch;
    NodeId primary;
    uint16_t padding16;
    uint32_t padding32;
};

// Client <-> Sentinel (SENTINEL get-master-addr-by-name).
struct SentinelGetPrimary {
    static constexpr std::string_view name = "sentinel.get_primary";
    uint64_t request;
};
struct SentinelPrimaryIs {
    static constexpr std::string_view name = "sentinel.primary_is";
    uint64_t request;
    NodeId primary;
    uint16_t padding16;
    uint32_t padding32;
};

// A replica's answer to SET, DEL or the scripts: "-READONLY You can't write against a read only
// replica."
struct RedisReadonly {
    static constexpr std::string_view name = "redis.readonly";
    uint64_t request;
};

} // namespace lockstep
