#include "models/redlock_driver.hpp"

#include <algorithm>
#include <cassert>

#include "sim/hash.hpp"

namespace lockstep {

RedlockDriver::RedlockDriver(std::vector<NodeId> servers, const LockSpec& lock, NodeId self)
    : servers_(std::move(servers)), ttl_(lock.ttl), spec_(lock.redlock), self_(self),
      pending_(servers_.size(), 0) {
    assert(!servers_.empty() && "Redlock needs at least one node");
}

void RedlockDriver::acquire(Context& ctx) {
    // "20 bytes from /dev/urandom" in the docs: any value unique across clients and attempts.
    value_ = (uint64_t(self_) << 32) | ++nonce_;
    begin_round(ctx, Round::acquire);
}

void RedlockDriver::extend(Context& ctx) {
    begin_round(ctx, Round::extend);
}

void RedlockDriver::release(Context& ctx, ReleaseMode mode) {
    round_ = Round::none; // replies to a round still in flight no longer matter
    std::fill(pending_.begin(), pending_.end(), 0);
    unlock_all(ctx, mode == ReleaseMode::safe);
}

void RedlockDriver::begin_round(Context& ctx, Round round) {
    round_ = round;
    std::fill(pending_.begin(), pending_.end(), 0);
    next_ = 0;
    answered_ = 0;
    granted_ = 0;
    start_ = clock_now(ctx); // step 1: get the current time
    const size_t first_batch = spec_.parallel ? servers_.size() : 1;
    for (size_t i = 0; i < first_batch; ++i) {
        send_to(ctx, next_++);
    }
    if (round_ == Round::acquire && next_ == servers_.size()) {
        ctx.point("redlock_sent"); // every SET is on its way; replies are in flight (KL-5)
    }
}

void RedlockDriver::send_to(Context& ctx, size_t node) {
    const uint64_t request = ++request_;
    pending_[node] = request;
    if (round_ == Round::acquire) {
        ctx.send(servers_[node], RedisSetNx{request, value_, ttl_.whole_ms(), 0, 0});
    } else {
        ctx.send(servers_[node], RedisExtend{request, value_, ttl_.whole_ms(), 0, 0});
    }
    // Step 2's per-node timeout keeps a dead node from eating the validity.
    ctx.set_timer(spec_.per_node_timeout, driver_timer_base + request);
}

DriverOutcome RedlockDriver::on_message(Context& ctx, const Envelope& message) {
    const size_t node = index_of(message.from);
    if (node == servers_.size()) {
        return DriverOutcome::nothing();
    }
    if (message.is<RedisSetReply>() && round_ == Round::acquire) {
        const auto reply = message.as<RedisSetReply>();
        if (reply.request == pending_[node]) {
            return answered(ctx, node, reply.ok != 0);
        }
    } else if (message.is<RedisExtendReply>() && round_ == Round::extend) {
        const auto reply = message.as<RedisExtendReply>();
        if (reply.request == pending_[node]) {
            return answered(ctx, node, reply.ok != 0);
        }
    }
    // Anything else answers a request of an earlier round: ignored.
    return DriverOutcome::nothing();
}

DriverOutcome RedlockDriver::on_timer(Context& ctx, uint64_t tag) {
    const uint64_t request = tag - driver_timer_base;
    const auto it = std::find(pending_.begin(), pending_.end(), request);
    if (request == 0 || it == pending_.end()) {
        return DriverOutcome::nothing(); // that node already answered
    }
    return answered(ctx, size_t(it - pending_.begin()), false);
}

DriverOutcome RedlockDriver::answered(Context& ctx, size_t node, bool ok) {
    pending_[node] = 0;
    ++answered_;
    granted_ += ok ? 1 : 0;
    if (next_ < servers_.size()) {
        send_to(ctx, next_++); // sequential: on to the next node
        if (round_ == Round::acquire && next_ == servers_.size()) {
            ctx.point("redlock_sent");
        }
        return DriverOutcome::nothing();
    }
    if (answered_ < servers_.size()) {
        return DriverOutcome::nothing();
    }
    return round_ == Round::acquire ? decide_acquire(ctx) : decide_extend(ctx);
}

DriverOutcome RedlockDriver::decide_acquire(Context& ctx) {
    round_ = Round::none;
    const Time now = clock_now(ctx);
    // Step 3. The naive client reads the time only now, so it never subtracts what it spent.
    const Time from = spec_.variant == RedlockVariant::naive ? now : start_;
    const Duration validity = ttl_ - (now - from) - drift();
    const bool majority = granted_ >= quorum();
    const bool in_time = ttl_ == Duration::zero() || validity > Duration::zero();
    ctx.emit("redlock_decided",
             {Field("granted", granted_), Field("quorum", quorum()),
              Field("elapsed_ns", now - start_), Field("validity_ns", validity),
              Field("drift_allowance_ns", drift()), Field("ok", majority && in_time)});
    if (majority && in_time) {
        DriverOutcome out;
        out.kind = DriverOutcome::Kind::acquired;
        out.has_validity = ttl_ > Duration::zero();
        out.validity_end = from + ttl_ - drift();
        return out;
    }
    // Step 5: unlock every node, even those that seemed not to grant (a lost OK still holds).
    unlock_all(ctx, true);
    return DriverOutcome::failed(majority ? "validity_expired" : "minority");
}

DriverOutcome RedlockDriver::decide_extend(Context& ctx) {
    round_ = Round::none;
    const Time now = clock_now(ctx);
    const Time from = spec_.variant == RedlockVariant::naive ? now : start_;
    const Duration validity = ttl_ - (now - from) - drift();
    const bool majority = granted_ >= quorum();
    ctx.emit("redlock_extend_decided",
             {Field("granted", granted_), Field("quorum", quorum()),
              Field("elapsed_ns", now - start_), Field("validity_ns", validity)});
    DriverOutcome out;
    out.has_validity = true;
    out.validity_end = from + ttl_ - drift();
    // RD-9: an extension counts only if a majority extended within the validity.
    if (majority && validity > Duration::zero()) {
        out.kind = DriverOutcome::Kind::extended;
        return out;
    }
    out.kind = DriverOutcome::Kind::extend_failed;
    out.reason = majority ? "validity_expired" : "minority";
    return out;
}

void RedlockDriver::unlock_all(Context& ctx, bool compare) {
    for (const NodeId server : servers_) {
        ctx.send(server, RedisDelete{++request_, value_, 0, compare ? 1u : 0u});
    }
}

void RedlockDriver::on_crash() {
    round_ = Round::none;
    std::fill(pending_.begin(), pending_.end(), 0);
}

size_t RedlockDriver::index_of(NodeId server) const {
    return size_t(std::find(servers_.begin(), servers_.end(), server) - servers_.begin());
}

Time RedlockDriver::clock_now(Context& ctx) const {
    return spec_.clock == ClockSource::wall ? ctx.wall_now() : ctx.mono_now();
}

Duration RedlockDriver::drift() const {
    // redlock-py: int(ttl * CLOCK_DRIFT_FACTOR) + 2 ms, in whole milliseconds (RD-4).
    return Duration::ms(ttl_.whole_ms() * spec_.drift_factor_ppm / 1'000'000) + spec_.drift_extra;
}

void RedlockDriver::fingerprint(Hasher& h, const LocalNow& now) const {
    const Time clock_now = spec_.clock == ClockSource::wall ? now.wall : now.mono;
    // The attempt's value decides which keys a release deletes; its high half is our own id.
    h.add(value_ & 0xffffffffu);
    h.add(uint64_t(round_)).add(next_).add(answered_).add(granted_);
    for (const uint64_t request : pending_) {
        h.add(request != 0 ? 1u : 0u);
    }
    h.add_signed(round_ == Round::none ? 0 : (clock_now - start_).count_ns());
}

bool RedlockDriver::awaited(uint64_t request) const {
    return request != 0 && std::find(pending_.begin(), pending_.end(), request) != pending_.end();
}

// Request ids count this client's requests; what matters is whether one is still awaited (ids
// hashed raw would make every state depend on how many requests came before).
bool RedlockDriver::message_fingerprint(Hasher& h, const Envelope& message, bool incoming) const {
    if (incoming && message.is<RedisSetReply>()) {
        const auto r = message.as<RedisSetReply>();
        h.add(1).add(awaited(r.request)).add_signed(r.ok).add_signed(r.token);
    } else if (incoming && message.is<RedisExtendReply>()) {
        const auto r = message.as<RedisExtendReply>();
        h.add(2).add(awaited(r.request)).add_signed(r.ok);
    } else if (incoming && message.is<RedisDeleteReply>()) {
        h.add(3); // nobody waits for it
    } else if (!incoming && message.is<RedisSetNx>()) {
        const auto r = message.as<RedisSetNx>();
        h.add(4).add(awaited(r.request)).add(r.value & 0xffffffffu).add_signed(r.ttl_ms);
    } else if (!incoming && message.is<RedisDelete>()) {
        const auto r = message.as<RedisDelete>();
        h.add(5).add(r.value & 0xffffffffu).add(r.compare);
    } else if (!incoming && message.is<RedisExtend>()) {
        const auto r = message.as<RedisExtend>();
        h.add(6).add(awaited(r.request)).add(r.value & 0xffffffffu).add_signed(r.ttl_ms);
    } else {
        return false;
    }
    return true;
}

uint64_t RedlockDriver::timer_fingerprint(uint64_t tag) const {
    // A per-node timeout matters only while that node's answer is still awaited.
    const uint64_t request = tag - driver_timer_base;
    const auto it = std::find(pending_.begin(), pending_.end(), request);
    if (request == 0 || it == pending_.end()) {
        return Node::dead_timer;
    }
    return 1 + uint64_t(it - pending_.begin());
}

} // namespace lockstep
