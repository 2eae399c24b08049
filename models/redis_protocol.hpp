#pragma once
// The Redis commands a lock uses, as messages: SET key value NX PX ttl (with an optional INCR of a
// fencing counter in the same script), the compare-and-delete and compare-and-extend scripts from
// the Redis docs, and plain DEL. `value` is the client's unique random value (here: node id and a
// per-client counter, unique like the docs' 20 random bytes and reproducible).
#include <cstdint>
#include <string_view>

namespace lockstep {

struct RedisSetNx {
    static constexpr std::string_view name = "redis.set_nx_px";
    uint64_t request;
    uint64_t value;
    int64_t ttl_ms; // 0: no expiry
    uint32_t key;
    uint32_t want_token; // 1: INCR the fencing counter in the same script
};
struct RedisSetReply {
    static constexpr std::string_view name = "redis.set_reply";
    uint64_t request;
    int64_t ok;    // 1: set, 0: nil (key exists)
    int64_t token; // the counter after INCR, or -1
};
struct RedisDelete {
    static constexpr std::string_view name = "redis.del";
    uint64_t request;
    uint64_t value;
    uint32_t key;
    uint32_t compare; // 1: the docs' Lua compare-and-delete; 0: plain DEL
};
struct RedisDeleteReply {
    static constexpr std::string_view name = "redis.del_reply";
    uint64_t request;
    int64_t deleted;
};
struct RedisExtend {
    static constexpr std::string_view name = "redis.extend";
    uint64_t request;
    uint64_t value;
    int64_t ttl_ms;
    uint32_t key;
    uint32_t padding;
};
struct RedisExtendReply {
    static constexpr std::string_view name = "redis.extend_reply";
    uint64_t request;
    int64_t ok;
};

} // namespace lockstep
