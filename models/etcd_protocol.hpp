#pragma once
// etcd's client API as far as the lock recipes use it (docs/models/etcd.md). Requests travel as
// one Command (EtcdRequest): writes through the log, reads through ReadIndex; keep-alives go to
// the leader's lessor and watches stay on the member the client is connected to. Revisions travel
// as 32-bit values in requests and as int64 in replies, as etcd's API returns them.
#include <cstdint>
#include <string_view>

#include "models/raft_protocol.hpp"

namespace lockstep {

// The store operations, as Command::op values.
enum EtcdOp : uint8_t {
    etcd_grant = 1,    // a: TTL in seconds; the lease id is the entry's log index
    etcd_revoke = 2,   // a: lease; flags: 1 when the leader's lessor revokes an expired lease
    etcd_lock_txn = 3, // If(CreateRevision(pfx/lease) == 0) Then(Put, GetOwner) Else(Get, GetOwner)
    etcd_delete = 4,   // a: lease (the key pfx/lease)
    etcd_get_older = 5,  // a: lease, b: max create revision: the newest key below the caller's
    etcd_get_key = 6,    // a: lease: Get(pfx/lease)
    etcd_cas_record = 7, // a: expected mod revision (0: absent), b: holder + 1 (0: empty)
    etcd_get_record = 8, // the election record
};
constexpr uint8_t etcd_revoke_expired = 1;

struct EtcdRequest {
    static constexpr std::string_view name = "etcd.request";
    Command command; // client and flags are set by the member
};

struct EtcdKeepAlive {
    static constexpr std::string_view name = "etcd.lease_keepalive";
    uint32_t request;
    uint32_t lease;
};
struct EtcdKeepAliveReply {
    static constexpr std::string_view name = "etcd.lease_keepalive_reply";
    uint32_t request;
    uint32_t lease;
    uint32_t ttl_s; // 0: the lease is gone ("requested lease not found")
    uint32_t unused;
};
// A follower passes a keep-alive to the leader's lessor and relays the answer.
struct EtcdKeepAliveForward {
    static constexpr std::string_view name = "etcd.keepalive_forward";
    uint16_t client;
    uint16_t unused;
    uint32_t request;
    uint32_t lease;
};
struct EtcdKeepAliveForwardReply {
    static constexpr std::string_view name = "etcd.keepalive_forward_reply";
    uint16_t client;
    uint16_t unused;
    uint32_t request;
    uint32_t lease;
    uint32_t ttl_s;
};

struct EtcdWatch {
    static constexpr std::string_view name = "etcd.watch_delete";
    uint32_t watch;
    uint32_t key;       // the lease id naming pfx/lease
    uint32_t start_rev; // report a deletion at or after this revision
    uint32_t unused;
};
struct EtcdWatchEvent {
    static constexpr std::string_view name = "etcd.watch_event";
    uint32_t watch;
    uint32_t key;
    int64_t revision;
};

struct EtcdGrantReply {
    static constexpr std::string_view name = "etcd.lease_grant_reply";
    uint32_t request;
    uint32_t lease;
    uint32_t ttl_s;
    uint32_t unused;
};
struct EtcdTxnReply {
    static constexpr std::string_view name = "etcd.txn_reply";
    uint32_t request;
    uint32_t succeeded;     // the compare held (the key was created)
    uint32_t lease_missing; // "etcdserver: requested lease not found"
    uint32_t unused;
    int64_t my_rev;    // the key's create revision
    int64_t owner_rev; // the smallest create revision under the prefix (0: none)
    int64_t header_rev;
};
struct EtcdRangeReply {
    static constexpr std::string_view name = "etcd.range_reply";
    uint32_t request;
    uint32_t found;
    uint32_t key;
    uint32_t unused;
    int64_t create_rev;
    int64_t header_rev;
};
struct EtcdWriteReply {
    static constexpr std::string_view name = "etcd.write_reply";
    uint32_t request;
    uint32_t done;   // delete: a key was deleted; revoke: the lease existed; cas: succeeded
    uint32_t holder; // cas/get record: holder + 1 (0: empty)
    uint32_t unused;
    int64_t revision; // cas/get record: the record's mod revision; others: the header revision
};

} // namespace lockstep
