// An etcd member's client side and plumbing: requests into the log, keep-alives to the leader's
// lessor, delete watches on the member's own store, the lessor's 500 ms expiry scan.
#include "models/etcd_server.hpp"

#include <algorithm>
#include <cstdio>

#include "sim/hash.hpp"

namespace lockstep {
namespace {

constexpr uint64_t lessor_tick = 1;

} // namespace

EtcdServer::EtcdServer(const EtcdSpec& spec, std::string lock_name, std::vector<NodeId> members,
                       uint32_t self)
    : spec_(spec), lock_name_(std::move(lock_name)), raft_(spec.raft, std::move(members), self) {}

uint32_t EtcdServer::min_ttl_s() const {
    // etcd: minTTL = ceil((3 * electionTicks / 2) * heartbeat) in seconds.
    const int64_t heartbeat_ns = std::max<int64_t>(spec_.raft.heartbeat.count_ns(), 1);
    const int64_t election_ticks = spec_.raft.election_timeout.count_ns() / heartbeat_ns;
    const int64_t min_ns = (3 * election_ticks / 2) * heartbeat_ns;
    return static_cast<uint32_t>((min_ns + 999'999'999) / 1'000'000'000);
}

void EtcdServer::on_start(Context& ctx) {
    raft_.start(ctx);
}

void EtcdServer::on_message(Context& ctx, const Envelope& message) {
    if (raft_.on_message(ctx, message, *this)) {
        return;
    }
    if (message.is<EtcdRequest>()) {
        on_request(ctx, message.from, message.as<EtcdRequest>().command);
    } else if (message.is<EtcdKeepAlive>()) {
        on_keepalive(ctx, message.from, message.as<EtcdKeepAlive>());
    } else if (message.is<EtcdKeepAliveForward>()) {
        const auto f = message.as<EtcdKeepAliveForward>();
        if (raft_.leader_confirmed(ctx)) {
            const uint32_t ttl = lessor_.renew(f.lease, store_, ctx.mono_now());
            ctx.send(message.from, EtcdKeepAliveForwardReply{f.client, 0, f.request, f.lease, ttl});
        }
    } else if (message.is<EtcdKeepAliveForwardReply>()) {
        const auto r = message.as<EtcdKeepAliveForwardReply>();
        ctx.send(r.client, EtcdKeepAliveReply{r.request, r.lease, r.ttl_s, 0});
    } else if (message.is<EtcdWatch>()) {
        on_watch(ctx, message.from, message.as<EtcdWatch>());
    }
}

void EtcdServer::on_request(Context& ctx, NodeId from, Command command) {
    if (command.op < etcd_grant || command.op > etcd_get_record) {
        return;
    }
    command.client = from;
    command.flags = 0; // only the lessor revokes as "expired"
    if (!raft_.has_live_leader(ctx)) {
        return; // "etcdserver: no leader": the client's timeout sends it elsewhere
    }
    if (command.op == etcd_get_older || command.op == etcd_get_key ||
        command.op == etcd_get_record) {
        // A linearizable read needs no entry: ReadIndex confirms the leader, then this member
        // answers from its own store once it has caught up.
        std::erase_if(pending_reads_,
                      [&](const PendingRead& r) { return r.command.client == from; });
        pending_reads_.push_back({++next_read_, command});
        if (!raft_.read_index(ctx, next_read_, *this)) {
            pending_reads_.pop_back();
        }
        return;
    }
    std::erase_if(pending_, [&](const Pending& p) { return p.client == from; });
    pending_.push_back({from, command.request});
    raft_.propose(ctx, command, *this);
}

void EtcdServer::on_keepalive(Context& ctx, NodeId from, const EtcdKeepAlive& request) {
    if (raft_.is_leader()) {
        // Renewing needs a confirmed leader: a leader cut off in a minority cannot renew.
        if (raft_.leader_confirmed(ctx)) {
            const uint32_t ttl = lessor_.renew(request.lease, store_, ctx.mono_now());
            ctx.send(from, EtcdKeepAliveReply{request.request, request.lease, ttl, 0});
        }
        return;
    }
    if (raft_.has_live_leader(ctx)) {
        ctx.send(raft_.leader(), EtcdKeepAliveForward{from, 0, request.request, request.lease});
    }
}

void EtcdServer::on_watch(Context& ctx, NodeId from, const EtcdWatch& request) {
    watches_.push_back({from, request.watch, request.key, request.start_rev});
    check_watches(ctx);
}

void EtcdServer::check_watches(Context& ctx) {
    // A watch from revision R reports the key's deletion once this member's store is at R or
    // later and the key is gone; a member that lags answers when it catches up.
    std::erase_if(watches_, [&](const Watch& w) {
        if (store_.revision() < int64_t(w.start_rev) || store_.find(w.key) != nullptr) {
            return false;
        }
        ctx.send(w.client, EtcdWatchEvent{w.watch, w.key, store_.revision()});
        ctx.emit("watch_fired",
                 {Field("client", ctx.node_name(w.client)), Field("lock_key", key_name(w.key)),
                  Field("revision", store_.revision())});
        return true;
    });
}

void EtcdServer::arm_lessor(Context& ctx) {
    ctx.set_timer(spec_.lessor_check, lessor_tick | (lessor_epoch_ << 8));
}

void EtcdServer::on_lessor_tick(Context& ctx) {
    if (!raft_.is_leader()) {
        return;
    }
    if (raft_.leader_confirmed(ctx)) {
        for (uint32_t lease : lessor_.take_expired(ctx.mono_now())) {
            Command revoke;
            revoke.op = etcd_revoke;
            revoke.flags = etcd_revoke_expired;
            revoke.client = ctx.self();
            revoke.a = lease;
            raft_.propose(ctx, revoke, *this);
        }
    }
    arm_lessor(ctx);
}

void EtcdServer::on_timer(Context& ctx, uint64_t tag) {
    if (raft_.on_timer(ctx, tag, *this)) {
        return;
    }
    if ((tag & 0xff) == lessor_tick && (tag >> 8) == lessor_epoch_) {
        on_lessor_tick(ctx);
    }
}

void EtcdServer::on_crash() {
    // The store is rebuilt by replaying the durable log once a leader says what is committed.
    raft_.crash();
    store_ = EtcdStore{};
    lessor_.demote();
    pending_.clear();
    pending_reads_.clear();
    watches_.clear();
    ++lessor_epoch_;
}

void EtcdServer::on_restart(Context& ctx) {
    ctx.emit("restarted",
             {Field("log_entries", raft_.log().last_index()), Field("term", raft_.term())});
    raft_.start(ctx);
}

std::string EtcdServer::key_name(uint32_t lease) const {
    char hex[16];
    std::snprintf(hex, sizeof hex, "%x", lease);
    return lock_name_ + "/" + hex;
}

std::string_view EtcdServer::client_name(Context& ctx, uint32_t lease) const {
    const EtcdStore::Lease* l = store_.lease(lease);
    return l != nullptr && l->client != no_node ? ctx.node_name(l->client) : std::string_view("?");
}

void EtcdServer::fingerprint(Hasher& h, const LocalNow& now) const {
    raft_.fingerprint(h, now);
    store_.fingerprint(h);
    lessor_.fingerprint(h, now.mono);
    h.add(pending_.size()).add(watches_.size());
    for (const Pending& p : pending_) {
        h.add(p.client).add(p.request);
    }
    h.add(pending_reads_.size());
    for (const PendingRead& r : pending_reads_) {
        h.add(r.token).add(r.command.client).add(r.command.request);
    }
    for (const Watch& w : watches_) {
        h.add(w.client).add(w.watch).add(w.key).add(w.start_rev);
    }
}

} // namespace lockstep
