#pragma once
// ZooKeeper's client protocol as far as the lock recipe uses it (docs/models/zookeeper.md).
// Writes (session creation and closing, create, delete) travel as one Command through the log;
// pings and reads are served by the server the client is connected to, from its own tree. A
// getChildren reply cannot carry a list in 40 bytes, so the request names the caller's own node
// and GUID and the reply carries what the recipe computes from the list: the lowest node, the
// next lower one, and the caller's node found by its GUID.
#include <cstdint>
#include <string_view>

#include "models/raft_protocol.hpp"

namespace lockstep {

enum ZkOp : uint8_t {
    zk_create_session = 1, // a: negotiated timeout in ms; the session id is the entry's index
    zk_close_session = 2,  // a: session; flags: 1 when the leader expires it
    zk_create = 3,         // a: session, b: GUID: create lock/<guid>-lock- EPHEMERAL|SEQUENTIAL
    zk_delete = 4,         // a: session, b: sequence number of the node
};
constexpr uint8_t zk_close_expired = 1;

struct ZkRequest {
    static constexpr std::string_view name = "zk.request";
    Command command;
};

struct ZkConnect {
    static constexpr std::string_view name = "zk.connect";
    uint32_t request;
    uint32_t session;    // 0: a new session; else re-attach to it
    uint32_t timeout_ms; // requested
    uint32_t unused;
    int64_t last_zxid; // a server that has seen less refuses the client
};
struct ZkConnectReply {
    static constexpr std::string_view name = "zk.connect_reply";
    uint32_t request;
    uint32_t session;
    uint32_t timeout_ms; // negotiated
    uint32_t expired;    // 1: SESSION_EXPIRED
};

struct ZkPing {
    static constexpr std::string_view name = "zk.ping";
    uint32_t session;
    uint32_t request;
};
struct ZkPingReply {
    static constexpr std::string_view name = "zk.ping_reply";
    uint32_t session;
    uint32_t request;
    uint32_t expired;
    uint32_t unused;
};
// A follower passes a client's liveness on to the leader's session tracker.
struct ZkTouch {
    static constexpr std::string_view name = "zk.touch";
    uint32_t session;
    uint32_t unused;
};
// The server tells a connected client that its session is gone (it closes the connection, and
// the client reads SESSION_EXPIRED when it next runs).
struct ZkSessionExpired {
    static constexpr std::string_view name = "zk.session_expired";
    uint32_t session;
    uint32_t unused;
};

struct ZkCreateReply {
    static constexpr std::string_view name = "zk.create_reply";
    uint32_t request;
    uint32_t seq;
    uint32_t error; // 1: SESSIONEXPIRED
    uint32_t unused;
    int64_t czxid;
};
struct ZkDeleteReply {
    static constexpr std::string_view name = "zk.delete_reply";
    uint32_t request;
    uint32_t deleted; // 0: NONODE
    int64_t zxid;
};

struct ZkGetChildren {
    static constexpr std::string_view name = "zk.get_children";
    uint32_t request;
    uint32_t session;
    uint32_t own_seq; // 0: none yet
    uint32_t guid;
    uint32_t watch; // 1: leave a children watch on the lock node (the naive recipe)
    uint32_t unused;
    int64_t min_zxid;
};
struct ZkChildrenReply {
    static constexpr std::string_view name = "zk.children_reply";
    uint32_t request;
    uint32_t count;
    uint32_t lowest_seq; // 0: no children
    uint32_t next_lower; // the node just below own_seq (0: none)
    uint32_t guid_seq;   // the node whose name carries the GUID (0: none)
    uint32_t own_exists; // own_seq is among the children
    int64_t guid_czxid;
    int64_t zxid;
};

struct ZkExists {
    static constexpr std::string_view name = "zk.exists";
    uint32_t request;
    uint32_t session;
    uint32_t seq;
    uint32_t watch;
    int64_t min_zxid;
};
struct ZkExistsReply {
    static constexpr std::string_view name = "zk.exists_reply";
    uint32_t request;
    uint32_t exists;
    int64_t zxid;
};

struct ZkWatchEvent {
    static constexpr std::string_view name = "zk.watch_event";
    uint32_t kind; // 1: NodeDeleted (seq), 2: NodeChildrenChanged (the lock node)
    uint32_t seq;
    int64_t zxid;
};
constexpr uint32_t zk_event_deleted = 1;
constexpr uint32_t zk_event_children = 2;

} // namespace lockstep
