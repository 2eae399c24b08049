#include "models/redis_driver.hpp"

#include "sim/hash.hpp"

namespace lockstep {

RedisDriver::RedisDriver(NodeId server, const LockSpec& lock, Duration request_timeout, NodeId self)
    : server_(server), ttl_(lock.ttl), want_token_(lock.redis.fencing_counter),
      request_timeout_(request_timeout), self_(self) {}

void RedisDriver::acquire(Context& ctx) {
    // One value per acquisition, kept across the retries of one acquisition (redis-py draws its
    // token once per acquire() and retries with it): a busy answer does not use it up.
    if (value_used_) {
        value_ = (uint64_t(self_) << 32) | ++nonce_;
        value_used_ = false;
    }
    pending_acquire_ = ++request_;
    sent_mono_ = ctx.mono_now();
    ctx.send(server_,
             RedisSetNx{pending_acquire_, value_, ttl_.whole_ms(), 0, want_token_ ? 1u : 0u});
    ctx.set_timer(request_timeout_, driver_timer_base + pending_acquire_);
}

void RedisDriver::release(Context& ctx, ReleaseMode mode) {
    ctx.send(server_, RedisDelete{++request_, value_, 0, mode == ReleaseMode::safe ? 1u : 0u});
}

void RedisDriver::extend(Context& ctx) {
    pending_extend_ = ++request_;
    extend_sent_mono_ = ctx.mono_now();
    ctx.send(server_, RedisExtend{pending_extend_, value_, ttl_.whole_ms(), 0, 0});
    ctx.set_timer(request_timeout_, driver_timer_base + pending_extend_);
}

DriverOutcome RedisDriver::on_message(Context& ctx, const Envelope& message) {
    (void)ctx;
    if (message.is<RedisSetReply>()) {
        const auto reply = message.as<RedisSetReply>();
        if (reply.request != pending_acquire_) {
            return DriverOutcome::nothing(); // an answer to a request that already timed out
        }
        pending_acquire_ = 0;
        if (reply.ok == 0) {
            return DriverOutcome::failed("busy");
        }
        value_used_ = true;
        DriverOutcome out;
        out.kind = DriverOutcome::Kind::acquired;
        out.token = reply.token;
        out.has_validity = ttl_ > Duration::zero();
        out.validity_end = sent_mono_ + ttl_;
        return out;
    }
    if (message.is<RedisExtendReply>()) {
        const auto reply = message.as<RedisExtendReply>();
        if (reply.request != pending_extend_) {
            return DriverOutcome::nothing();
        }
        pending_extend_ = 0;
        DriverOutcome out;
        out.kind =
            reply.ok != 0 ? DriverOutcome::Kind::extended : DriverOutcome::Kind::extend_failed;
        out.has_validity = true;
        out.validity_end = extend_sent_mono_ + ttl_;
        out.reason = "not_owner";
        return out;
    }
    return DriverOutcome::nothing();
}

DriverOutcome RedisDriver::on_timer(Context& ctx, uint64_t tag) {
    (void)ctx;
    const uint64_t request = tag - driver_timer_base;
    if (request == pending_acquire_ && request != 0) {
        pending_acquire_ = 0;
        return DriverOutcome::failed("timeout");
    }
    if (request == pending_extend_ && request != 0) {
        pending_extend_ = 0;
        DriverOutcome out;
        out.kind = DriverOutcome::Kind::extend_failed;
        out.reason = "timeout";
        return out;
    }
    return DriverOutcome::nothing();
}

void RedisDriver::on_crash() {
    pending_acquire_ = 0;
    pending_extend_ = 0;
}

void RedisDriver::fingerprint(Hasher& h, const LocalNow& now) const {
    // Releases compare the value with the server's; its high half is this client's own id.
    h.add(uint64_t(pending_acquire_ != 0) << 34 | uint64_t(pending_extend_ != 0) << 33 |
          uint64_t(value_used_) << 32 | (value_ & 0xffffffffu));

    // When a request was sent matters only while its answer may still come (it dates the
    // validity); hashing it afterwards would make every later state depend on absolute time.
    if (pending_acquire_ != 0) {
        h.add_signed((now.mono - sent_mono_).count_ns());
    }
    if (pending_extend_ != 0) {
        h.add_signed((now.mono - extend_sent_mono_).count_ns());
    }
}

bool RedisDriver::message_fingerprint(Hasher& h, const Envelope& message, bool incoming) const {
    // Request ids count this client's requests; what matters is whether one is still awaited.
    auto awaited = [](uint64_t request, uint64_t pending) {
        return request == pending && pending != 0;
    };
    if (incoming && message.is<RedisSetReply>()) {
        const auto r = message.as<RedisSetReply>();
        h.add(1).add(awaited(r.request, pending_acquire_)).add_signed(r.ok).add_signed(r.token);
    } else if (incoming && message.is<RedisExtendReply>()) {
        const auto r = message.as<RedisExtendReply>();
        h.add(2).add(awaited(r.request, pending_extend_)).add_signed(r.ok);
    } else if (incoming && message.is<RedisDeleteReply>()) {
        h.add(3); // nobody waits for it
    } else if (!incoming && message.is<RedisSetNx>()) {
        const auto r = message.as<RedisSetNx>();
        h.add(4)
            .add(awaited(r.request, pending_acquire_))
            .add(r.value & 0xffffffffu)
            .add_signed(r.ttl_ms);
        h.add(r.key).add(r.want_token);
    } else if (!incoming && message.is<RedisDelete>()) {
        const auto r = message.as<RedisDelete>();
        h.add(5).add(r.value & 0xffffffffu).add(r.key).add(r.compare);
    } else if (!incoming && message.is<RedisExtend>()) {
        const auto r = message.as<RedisExtend>();
        h.add(6)
            .add(awaited(r.request, pending_extend_))
            .add(r.value & 0xffffffffu)
            .add_signed(r.ttl_ms)
            .add(r.key);
    } else {
        return false;
    }
    return true;
}

uint64_t RedisDriver::timer_fingerprint(uint64_t tag) const {
    // A request timeout matters only while that request is still the one awaited.
    const uint64_t request = tag - driver_timer_base;
    if (request != 0 && request == pending_acquire_) {
        return 1;
    }
    if (request != 0 && request == pending_extend_) {
        return 2;
    }
    return Node::dead_timer;
}

} // namespace lockstep
