#include "models/redis_replicated.hpp"

#include <algorithm>

#include "sim/hash.hpp"

namespace lockstep {
namespace {

// A replica that has not been synced retries the handshake once a second, as Redis's
// replicationCron does.
constexpr Duration hello_retry = Duration::s(1);

} // namespace

RedisReplicated::RedisReplicated(RedisSpec spec, std::string key_name, Duration replication_lag,
                                 NodeId primary)
    : RedisServer(spec, std::move(key_name)), lag_(replication_lag), primary_(primary) {}

void RedisReplicated::on_start(Context& ctx) {
    RedisServer::on_start(ctx);
    if (!is_primary()) {
        send_hello(ctx);
    }
}

void RedisReplicated::on_message(Context& ctx, const Envelope& message) {
    if (on_stream(ctx, message) || on_sentinel(ctx, message)) {
        return;
    }
    if (!is_primary()) {
        refuse(ctx, message);
        return;
    }
    RedisServer::on_message(ctx, message);
}

void RedisReplicated::refuse(Context& ctx, const Envelope& message) {
    uint64_t request = 0;
    if (message.is<RedisSetNx>()) {
        request = message.as<RedisSetNx>().request;
    } else if (message.is<RedisDelete>()) {
        request = message.as<RedisDelete>().request;
    } else if (message.is<RedisExtend>()) {
        request = message.as<RedisExtend>().request;
    } else {
        return;
    }
    ctx.send(message.from, RedisReadonly{request});
}

// --- dispatch of the stream and the replica handshake ---

bool RedisReplicated::on_stream(Context& ctx, const Envelope& message) {
    if (message.is<ReplicaHello>()) {
        if (is_primary()) {
            add_replica(ctx, message.from);
        }
        return true;
    }
    const bool stream =
        message.is<ReplicaSet>() || message.is<ReplicaDel>() || message.is<ReplicaFlush>();
    if (!stream) {
        return false;
    }
    if (is_primary() || message.from != primary_) {
        return true; // from a primary this node no longer follows
    }
    if (message.is<ReplicaSet>()) {
        apply_set(ctx, message.as<ReplicaSet>());
    } else if (message.is<ReplicaDel>()) {
        apply_del(ctx, message.as<ReplicaDel>());
    } else {
        apply_flush(ctx, message.as<ReplicaFlush>());
    }
    return true;
}

void RedisReplicated::send_hello(Context& ctx) {
    synced_ = false;
    ctx.send(primary_, ReplicaHello{0});
    if (!hello_armed_) {
        hello_armed_ = true;
        ctx.set_timer(hello_retry, hello_timer);
    }
}

void RedisReplicated::retry_hello(Context& ctx) {
    hello_armed_ = false;
    if (!is_primary() && !synced_) {
        send_hello(ctx); // the primary may have been down or the hello lost
    }
}

// --- roles, as the Sentinel sets them ---

bool RedisReplicated::on_sentinel(Context& ctx, const Envelope& message) {
    if (message.is<SentinelPing>()) {
        const NodeId primary = is_primary() ? ctx.self() : primary_;
        ctx.send(message.from,
                 SentinelPong{message.as<SentinelPing>().seq, is_primary() ? 1u : 0u, primary, 0});
        return true;
    }
    if (message.is<SentinelPromote>()) {
        if (!is_primary()) {
            promote(ctx);
        }
        return true;
    }
    if (message.is<SentinelReplicaOf>()) {
        const NodeId primary = message.as<SentinelReplicaOf>().primary;
        if (primary != primary_ && primary != ctx.self()) {
            replicate_from(ctx, primary);
        }
        return true;
    }
    return false;
}

void RedisReplicated::promote(Context& ctx) {
    // REPLICAOF NO ONE: the node keeps whatever the stream had delivered, and from now on its own
    // wall clock decides expiry.
    primary_ = no_node;
    replicas_.clear();
    queue_.clear();
    streamed_ = data_;
    ctx.emit("promoted", {Field("node", ctx.name()), Field("keys", uint64_t(data_.entries.size())),
                          Field("counter", data_.counter)});
    expire_now(ctx);
    arm_expiry_cycle(ctx);
}

void RedisReplicated::replicate_from(Context& ctx, NodeId primary) {
    if (is_primary()) {
        // A returning old primary: its dataset (with any unreplicated grants) is thrown away.
        ctx.emit("demoted", {Field("primary", ctx.node_name(primary)),
                             Field("keys_discarded", uint64_t(data_.entries.size()))});
        data_ = Dataset{};
        data_.counter = spec_.first_token - 1;
        RedisServer::wrote(ctx);
    } else {
        ctx.emit("replica_of", {Field("primary", ctx.node_name(primary))});
    }
    primary_ = primary;
    replicas_.clear();
    queue_.clear();
    send_hello(ctx);
}

// --- the primary side ---

void RedisReplicated::wrote(Context& ctx) {
    RedisServer::wrote(ctx);
    if (is_primary()) {
        enqueue_diff(ctx);
    }
}

void RedisReplicated::add_replica(Context& ctx, NodeId replica) {
    if (std::find(replicas_.begin(), replicas_.end(), replica) == replicas_.end()) {
        replicas_.push_back(replica);
    }
    enqueue_full_sync(ctx, replica);
}

void RedisReplicated::on_timer(Context& ctx, uint64_t tag) {
    if (tag == stream_timer) {
        stream_armed_ = false;
        send_due(ctx);
    } else if (tag == hello_timer) {
        retry_hello(ctx);
    } else {
        RedisServer::on_timer(ctx, tag);
    }
}

// --- crashes ---

void RedisReplicated::on_crash() {
    // The role survives (Sentinel rewrites redis.conf); the unsent stream does not.
    RedisServer::on_crash();
    queue_.clear();
    stream_armed_ = false;
    hello_armed_ = false;
    synced_ = false;
}

void RedisReplicated::on_restart(Context& ctx) {
    if (!is_primary()) {
        ctx.emit("restarted",
                 {Field("keys", uint64_t(data_.entries.size())), Field("counter", data_.counter)});
        send_hello(ctx);
        return;
    }
    // A restarted primary has a new replication id: every replica resyncs from scratch.
    streamed_ = data_;
    RedisServer::on_restart(ctx);
    for (const NodeId replica : replicas_) {
        enqueue_full_sync(ctx, replica);
    }
}

void RedisReplicated::fingerprint(Hasher& h, const LocalNow& now) const {
    RedisServer::fingerprint(h, now);
    h.add(primary_).add(replicas_.size()).add(synced_ ? 1u : 0u).add(stream_armed_ ? 1u : 0u);
    h.add(hello_armed_ ? 1u : 0u);
    for (const NodeId replica : replicas_) {
        h.add(replica);
    }
    const int64_t now_wall_ms = now.wall.since_epoch_ns() / 1'000'000;
    h.add(streamed_.entries.size()).add_signed(streamed_.counter);
    for (const Entry& e : streamed_.entries) {
        h.add(e.key).add(e.value).add(e.holder);
        h.add_signed(e.expires_at_ms < 0 ? -1 : e.expires_at_ms - now_wall_ms);
    }
    h.add(queue_.size());
    for (const Change& c : queue_) {
        h.add(uint64_t(c.op)).add(c.to).add(c.entry.key).add(c.entry.value).add(c.keys);
        h.add_signed((c.due_mono - now.mono).count_ns()).add_signed(c.counter);
    }
}

} // namespace lockstep
