// The ZooKeeper client's connection and Curator's connection states: CONNECTED, SUSPENDED (nothing
// heard for the read timeout, 2/3 of the session timeout), RECONNECTED, LOST (the session expired,
// as a server said or as Curator concludes after a whole session timeout of SUSPENDED). A paused
// client's timers and messages wait for the pause to end, so it learns of an expiry only then.
#include "models/zookeeper_driver.hpp"

namespace lockstep {

void ZooKeeperDriver::arm(Context& ctx, Duration delay, Timer timer, uint64_t value) {
    ctx.set_timer(delay, driver_timer_base + (uint64_t(timer) << 36) + value);
}

void ZooKeeperDriver::connect(Context& ctx) {
    if (conn_ == Conn::none || conn_ == Conn::lost) {
        set_conn(ctx, Conn::connecting, "new_session");
        session_ = 0;
    }
    connect_request_ = ++next_request_;
    const auto requested_ms = static_cast<uint32_t>(spec_.session_timeout.whole_ms());
    ctx.send(server(), ZkConnect{connect_request_, session_, requested_ms, 0, last_zxid_});
    arm(ctx, request_timeout_, connect_timeout, connect_request_);
}

void ZooKeeperDriver::set_conn(Context& ctx, Conn conn, std::string_view why) {
    static constexpr std::string_view names[] = {"none", "connecting", "connected", "suspended",
                                                 "lost"};
    std::string_view state = names[uint8_t(conn)];
    if (conn == Conn::connected && conn_ == Conn::suspended) {
        state = "reconnected";
    }
    conn_ = conn;
    if (conn != Conn::connecting) {
        ctx.emit("zk_state", {Field("state", state), Field("session", session_),
                              Field("server", ctx.node_name(server())), Field("reason", why)});
    }
}

void ZooKeeperDriver::heard(Context& ctx) {
    heard_mono_ = ctx.mono_now();
}

void ZooKeeperDriver::arm_ping(Context& ctx) {
    ++ping_epoch_;
    arm(ctx, Duration::ms(timeout_ms_) / 3, ping, ping_epoch_);
}

DriverOutcome ZooKeeperDriver::on_connect_reply(Context& ctx, const ZkConnectReply& reply) {
    if (reply.request != connect_request_ || connect_request_ == 0) {
        return DriverOutcome::nothing();
    }
    connect_request_ = 0;
    if (reply.expired != 0) {
        return lose(ctx, "session_expired");
    }
    session_ = reply.session;
    timeout_ms_ = reply.timeout_ms;
    heard(ctx);
    set_conn(ctx, Conn::connected, "connect_reply");
    arm_ping(ctx);
    if (step_ == Step::waiting_connection) {
        resume(ctx);
    } else if (step_ == Step::watching || step_ == Step::listing || step_ == Step::checking) {
        list(ctx); // the client library re-registers watches on reconnection: look again
    } else if (step_ == Step::creating || step_ == Step::deleting || step_ == Step::closing) {
        on_request_timeout(ctx); // whatever was in flight may be lost: ask again
    }
    return DriverOutcome::nothing();
}

DriverOutcome ZooKeeperDriver::on_connect_timeout(Context& ctx) {
    connect_request_ = 0;
    member_ = (member_ + 1) % static_cast<uint32_t>(members_.size());
    if (conn_ == Conn::suspended && ctx.mono_now() - suspended_mono_ >= Duration::ms(timeout_ms_)) {
        return lose(ctx, "suspended_for_session_timeout");
    }
    if (conn_ == Conn::connecting || conn_ == Conn::suspended) {
        connect(ctx);
    }
    return DriverOutcome::nothing();
}

DriverOutcome ZooKeeperDriver::on_ping_timer(Context& ctx) {
    if (conn_ == Conn::suspended) {
        // Curator 3: SUSPENDED for a whole session timeout means the session must be gone.
        if (ctx.mono_now() - suspended_mono_ >= Duration::ms(timeout_ms_)) {
            return lose(ctx, "suspended_for_session_timeout");
        }
        arm(ctx, Duration::ms(timeout_ms_) / 3, ping, ping_epoch_);
        return DriverOutcome::nothing();
    }
    if (conn_ != Conn::connected) {
        return DriverOutcome::nothing();
    }
    if (ctx.mono_now() - heard_mono_ >= Duration::ms(timeout_ms_) * 2 / 3) {
        arm(ctx, Duration::ms(timeout_ms_) / 3, ping, ping_epoch_);
        return suspend(ctx);
    }
    ctx.send(server(), ZkPing{session_, ++next_request_});
    arm(ctx, Duration::ms(timeout_ms_) / 3, ping, ping_epoch_);
    return DriverOutcome::nothing();
}

DriverOutcome ZooKeeperDriver::suspend(Context& ctx) {
    suspended_mono_ = ctx.mono_now();
    set_conn(ctx, Conn::suspended, "read_timeout");
    member_ = (member_ + 1) % static_cast<uint32_t>(members_.size());
    connect(ctx);
    if (step_ == Step::holding && spec_.suspended_ends_belief) {
        // "You cannot be certain that you still hold the lock": this application gives it up.
        step_ = Step::idle;
        DriverOutcome out;
        out.kind = DriverOutcome::Kind::lost;
        out.reason = "suspended";
        return out;
    }
    return DriverOutcome::nothing();
}

DriverOutcome ZooKeeperDriver::lose(Context& ctx, std::string_view why) {
    set_conn(ctx, Conn::lost, why);
    ++ping_epoch_;
    session_ = 0;
    my_seq_ = 0;
    connect_request_ = 0;
    const bool was_holding = step_ == Step::holding;
    const bool was_acquiring = acquiring() || acquire_queued_;
    acquire_queued_ = false;
    step_ = Step::idle;
    request_ = 0;
    if (was_holding) {
        DriverOutcome out;
        out.kind = DriverOutcome::Kind::lost;
        out.reason = "session_expired"; // Curator: LOST, "certain that you no longer hold the lock"
        return out;
    }
    if (was_acquiring) {
        return DriverOutcome::failed("session_expired");
    }
    return DriverOutcome::nothing();
}

} // namespace lockstep
