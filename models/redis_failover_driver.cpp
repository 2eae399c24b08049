#include "models/redis_failover_driver.hpp"

#include "sim/hash.hpp"

namespace lockstep {
namespace {

DriverOutcome extend_failed(std::string_view why) {
    DriverOutcome out;
    out.kind = DriverOutcome::Kind::extend_failed;
    out.reason = why;
    return out;
}

} // namespace

RedisFailoverDriver::RedisFailoverDriver(NodeId sentinel, const LockSpec& lock,
                                         Duration request_timeout, NodeId self)
    : sentinel_(sentinel), ttl_(lock.ttl), want_token_(lock.redis.fencing_counter),
      request_timeout_(request_timeout), self_(self) {}

void RedisFailoverDriver::acquire(Context& ctx) {
    value_ = (uint64_t(self_) << 32) | ++nonce_;
    pending_acquire_ = 0;
    if (primary_ == no_node) {
        ask_sentinel(ctx, Then::set);
    } else {
        send_set(ctx);
    }
}

void RedisFailoverDriver::extend(Context& ctx) {
    if (primary_ == no_node) {
        ask_sentinel(ctx, Then::extend);
    } else {
        send_extend(ctx);
    }
}

void RedisFailoverDriver::release(Context& ctx, ReleaseMode mode) {
    pending_extend_ = 0;
    if (lookup_then_ == Then::extend) {
        pending_lookup_ = 0;
    }
    // Fire and forget to the primary the client knows; if it is gone, the key expires.
    if (primary_ != no_node) {
        ctx.send(primary_, RedisDelete{++request_, value_, 0, mode == ReleaseMode::safe ? 1u : 0u});
    }
}

void RedisFailoverDriver::ask_sentinel(Context& ctx, Then then) {
    pending_lookup_ = ++request_;
    lookup_then_ = then;
    ctx.send(sentinel_, SentinelGetPrimary{pending_lookup_});
    ctx.set_timer(request_timeout_, driver_timer_base + pending_lookup_);
}

void RedisFailoverDriver::send_set(Context& ctx) {
    pending_acquire_ = ++request_;
    sent_mono_ = ctx.mono_now();
    ctx.send(primary_,
             RedisSetNx{pending_acquire_, value_, ttl_.whole_ms(), 0, want_token_ ? 1u : 0u});
    ctx.set_timer(request_timeout_, driver_timer_base + pending_acquire_);
}

void RedisFailoverDriver::send_extend(Context& ctx) {
    pending_extend_ = ++request_;
    extend_sent_mono_ = ctx.mono_now();
    ctx.send(primary_, RedisExtend{pending_extend_, value_, ttl_.whole_ms(), 0, 0});
    ctx.set_timer(request_timeout_, driver_timer_base + pending_extend_);
}

DriverOutcome RedisFailoverDriver::on_message(Context& ctx, const Envelope& message) {
    if (message.is<SentinelPrimaryIs>()) {
        return on_primary(ctx, message.as<SentinelPrimaryIs>());
    }
    if (message.is<RedisSetReply>()) {
        return on_set_reply(message.as<RedisSetReply>());
    }
    if (message.is<RedisExtendReply>()) {
        return on_extend_reply(message.as<RedisExtendReply>());
    }
    if (message.is<RedisReadonly>()) {
        return on_readonly(message.as<RedisReadonly>());
    }
    return DriverOutcome::nothing();
}

DriverOutcome RedisFailoverDriver::on_primary(Context& ctx, const SentinelPrimaryIs& reply) {
    if (reply.request != pending_lookup_ || pending_lookup_ == 0) {
        return DriverOutcome::nothing();
    }
    pending_lookup_ = 0;
    primary_ = reply.primary;
    if (lookup_then_ == Then::set) {
        send_set(ctx);
    } else {
        send_extend(ctx);
    }
    return DriverOutcome::nothing();
}

DriverOutcome RedisFailoverDriver::on_set_reply(const RedisSetReply& reply) {
    if (reply.request != pending_acquire_ || pending_acquire_ == 0) {
        return DriverOutcome::nothing(); // an answer to a request that already timed out
    }
    pending_acquire_ = 0;
    if (reply.ok == 0) {
        return DriverOutcome::failed("busy");
    }
    DriverOutcome out;
    out.kind = DriverOutcome::Kind::acquired;
    out.token = reply.token;
    out.has_validity = ttl_ > Duration::zero();
    out.validity_end = sent_mono_ + ttl_;
    return out;
}

DriverOutcome RedisFailoverDriver::on_extend_reply(const RedisExtendReply& reply) {
    if (reply.request != pending_extend_ || pending_extend_ == 0) {
        return DriverOutcome::nothing();
    }
    pending_extend_ = 0;
    if (reply.ok == 0) {
        return extend_failed("not_owner");
    }
    DriverOutcome out;
    out.kind = DriverOutcome::Kind::extended;
    out.has_validity = true;
    out.validity_end = extend_sent_mono_ + ttl_;
    return out;
}

DriverOutcome RedisFailoverDriver::on_readonly(const RedisReadonly& reply) {
    // The node was demoted since the Sentinel named it: ask again next time.
    return lost_primary(reply.request, "readonly");
}

DriverOutcome RedisFailoverDriver::on_timer(Context& ctx, uint64_t tag) {
    (void)ctx;
    const uint64_t request = tag - driver_timer_base;
    if (request != 0 && request == pending_lookup_) {
        pending_lookup_ = 0;
        return lookup_then_ == Then::set ? DriverOutcome::failed("sentinel_timeout")
                                         : extend_failed("sentinel_timeout");
    }
    return lost_primary(request, "timeout");
}

DriverOutcome RedisFailoverDriver::lost_primary(uint64_t request, std::string_view why) {
    if (request == 0) {
        return DriverOutcome::nothing();
    }
    if (request == pending_acquire_) {
        pending_acquire_ = 0;
        primary_ = no_node;
        return DriverOutcome::failed(why);
    }
    if (request == pending_extend_) {
        pending_extend_ = 0;
        primary_ = no_node;
        return extend_failed(why);
    }
    return DriverOutcome::nothing();
}

void RedisFailoverDriver::on_crash() {
    primary_ = no_node; // a restarted process asks the Sentinel again
    pending_lookup_ = 0;
    pending_acquire_ = 0;
    pending_extend_ = 0;
}

void RedisFailoverDriver::fingerprint(Hasher& h, const LocalNow& now) const {
    h.add(primary_).add(pending_lookup_ != 0 ? 1u : 0u).add(uint64_t(lookup_then_));
    h.add(pending_acquire_ != 0 ? 1u : 0u).add(pending_extend_ != 0 ? 1u : 0u);
    h.add_signed((now.mono - sent_mono_).count_ns());
    h.add_signed((now.mono - extend_sent_mono_).count_ns());
}

} // namespace lockstep
