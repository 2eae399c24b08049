#include "models/redis_server.hpp"

#include <algorithm>
#include <typeinfo>

#include "sim/hash.hpp"

namespace lockstep {
namespace {

enum Timer : uint64_t { expiry_cycle = 1, fsync = 2 };

} // namespace

RedisServer::RedisServer(RedisSpec spec, std::string key_name)
    : spec_(spec), key_name_(std::move(key_name)) {
    data_.counter = spec_.first_token - 1;
    durable_ = data_;
}

void RedisServer::on_start(Context& ctx) {
    (void)ctx;
}

void RedisServer::on_message(Context& ctx, const Envelope& message) {
    if (message.is<RedisSetNx>()) {
        const auto command = message.as<RedisSetNx>();
        int64_t token = -1;
        const bool ok = set_nx(ctx, command, message.from, token);
        ctx.send(message.from, RedisSetReply{command.request, ok ? 1 : 0, token});
    } else if (message.is<RedisDelete>()) {
        const auto command = message.as<RedisDelete>();
        const bool deleted = del(ctx, command, message.from);
        ctx.send(message.from, RedisDeleteReply{command.request, deleted ? 1 : 0});
    } else if (message.is<RedisExtend>()) {
        const auto command = message.as<RedisExtend>();
        const bool ok = extend(ctx, command, message.from);
        ctx.send(message.from, RedisExtendReply{command.request, ok ? 1 : 0});
    }
}

RedisServer::Entry* RedisServer::find_live(Context& ctx, uint32_t key) {
    expire_now(ctx); // Redis checks expiry lazily whenever a key is touched
    for (Entry& e : data_.entries) {
        if (e.key == key) {
            return &e;
        }
    }
    return nullptr;
}

bool RedisServer::set_nx(Context& ctx, const RedisSetNx& command, NodeId from, int64_t& token) {
    if (const Entry* held = find_live(ctx, command.key)) {
        ctx.emit("lock_busy", {Field("key", key_name_), Field("client", ctx.node_name(from)),
                               Field("holder", ctx.node_name(held->holder))});
        return false;
    }
    const int64_t expires = command.ttl_ms > 0 ? now_ms(ctx) + command.ttl_ms : -1;
    data_.entries.push_back({command.key, command.value, expires, from});
    if (command.want_token != 0) {
        token = ++data_.counter; // INCR in the same Lua script as the SET
    }
    ctx.emit("lock_granted",
             {Field("key", key_name_), Field("holder", ctx.node_name(from)), Field("token", token),
              Field("ttl_ns", Duration::ms(command.ttl_ms))});
    wrote(ctx);
    arm_expiry_cycle(ctx);
    return true;
}

bool RedisServer::del(Context& ctx, const RedisDelete& command, NodeId from) {
    Entry* e = find_live(ctx, command.key);
    if (e == nullptr) {
        return false;
    }
    const bool owner = e->value == command.value;
    if (command.compare != 0 && !owner) {
        // The docs' script: if GET == value then DEL. Someone else's lock stays.
        ctx.emit("lock_release_refused", {Field("key", key_name_), Field("by", ctx.node_name(from)),
                                          Field("holder", ctx.node_name(e->holder))});
        return false;
    }
    ctx.emit("lock_released", {Field("key", key_name_), Field("holder", ctx.node_name(e->holder)),
                               Field("by", ctx.node_name(from)), Field("foreign", !owner)});
    data_.entries.erase(data_.entries.begin() + (e - data_.entries.data()));
    wrote(ctx);
    return true;
}

bool RedisServer::extend(Context& ctx, const RedisExtend& command, NodeId from) {
    Entry* e = find_live(ctx, command.key);
    if (e == nullptr || e->value != command.value) {
        return false;
    }
    e->expires_at_ms = now_ms(ctx) + command.ttl_ms;
    ctx.emit("lock_extended", {Field("key", key_name_), Field("holder", ctx.node_name(from)),
                               Field("ttl_ns", Duration::ms(command.ttl_ms))});
    wrote(ctx);
    arm_expiry_cycle(ctx);
    return true;
}

void RedisServer::wrote(Context& ctx) {
    switch (spec_.persistence) {
    case Persistence::none: break;
    case Persistence::aof_always: durable_ = data_; break;
    case Persistence::aof_everysec:
        // The background fsync runs once a second: up to a second of writes can be lost.
        if (!fsync_armed_) {
            fsync_armed_ = true;
            ctx.set_timer(Duration::s(1), fsync);
        }
        break;
    }
}

void RedisServer::expire_now(Context& ctx) {
    const int64_t now = now_ms(ctx);
    auto expired = [&](const Entry& e) { return e.expires_at_ms >= 0 && now > e.expires_at_ms; };
    for (const Entry& e : data_.entries) {
        if (expired(e)) {
            ctx.emit("lock_expired",
                     {Field("key", key_name_), Field("holder", ctx.node_name(e.holder))});
        }
    }
    const auto before = data_.entries.size();
    std::erase_if(data_.entries, expired);
    if (data_.entries.size() != before) {
        wrote(ctx);
    }
}

void RedisServer::arm_expiry_cycle(Context& ctx) {
    // The active expiry cycle runs hz times a second; a key is noticed at the first cycle after
    // its deadline (measured: +1 to +105 ms with hz 10). One timer for the earliest deadline
    // stands in for the cycles in between, which would find nothing.
    if (expiry_cycle_armed_) {
        return;
    }
    int64_t earliest = -1;
    for (const Entry& e : data_.entries) {
        if (e.expires_at_ms >= 0 && (earliest < 0 || e.expires_at_ms < earliest)) {
            earliest = e.expires_at_ms;
        }
    }
    if (earliest < 0) {
        return;
    }
    const Duration period = Duration::ms(1000 / std::max<uint32_t>(spec_.hz, 1));
    const Duration until_due = Duration::ms(std::max<int64_t>(earliest + 1 - now_ms(ctx), 0));
    const Time mono_due = ctx.mono_now() + until_due;
    const int64_t periods = (mono_due.since_epoch_ns() + period.count_ns() - 1) / period.count_ns();
    expiry_cycle_armed_ = true;
    ctx.set_timer(Time::from_ns(periods * period.count_ns()) - ctx.mono_now(), expiry_cycle);
}

void RedisServer::on_timer(Context& ctx, uint64_t tag) {
    if (tag == expiry_cycle) {
        expiry_cycle_armed_ = false;
        expire_now(ctx);
        arm_expiry_cycle(ctx);
    } else if (tag == fsync) {
        fsync_armed_ = false;
        durable_ = data_;
    }
}

void RedisServer::on_crash() {
    // What survives is what reached the disk; without persistence, nothing (the fencing counter
    // included, which is why an INCR counter is no fencing token across restarts).
    if (spec_.persistence == Persistence::none) {
        data_ = Dataset{};
        data_.counter = spec_.first_token - 1;
    } else {
        data_ = durable_;
    }
    expiry_cycle_armed_ = false;
    fsync_armed_ = false;
}

void RedisServer::on_restart(Context& ctx) {
    ctx.emit("restarted",
             {Field("keys", uint64_t(data_.entries.size())), Field("counter", data_.counter)});
    expire_now(ctx);
    arm_expiry_cycle(ctx);
}

bool RedisServer::assign_from(const Node& other) {
    // Only for exactly this type: a subclass (the replicated node) has state of its own.
    if (typeid(*this) != typeid(RedisServer) || typeid(other) != typeid(RedisServer)) {
        return false;
    }
    *this = static_cast<const RedisServer&>(other);
    return true;
}

bool RedisServer::silent_expiry() const {
    return spec_.persistence == Persistence::none && typeid(*this) == typeid(RedisServer);
}

void RedisServer::fingerprint(Hasher& h, const LocalNow& now) const {
    const int64_t now_wall_ms = now.wall.since_epoch_ns() / 1'000'000;
    const bool silent = silent_expiry();
    auto hash_set = [&](const Dataset& d) {
        h.add_signed(d.counter);
        for (const Entry& e : d.entries) {
            const bool expired = e.expires_at_ms >= 0 && now_wall_ms > e.expires_at_ms;
            if (silent && expired) {
                continue; // gone for every command that looks: whether erased yet is history
            }
            // The value is the holder's id and its own counter: the id goes through add_node()
            // so that a symmetry reduction can rename interchangeable clients.
            h.add(e.key)
                .add(e.value & 0xffffffffu)
                .add_node(NodeId(e.value >> 32))
                .add_node(e.holder);
            h.add_signed(e.expires_at_ms < 0 ? -1 : e.expires_at_ms - now_wall_ms);
        }
    };
    hash_set(data_);
    hash_set(durable_);
    h.add(expiry_cycle_armed_ ? 1u : 0u).add(fsync_armed_ ? 1u : 0u);
    // The active expiry cycle runs on a fixed grid of the monotonic clock, so where now falls on
    // that grid decides when future cycles run: states at different phases are not alike.
    const int64_t period_ns = Duration::ms(1000 / std::max<uint32_t>(spec_.hz, 1)).count_ns();
    h.add_signed(now.mono.since_epoch_ns() % period_ns);
}

} // namespace lockstep
