#include "models/redis_sentinel.hpp"

#include <algorithm>
#include <cassert>

#include "models/redis_replication_protocol.hpp"
#include "sim/hash.hpp"

namespace lockstep {
namespace {

constexpr uint64_t tick_timer = 1;

} // namespace

RedisSentinel::RedisSentinel(ReplicationSpec spec, std::vector<NodeId> servers)
    : spec_(spec), servers_(std::move(servers)), last_heard_mono_(servers_.size()) {
    assert(!servers_.empty());
}

void RedisSentinel::on_start(Context& ctx) {
    // Every node counts as heard at start: the deployment comes up healthy.
    std::fill(last_heard_mono_.begin(), last_heard_mono_.end(), ctx.mono_now());
    tick(ctx);
}

void RedisSentinel::on_timer(Context& ctx, uint64_t tag) {
    if (tag == tick_timer) {
        tick(ctx);
    }
}

void RedisSentinel::tick(Context& ctx) {
    check_primary(ctx);
    ++seq_;
    for (const NodeId server : servers_) {
        ctx.send(server, SentinelPing{seq_});
    }
    ctx.set_timer(spec_.ping_interval, tick_timer);
}

bool RedisSentinel::reachable(Context& ctx, size_t server) const {
    return ctx.mono_now() - last_heard_mono_[server] < spec_.down_after;
}

void RedisSentinel::check_primary(Context& ctx) {
    if (reachable(ctx, primary_)) {
        return;
    }
    if (!primary_down_) {
        // +sdown: down-after-milliseconds without a valid reply.
        primary_down_ = true;
        ctx.emit("primary_down", {Field("node", ctx.node_name(servers_[primary_]))});
    }
    for (size_t i = 0; i < servers_.size(); ++i) {
        if (i != primary_ && reachable(ctx, i)) {
            failover(ctx, i);
            return;
        }
    }
    // No replica to promote: the primary stays down and no one can take the lock.
}

void RedisSentinel::failover(Context& ctx, size_t to) {
    const size_t old = primary_;
    ++epoch_;
    primary_ = to;
    primary_down_ = false;
    ctx.emit("failover", {Field("old", ctx.node_name(servers_[old])),
                          Field("new", ctx.node_name(servers_[to])), Field("epoch", epoch_)});
    ctx.send(servers_[to], SentinelPromote{epoch_});
    for (size_t i = 0; i < servers_.size(); ++i) {
        if (i != to && i != old) {
            ctx.send(servers_[i], SentinelReplicaOf{epoch_, servers_[to], 0, 0});
        }
    }
    // The old primary is told when it answers a ping again (on_pong).
}

void RedisSentinel::on_message(Context& ctx, const Envelope& message) {
    if (message.is<SentinelPong>()) {
        on_pong(ctx, message);
    } else if (message.is<SentinelGetPrimary>()) {
        const uint64_t request = message.as<SentinelGetPrimary>().request;
        ctx.send(message.from, SentinelPrimaryIs{request, servers_[primary_], 0, 0});
    }
}

void RedisSentinel::on_pong(Context& ctx, const Envelope& message) {
    const size_t server = index_of(message.from);
    if (server == servers_.size()) {
        return;
    }
    last_heard_mono_[server] = ctx.mono_now();
    const auto pong = message.as<SentinelPong>();
    // Whoever disagrees with the current configuration is told again until it agrees: a lost
    // command is repaired by the next ping, and a returning old primary gets demoted.
    if (server == primary_) {
        if (pong.is_primary == 0) {
            ctx.send(message.from, SentinelPromote{epoch_});
        }
        return;
    }
    if (pong.is_primary != 0 || pong.primary != servers_[primary_]) {
        ctx.send(message.from, SentinelReplicaOf{epoch_, servers_[primary_], 0, 0});
    }
}

size_t RedisSentinel::index_of(NodeId server) const {
    return size_t(std::find(servers_.begin(), servers_.end(), server) - servers_.begin());
}

void RedisSentinel::fingerprint(Hasher& h, const LocalNow& now) const {
    h.add(primary_).add(epoch_).add(primary_down_ ? 1u : 0u);
    for (const Time heard : last_heard_mono_) {
        // Only whether a node counts as reachable, and for how much longer, shapes the future.
        h.add_signed(std::min((now.mono - heard).count_ns(), spec_.down_after.count_ns()));
    }
}

} // namespace lockstep
