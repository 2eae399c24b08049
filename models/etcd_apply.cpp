// An etcd member applying committed entries: the store changes on every member alike; the member
// the client spoke to answers (reads, which need no entry, are answered in read_ready); the leader
// that committed the entry records the lock-level events (lock_granted when a key becomes the one
// with the smallest create revision, lock_released, lock_expired when the lessor's revoke deleted
// the owner's key).
#include <algorithm>

#include "models/etcd_server.hpp"

namespace lockstep {

void EtcdServer::apply(Context& ctx, uint32_t index, const LogEntry& entry, bool announce) {
    const Command& c = entry.command;
    switch (c.op) {
    case op_noop: break;
    case etcd_grant: apply_grant(ctx, index, c, announce); break;
    case etcd_revoke: apply_revoke(ctx, c, announce); break;
    case etcd_lock_txn: apply_lock_txn(ctx, c, announce); break;
    case etcd_delete: apply_delete(ctx, c, announce); break;
    case etcd_cas_record: apply_record(ctx, c, announce); break;
    default: break;
    }
    check_watches(ctx);
}

bool EtcdServer::take_pending(const Command& c) {
    return lockstep::take_pending(pending_, c.client, c.request);
}

void EtcdServer::apply_grant(Context& ctx, uint32_t index, const Command& c, bool announce) {
    // The lease id is the entry's index: unique, and the same on every member.
    const uint32_t ttl_s = std::max(c.a, min_ttl_s());
    store_.grant(index, ttl_s, c.client);
    lessor_.granted(index, ttl_s, ctx.mono_now());
    if (announce) {
        ctx.emit("lease_granted", {Field("lease", index), Field("ttl_ns", Duration::s(ttl_s)),
                                   Field("client", ctx.node_name(c.client))});
    }
    answer(ctx, c, EtcdGrantReply{c.request, index, ttl_s, 0});
}

void EtcdServer::apply_revoke(Context& ctx, const Command& c, bool announce) {
    const OwnerView before = owner_view();
    const bool waiting_key = store_.find(c.a) != nullptr && !(before.exists && before.lease == c.a);
    const std::string_view holder = client_name(ctx, c.a);
    const bool expired = (c.flags & etcd_revoke_expired) != 0;
    const bool existed = store_.revoke(c.a);
    lessor_.revoked(c.a);
    if (announce && existed) {
        ctx.emit("lease_revoked", {Field("lease", c.a), Field("client", holder),
                                   Field("reason", expired ? "expired" : "revoke")});
        if (expired && waiting_key) {
            // A waiter's key vanished under it (ET-5): it no longer waits in line.
            ctx.emit("lock_waiter_expired", {Field("key", lock_name_), Field("holder", holder),
                                             Field("lock_key", key_name(c.a))});
        }
        announce_owner_change(ctx, before, c.client, expired);
    }
    answer(ctx, c, EtcdWriteReply{c.request, existed ? 1u : 0u, 0, 0, store_.revision()});
}

void EtcdServer::apply_lock_txn(Context& ctx, const Command& c, bool announce) {
    const OwnerView before = owner_view();
    const EtcdStore::TxnResult r = store_.lock_txn(c.a);
    if (announce && r.succeeded) {
        announce_owner_change(ctx, before, c.client, false);
    }
    answer(ctx, c,
           EtcdTxnReply{c.request, r.succeeded ? 1u : 0u, r.lease_missing ? 1u : 0u, 0, r.my_rev,
                        r.owner_rev, store_.revision()});
}

void EtcdServer::apply_delete(Context& ctx, const Command& c, bool announce) {
    const OwnerView before = owner_view();
    const bool deleted = store_.delete_key(c.a);
    if (announce && deleted) {
        announce_owner_change(ctx, before, c.client, false);
    }
    answer(ctx, c, EtcdWriteReply{c.request, deleted ? 1u : 0u, 0, 0, store_.revision()});
}

void EtcdServer::read_ready(Context& ctx, uint64_t token) {
    const auto it = std::find_if(pending_reads_.begin(), pending_reads_.end(),
                                 [&](const PendingRead& r) { return r.token == token; });
    if (it == pending_reads_.end()) {
        return;
    }
    const Command c = it->command;
    pending_reads_.erase(it);
    if (c.op == etcd_get_record) {
        const EtcdStore::Record& r = store_.record();
        ctx.send(c.client, EtcdWriteReply{c.request, 1, r.holder, 0, r.mod_rev});
        return;
    }
    const EtcdStore::Key* k =
        c.op == etcd_get_key ? store_.find(c.a) : store_.newest_at_or_before(int64_t(c.b));
    ctx.send(c.client,
             EtcdRangeReply{c.request, k != nullptr ? 1u : 0u, k != nullptr ? k->lease : 0u, 0,
                            k != nullptr ? k->create_rev : 0, store_.revision()});
}

void EtcdServer::apply_record(Context& ctx, const Command& c, bool announce) {
    const EtcdStore::Record before = store_.record();
    const bool ok = store_.cas_record(int64_t(c.a), c.b);
    const EtcdStore::Record& after = store_.record();
    if (announce && ok && before.holder != after.holder) {
        auto name = [&](uint32_t holder) { return ctx.node_name(static_cast<NodeId>(holder - 1)); };
        if (before.holder != 0) {
            ctx.emit("lock_released",
                     {Field("key", lock_name_), Field("holder", name(before.holder)),
                      Field("by", ctx.node_name(c.client)),
                      Field("foreign", before.holder != uint32_t(c.client) + 1)});
        }
        if (after.holder != 0) {
            ctx.emit("lock_granted",
                     {Field("key", lock_name_), Field("holder", name(after.holder)),
                      Field("token", after.mod_rev), Field("ttl_ns", spec_.kube.lease_duration)});
        }
    }
    answer(ctx, c, EtcdWriteReply{c.request, ok ? 1u : 0u, after.holder, 0, after.mod_rev});
}

EtcdServer::OwnerView EtcdServer::owner_view() const {
    const EtcdStore::Key* k = store_.owner();
    if (k == nullptr) {
        return {};
    }
    const EtcdStore::Lease* l = store_.lease(k->lease);
    return {true, k->lease, l != nullptr ? l->client : no_node};
}

void EtcdServer::announce_owner_change(Context& ctx, const OwnerView& before, NodeId by,
                                       bool expired) {
    const OwnerView after = owner_view();
    if (before.exists && (!after.exists || after.lease != before.lease)) {
        const std::string_view holder = ctx.node_name(before.client);
        if (expired) {
            ctx.emit("lock_expired", {Field("key", lock_name_), Field("holder", holder),
                                      Field("lock_key", key_name(before.lease))});
        } else {
            ctx.emit("lock_released",
                     {Field("key", lock_name_), Field("holder", holder),
                      Field("by", ctx.node_name(by)), Field("foreign", by != before.client)});
        }
    }
    if (after.exists && (!before.exists || after.lease != before.lease)) {
        const EtcdStore::Lease* l = store_.lease(after.lease);
        ctx.emit("lock_granted",
                 {Field("key", lock_name_), Field("holder", ctx.node_name(after.client)),
                  Field("token", store_.find(after.lease)->create_rev),
                  Field("ttl_ns", Duration::s(l != nullptr ? l->ttl_s : 0)),
                  Field("lock_key", key_name(after.lease))});
    }
}

void EtcdServer::role_changed(Context& ctx, RaftRole role) {
    ++lessor_epoch_;
    if (role != RaftRole::leader) {
        lessor_.demote();
        return;
    }
    // etcd's lessor.Promote(extend): every lease gets its full TTL again, plus the election
    // timeout, counted from now on the new leader's clock.
    lessor_.promote(ctx.mono_now(), store_, spec_.raft.election_timeout);
    ctx.emit("lease_promoted", {Field("leases", uint64_t(store_.leases().size())),
                                Field("extend_ns", spec_.raft.election_timeout)});
    arm_lessor(ctx);
}

} // namespace lockstep
