// A ZooKeeper server applying committed transactions: the tree and sessions change alike on every
// server; the server the client spoke to answers; one-shot watches set on this server fire; the
// leader that committed the entry records the lock-level events (lock_granted when a node
// becomes the lowest, lock_released, lock_expired when a session expiry deleted the holder's node).
#include <algorithm>

#include "models/zookeeper_server.hpp"

namespace lockstep {

void ZooKeeperServer::apply(Context& ctx, uint32_t index, const LogEntry& entry, bool announce) {
    store_.begin_entry(index, entry.term);
    const Command& c = entry.command;
    switch (c.op) {
    case zk_create_session: apply_create_session(ctx, index, c, announce); break;
    case zk_close_session: apply_close_session(ctx, c, announce); break;
    case zk_create: apply_create(ctx, c, announce); break;
    case zk_delete: apply_delete(ctx, c, announce); break;
    default: break;
    }
    serve_deferred(ctx);
}

bool ZooKeeperServer::take_pending(const Command& c) {
    return lockstep::take_pending(pending_, c.client, c.request);
}

void ZooKeeperServer::apply_create_session(Context& ctx, uint32_t index, const Command& c,
                                           bool announce) {
    // The session id is the entry's index: unique and the same on every server.
    store_.create_session(index, c.a, c.client);
    tracker_.add(index, c.a, ctx.mono_now());
    if (announce) {
        ctx.emit("session_created",
                 {Field("session", index), Field("client", ctx.node_name(c.client)),
                  Field("timeout_ns", Duration::ms(c.a))});
    }
    if (take_pending(c)) {
        connections_.push_back({index, c.client});
        ctx.send(c.client, ZkConnectReply{c.request, index, c.a, 0});
    }
}

void ZooKeeperServer::apply_close_session(Context& ctx, const Command& c, bool announce) {
    const ZkStore::Session* s = store_.session(c.a);
    const NodeId client = s != nullptr ? s->client : no_node;
    const OwnerView before = owner_view();
    const bool expired = (c.flags & zk_close_expired) != 0;
    const std::vector<uint32_t> deleted = store_.close_session(c.a);
    tracker_.remove(c.a);
    // The session's watches die with it.
    std::erase_if(watches_, [&](const Watch& w) { return w.session == c.a; });
    if (announce && client != no_node) {
        ctx.emit(expired ? "session_expired" : "session_closed",
                 {Field("session", c.a), Field("client", ctx.node_name(client)),
                  Field("ephemerals", uint64_t(deleted.size()))});
        announce_owner_change(ctx, before, c.client, expired);
    }
    for (uint32_t seq : deleted) {
        fire_watches(ctx, seq, true);
    }
    const auto conn = std::find_if(connections_.begin(), connections_.end(),
                                   [&](const auto& p) { return p.first == c.a; });
    if (conn != connections_.end()) {
        if (expired) {
            ctx.send(conn->second, ZkSessionExpired{c.a, 0});
        }
        connections_.erase(conn);
    }
    if (take_pending(c)) {
        ctx.send(c.client, ZkDeleteReply{c.request, 1, store_.last_zxid()});
    }
}

void ZooKeeperServer::apply_create(Context& ctx, const Command& c, bool announce) {
    const OwnerView before = owner_view();
    const ZkStore::Znode* node = store_.create(c.a, c.b);
    uint32_t seq = 0;
    int64_t czxid = 0;
    if (node != nullptr) {
        seq = node->seq;
        czxid = node->czxid;
        if (announce) {
            announce_owner_change(ctx, before, c.client, false);
        }
        fire_watches(ctx, seq, false);
    }
    if (take_pending(c)) {
        ctx.send(c.client, ZkCreateReply{c.request, seq, node == nullptr ? 1u : 0u, 0, czxid});
    }
}

void ZooKeeperServer::apply_delete(Context& ctx, const Command& c, bool announce) {
    const OwnerView before = owner_view();
    const bool deleted = store_.remove(c.b);
    if (deleted) {
        if (announce) {
            announce_owner_change(ctx, before, c.client, false);
        }
        fire_watches(ctx, c.b, true); // the lock changed hands first, then watchers hear of it
    }
    if (take_pending(c)) {
        ctx.send(c.client, ZkDeleteReply{c.request, deleted ? 1u : 0u, store_.last_zxid()});
    }
}

void ZooKeeperServer::fire_watches(Context& ctx, uint32_t seq, bool deleted) {
    // One-shot: a fired watch is gone; the client sets a new one if it wants more.
    std::erase_if(watches_, [&](const Watch& w) {
        const bool fires = w.kind == zk_event_children || (deleted && w.seq == seq);
        if (!fires) {
            return false;
        }
        ctx.send(w.client, ZkWatchEvent{w.kind, seq, store_.last_zxid()});
        ctx.emit("watch_fired",
                 {Field("client", ctx.node_name(w.client)),
                  Field("path", w.kind == zk_event_children ? lock_name_ : node_path(w.seq)),
                  Field("kind", w.kind == zk_event_children ? "children" : "deleted"),
                  Field("cause", deleted ? "deleted" : "created")});
        return true;
    });
}

ZooKeeperServer::OwnerView ZooKeeperServer::owner_view() const {
    const ZkStore::Znode* n = store_.lowest();
    if (n == nullptr) {
        return {};
    }
    const ZkStore::Session* s = store_.session(n->session);
    return {true, n->seq, s != nullptr ? s->client : no_node};
}

void ZooKeeperServer::announce_owner_change(Context& ctx, const OwnerView& before, NodeId by,
                                            bool expired) {
    const OwnerView after = owner_view();
    if (before.exists && (!after.exists || after.seq != before.seq) && before.client != no_node) {
        const std::string_view holder = ctx.node_name(before.client);
        if (expired) {
            ctx.emit("lock_expired", {Field("key", lock_name_), Field("holder", holder),
                                      Field("path", node_path(before.seq))});
        } else {
            ctx.emit("lock_released",
                     {Field("key", lock_name_), Field("holder", holder),
                      Field("by", ctx.node_name(by)), Field("foreign", by != before.client)});
        }
    }
    if (after.exists && (!before.exists || after.seq != before.seq) && after.client != no_node) {
        const ZkStore::Znode* n = store_.find(after.seq);
        const ZkStore::Session* s = store_.session(n->session);
        ctx.emit("lock_granted",
                 {Field("key", lock_name_), Field("holder", ctx.node_name(after.client)),
                  Field("token", n->czxid),
                  Field("ttl_ns", Duration::ms(s != nullptr ? s->timeout_ms : 0)),
                  Field("path", node_path(after.seq))});
    }
}

void ZooKeeperServer::role_changed(Context& ctx, RaftRole role) {
    ++tick_epoch_;
    if (role != RaftRole::leader) {
        tracker_.stop();
        return;
    }
    // A new leader starts every session's timeout afresh (SessionTrackerImpl on leader start).
    tracker_.start(ctx.mono_now(), store_);
    arm_tick(ctx);
}

} // namespace lockstep
