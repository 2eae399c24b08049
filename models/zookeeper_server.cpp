// A ZooKeeper server's client side and plumbing: connections and pings, writes into the log,
// local reads with one-shot watches, and the leader's session expirer ticking at tickTime.
#include "models/zookeeper_server.hpp"

#include <algorithm>

#include "sim/hash.hpp"

namespace lockstep {
namespace {

constexpr uint64_t session_tick = 1;

} // namespace

ZooKeeperServer::ZooKeeperServer(const ZooKeeperSpec& spec, std::string lock_name,
                                 std::vector<NodeId> members, uint32_t self)
    : spec_(spec), lock_name_(std::move(lock_name)), raft_(spec.raft, std::move(members), self),
      tracker_(spec.tick) {}

uint32_t ZooKeeperServer::negotiate_ms(uint32_t requested_ms) const {
    const auto tick_ms = static_cast<uint32_t>(spec_.tick.whole_ms());
    return std::clamp(requested_ms, 2 * tick_ms, 20 * tick_ms);
}

void ZooKeeperServer::on_start(Context& ctx) {
    raft_.start(ctx);
}

void ZooKeeperServer::on_message(Context& ctx, const Envelope& message) {
    if (raft_.on_message(ctx, message, *this)) {
        return;
    }
    if (message.is<ZkConnect>()) {
        on_connect(ctx, message.from, message.as<ZkConnect>());
    } else if (message.is<ZkPing>()) {
        on_ping(ctx, message.from, message.as<ZkPing>());
    } else if (message.is<ZkRequest>()) {
        on_request(ctx, message.from, message.as<ZkRequest>().command);
    } else if (message.is<ZkGetChildren>()) {
        on_read(ctx, {message.from, true, message.as<ZkGetChildren>(), {}});
    } else if (message.is<ZkExists>()) {
        on_read(ctx, {message.from, false, {}, message.as<ZkExists>()});
    } else if (message.is<ZkTouch>()) {
        if (raft_.is_leader()) {
            tracker_.touch(message.as<ZkTouch>().session, ctx.mono_now());
        }
    }
}

void ZooKeeperServer::touch(Context& ctx, uint32_t session) {
    if (raft_.is_leader()) {
        tracker_.touch(session, ctx.mono_now());
    } else if (raft_.leader() != no_node) {
        ctx.send(raft_.leader(), ZkTouch{session, 0});
    }
}

void ZooKeeperServer::on_connect(Context& ctx, NodeId from, const ZkConnect& request) {
    if (!serving(ctx)) {
        return; // not part of a quorum: the client tries another server
    }
    if (request.session == 0) {
        Command c;
        c.op = zk_create_session;
        c.request = request.request;
        c.a = negotiate_ms(request.timeout_ms);
        on_request(ctx, from, c);
        return;
    }
    if (store_.last_zxid() < request.last_zxid) {
        return; // this server is behind what the client has seen: it refuses the client
    }
    const ZkStore::Session* s = store_.session(request.session);
    if (s == nullptr) {
        ctx.send(from, ZkConnectReply{request.request, request.session, 0, 1});
        return;
    }
    std::erase_if(connections_, [&](const auto& c) { return c.first == request.session; });
    connections_.push_back({request.session, from});
    touch(ctx, request.session);
    ctx.send(from, ZkConnectReply{request.request, request.session, s->timeout_ms, 0});
}

void ZooKeeperServer::on_ping(Context& ctx, NodeId from, const ZkPing& ping) {
    if (!serving(ctx)) {
        return;
    }
    const bool alive = store_.session(ping.session) != nullptr;
    if (alive) {
        touch(ctx, ping.session);
    }
    ctx.send(from, ZkPingReply{ping.session, ping.request, alive ? 0u : 1u, 0});
}

void ZooKeeperServer::on_request(Context& ctx, NodeId from, Command command) {
    if (command.op < zk_create_session || command.op > zk_delete || !serving(ctx)) {
        return;
    }
    command.client = from;
    command.flags = 0; // only the leader's expirer closes sessions as expired
    if (command.op != zk_create_session) {
        touch(ctx, command.a);
    }
    std::erase_if(pending_, [&](const Pending& p) { return p.client == from; });
    pending_.push_back({from, command.request});
    raft_.propose(ctx, command, *this);
}

void ZooKeeperServer::on_read(Context& ctx, const DeferredRead& read) {
    if (!serving(ctx)) {
        return;
    }
    touch(ctx, read.children ? read.get_children.session : read.exists.session);
    deferred_.push_back(read);
    serve_deferred(ctx);
}

void ZooKeeperServer::serve_deferred(Context& ctx) {
    // Reads wait until this server has applied everything the client has seen (FIFO client
    // order); then they are answered from the local tree, which may lag the leader.
    std::erase_if(deferred_, [&](const DeferredRead& r) {
        const int64_t min_zxid = r.children ? r.get_children.min_zxid : r.exists.min_zxid;
        if (store_.last_zxid() < min_zxid) {
            return false;
        }
        if (r.children) {
            serve_children(ctx, r.client, r.get_children);
        } else {
            serve_exists(ctx, r.client, r.exists);
        }
        return true;
    });
}

void ZooKeeperServer::serve_children(Context& ctx, NodeId client, const ZkGetChildren& request) {
    const ZkStore::Znode* lowest = store_.lowest();
    const ZkStore::Znode* lower =
        request.own_seq != 0 ? store_.next_lower(request.own_seq) : nullptr;
    const ZkStore::Znode* mine = request.guid != 0 ? store_.with_guid(request.guid) : nullptr;
    if (request.watch != 0) {
        watches_.push_back({client, request.session, zk_event_children, 0});
    }
    ctx.send(client,
             ZkChildrenReply{request.request, uint32_t(store_.children()),
                             lowest != nullptr ? lowest->seq : 0u,
                             lower != nullptr ? lower->seq : 0u, mine != nullptr ? mine->seq : 0u,
                             store_.find(request.own_seq) != nullptr ? 1u : 0u,
                             mine != nullptr ? mine->czxid : 0, store_.last_zxid()});
}

void ZooKeeperServer::serve_exists(Context& ctx, NodeId client, const ZkExists& request) {
    const bool exists = store_.find(request.seq) != nullptr;
    if (exists && request.watch != 0) {
        watches_.push_back({client, request.session, zk_event_deleted, request.seq});
    }
    ctx.send(client, ZkExistsReply{request.request, exists ? 1u : 0u, store_.last_zxid()});
}

void ZooKeeperServer::arm_tick(Context& ctx) {
    const Time now = ctx.mono_now();
    ctx.set_timer(tracker_.next_tick(now) - now, session_tick | (tick_epoch_ << 8));
}

void ZooKeeperServer::on_tick(Context& ctx) {
    if (!raft_.is_leader()) {
        return;
    }
    if (raft_.leader_confirmed(ctx)) {
        for (uint32_t session : tracker_.take_expired(ctx.mono_now())) {
            Command close;
            close.op = zk_close_session;
            close.flags = zk_close_expired;
            close.client = ctx.self();
            close.a = session;
            raft_.propose(ctx, close, *this);
        }
    }
    arm_tick(ctx);
}

void ZooKeeperServer::on_timer(Context& ctx, uint64_t tag) {
    if (raft_.on_timer(ctx, tag, *this)) {
        return;
    }
    if ((tag & 0xff) == session_tick && (tag >> 8) == tick_epoch_) {
        on_tick(ctx);
    }
}

void ZooKeeperServer::on_crash() {
    raft_.crash();
    store_ = ZkStore{};
    tracker_.stop();
    pending_.clear();
    watches_.clear();
    deferred_.clear();
    connections_.clear();
    ++tick_epoch_;
}

void ZooKeeperServer::on_restart(Context& ctx) {
    ctx.emit("restarted",
             {Field("log_entries", raft_.log().last_index()), Field("term", raft_.term())});
    raft_.start(ctx);
}

std::string ZooKeeperServer::node_path(uint32_t seq) const {
    std::string digits = std::to_string(seq);
    return lock_name_ + "/guid-lock-" + std::string(10 - std::min<size_t>(10, digits.size()), '0') +
           digits;
}

void ZooKeeperServer::fingerprint(Hasher& h, const LocalNow& now) const {
    raft_.fingerprint(h, now);
    store_.fingerprint(h);
    tracker_.fingerprint(h, now.mono);
    h.add(pending_.size()).add(watches_.size()).add(deferred_.size()).add(connections_.size());
    for (const Pending& p : pending_) {
        h.add(p.client).add(p.request);
    }
    for (const Watch& w : watches_) {
        h.add(w.client).add(w.session).add(w.kind).add(w.seq);
    }
    for (const DeferredRead& r : deferred_) {
        h.add(r.client).add(r.children ? 1u : 0u);
        h.add(r.children ? r.get_children.request : r.exists.request);
    }
    for (const auto& [session, client] : connections_) {
        h.add(session).add(client);
    }
}

} // namespace lockstep
