#include "models/etcd_driver.hpp"

#include <algorithm>

#include "sim/hash.hpp"

namespace lockstep {
namespace {

constexpr uint32_t release_attempts = 5;

} // namespace

EtcdMutexDriver::EtcdMutexDriver(const EtcdSpec& spec, std::vector<NodeId> members,
                                 const ClientSpec& client, NodeId self)
    : spec_(spec), endpoint_(std::move(members), self), request_timeout_(client.request_timeout),
      cycles_(client.cycles) {}

void EtcdMutexDriver::arm(Context& ctx, Duration delay, Timer timer, uint64_t value) {
    ctx.set_timer(delay, driver_timer_base + (uint64_t(timer) << 36) + value);
}

void EtcdMutexDriver::send_request(Context& ctx, uint8_t op, uint32_t a, uint32_t b) {
    request_sent_mono_ = ctx.mono_now();
    request_ = endpoint_.request(ctx, op, a, b);
    arm(ctx, request_timeout_, request_timeout, request_);
}

void EtcdMutexDriver::acquire(Context& ctx) {
    if (step_ == Step::deleting || step_ == Step::revoking) {
        // Unlock() returns only once the key is deleted: a new Lock() before that would find
        // the old key, "reuse" it and then lose it to the delete in flight.
        acquire_queued_ = true;
        return;
    }
    my_rev_ = 0;
    if (!session_alive_) {
        step_ = Step::granting;
        send_request(ctx, etcd_grant, uint32_t(spec_.session_ttl.count_ns() / 1'000'000'000), 0);
        return;
    }
    lock_txn(ctx);
}

void EtcdMutexDriver::lock_txn(Context& ctx) {
    step_ = Step::locking;
    send_request(ctx, etcd_lock_txn, lease_, 0);
}

void EtcdMutexDriver::find_older(Context& ctx) {
    step_ = Step::finding_older;
    send_request(ctx, etcd_get_older, lease_, uint32_t(my_rev_ - 1));
}

void EtcdMutexDriver::start_session(Context& ctx, const EtcdGrantReply& reply) {
    session_alive_ = true;
    lease_ = reply.lease;
    ttl_s_ = reply.ttl_s;
    ++session_epoch_;
    keepalive_request_ = 0;
    set_deadline(ctx, request_sent_mono_ + Duration::s(ttl_s_));
    arm(ctx, Duration::s(ttl_s_) / 3, keepalive, session_epoch_);
}

void EtcdMutexDriver::set_deadline(Context& ctx, Time deadline_mono) {
    // clientv3 gives a lease up once its deadline (last confirmed renewal + TTL) has passed
    // (its deadline loop looks every 500 ms; here exactly at the deadline).
    lease_deadline_mono_ = deadline_mono;
    arm(ctx, std::max(deadline_mono - ctx.mono_now(), Duration::zero()), deadline, session_epoch_);
}

void EtcdMutexDriver::end_session(Context& ctx, std::string_view why) {
    if (session_alive_) {
        ctx.emit("session_done", {Field("lease", lease_), Field("reason", why)});
    }
    session_alive_ = false;
    ++session_epoch_; // keep-alives stop
    keepalive_request_ = 0;
}

DriverOutcome EtcdMutexDriver::session_lost(Context& ctx) {
    end_session(ctx, "expired");
    if (step_ == Step::holding && spec_.session_done_ends_belief) {
        step_ = Step::idle;
        DriverOutcome out;
        out.kind = DriverOutcome::Kind::lost;
        out.reason = "session_expired";
        return out;
    }
    return DriverOutcome::nothing();
}

void EtcdMutexDriver::send_keepalive(Context& ctx) {
    keepalive_request_ = endpoint_.next_id();
    keepalive_sent_mono_ = ctx.mono_now();
    ctx.send(endpoint_.member(), EtcdKeepAlive{keepalive_request_, lease_});
    arm(ctx, request_timeout_, keepalive_timeout, keepalive_request_);
}

DriverOutcome EtcdMutexDriver::acquired(Context& ctx) {
    (void)ctx;
    step_ = Step::holding;
    DriverOutcome out;
    out.kind = DriverOutcome::Kind::acquired;
    out.token = my_rev_;
    out.has_validity = true;
    out.validity_end = lease_deadline_mono_;
    return out;
}

void EtcdMutexDriver::release(Context& ctx, ReleaseMode mode) {
    (void)mode; // Unlock deletes the session's own key: there is no unsafe variant
    ++releases_;
    release_retries_ = 0;
    step_ = Step::deleting;
    send_request(ctx, etcd_delete, lease_, 0);
}

DriverOutcome EtcdMutexDriver::on_message(Context& ctx, const Envelope& message) {
    if (message.is<EtcdGrantReply>()) {
        return on_grant(ctx, message.as<EtcdGrantReply>());
    }
    if (message.is<EtcdTxnReply>()) {
        return on_txn(ctx, message.as<EtcdTxnReply>());
    }
    if (message.is<EtcdRangeReply>()) {
        return on_range(ctx, message.as<EtcdRangeReply>());
    }
    if (message.is<EtcdWriteReply>()) {
        return on_write(ctx, message.as<EtcdWriteReply>());
    }
    if (message.is<EtcdKeepAliveReply>()) {
        return on_keepalive_reply(ctx, message.as<EtcdKeepAliveReply>());
    }
    if (message.is<EtcdWatchEvent>()) {
        return on_watch_event(ctx, message.as<EtcdWatchEvent>());
    }
    return DriverOutcome::nothing();
}

DriverOutcome EtcdMutexDriver::on_grant(Context& ctx, const EtcdGrantReply& reply) {
    if (step_ != Step::granting || reply.request != request_) {
        return DriverOutcome::nothing(); // a late grant: that lease expires unused
    }
    start_session(ctx, reply);
    lock_txn(ctx);
    return DriverOutcome::nothing();
}

DriverOutcome EtcdMutexDriver::on_txn(Context& ctx, const EtcdTxnReply& reply) {
    if (step_ != Step::locking || reply.request != request_) {
        return DriverOutcome::nothing();
    }
    if (reply.lease_missing != 0) {
        end_session(ctx, "lease_not_found");
        step_ = Step::idle;
        return DriverOutcome::failed("session_expired");
    }
    my_rev_ = reply.my_rev;
    if (reply.owner_rev == my_rev_) {
        return acquired(ctx);
    }
    find_older(ctx);
    return DriverOutcome::nothing();
}

DriverOutcome EtcdMutexDriver::on_range(Context& ctx, const EtcdRangeReply& reply) {
    if (reply.request != request_) {
        return DriverOutcome::nothing();
    }
    if (step_ == Step::finding_older) {
        if (reply.found != 0) {
            // waitDelete: watch the newest older key from the revision the Get saw.
            step_ = Step::watching;
            watch_ = endpoint_.next_id();
            ctx.send(endpoint_.member(),
                     EtcdWatch{watch_, reply.key, uint32_t(reply.header_rev), 0});
            return DriverOutcome::nothing();
        }
        if (spec_.bug_11456) {
            return acquired(ctx); // etcd issue 11456: no check that the own key survived the wait
        }
        step_ = Step::checking_own; // PR 11408: Get(myKey) again
        send_request(ctx, etcd_get_key, lease_, 0);
        return DriverOutcome::nothing();
    }
    if (step_ == Step::checking_own) {
        if (reply.found != 0 && reply.create_rev == my_rev_) {
            return acquired(ctx);
        }
        end_session(ctx, "key_lost");
        step_ = Step::idle;
        return DriverOutcome::failed("session_expired"); // ErrSessionExpired
    }
    return DriverOutcome::nothing();
}

DriverOutcome EtcdMutexDriver::on_write(Context& ctx, const EtcdWriteReply& reply) {
    if (reply.request != request_) {
        return DriverOutcome::nothing();
    }
    if (step_ == Step::deleting) {
        // Closing the session revokes its lease: per lock (etcdctl lock), or after the last one.
        if (session_alive_ && (spec_.session_per_lock || releases_ >= cycles_)) {
            end_session(ctx, "closed");
            step_ = Step::revoking;
            send_request(ctx, etcd_revoke, lease_, 0);
            return DriverOutcome::nothing();
        }
        release_done(ctx);
    } else if (step_ == Step::revoking) {
        release_done(ctx);
    }
    return DriverOutcome::nothing();
}

void EtcdMutexDriver::release_done(Context& ctx) {
    step_ = Step::idle;
    if (acquire_queued_) {
        acquire_queued_ = false;
        acquire(ctx);
    }
}

DriverOutcome EtcdMutexDriver::on_keepalive_reply(Context& ctx, const EtcdKeepAliveReply& reply) {
    if (reply.request != keepalive_request_ || keepalive_request_ == 0) {
        return DriverOutcome::nothing();
    }
    keepalive_request_ = 0;
    if (reply.ttl_s == 0) {
        return session_lost(ctx); // the keep-alive answered TTL 0: the lease is gone
    }
    set_deadline(ctx, keepalive_sent_mono_ + Duration::s(reply.ttl_s));
    if (step_ != Step::holding) {
        return DriverOutcome::nothing();
    }
    DriverOutcome out;
    out.kind = DriverOutcome::Kind::extended;
    out.has_validity = true;
    out.validity_end = lease_deadline_mono_;
    return out;
}

DriverOutcome EtcdMutexDriver::on_watch_event(Context& ctx, const EtcdWatchEvent& event) {
    if (step_ == Step::watching && event.watch == watch_) {
        find_older(ctx); // the older key is gone: look again
    }
    return DriverOutcome::nothing();
}

void EtcdMutexDriver::resend_step(Context& ctx) {
    switch (step_) {
    case Step::deleting: send_request(ctx, etcd_delete, lease_, 0); break;
    case Step::revoking: send_request(ctx, etcd_revoke, lease_, 0); break;
    case Step::watching: find_older(ctx); break; // re-establish the wait on the new endpoint
    default: break;
    }
}

DriverOutcome EtcdMutexDriver::on_timer(Context& ctx, uint64_t tag) {
    const uint64_t raw = tag - driver_timer_base;
    const auto timer = static_cast<Timer>(raw >> 36);
    const uint64_t value = raw & ((uint64_t(1) << 36) - 1);
    switch (timer) {
    case request_timeout:
        if (value != request_ || step_ == Step::idle || step_ == Step::holding ||
            step_ == Step::watching) {
            return DriverOutcome::nothing(); // answered in time: the step moved on
        }
        endpoint_.switch_member(ctx);
        if (step_ == Step::deleting || step_ == Step::revoking) {
            if (++release_retries_ < release_attempts) {
                resend_step(ctx);
            } else {
                release_done(ctx); // the lease's expiry cleans up what the release could not
            }
            return DriverOutcome::nothing();
        }
        step_ = Step::idle;
        request_ = 0;
        return DriverOutcome::failed("timeout");
    case deadline:
        if (value != session_epoch_ || !session_alive_ || ctx.mono_now() < lease_deadline_mono_) {
            return DriverOutcome::nothing(); // a renewal moved the deadline on
        }
        return session_lost(ctx);
    case keepalive:
        if (value != session_epoch_ || !session_alive_) {
            return DriverOutcome::nothing();
        }
        if (keepalive_request_ == 0) {
            send_keepalive(ctx);
        }
        arm(ctx, Duration::s(ttl_s_) / 3, keepalive, session_epoch_);
        return DriverOutcome::nothing();
    case keepalive_timeout:
        if (value != keepalive_request_ || keepalive_request_ == 0) {
            return DriverOutcome::nothing();
        }
        keepalive_request_ = 0;
        endpoint_.switch_member(ctx);
        if (step_ == Step::watching) {
            resend_step(ctx);
        }
        return DriverOutcome::nothing();
    }
    return DriverOutcome::nothing();
}

void EtcdMutexDriver::on_crash() {
    // The process is gone: its lease expires on the server in its own time.
    step_ = Step::idle;
    acquire_queued_ = false;
    session_alive_ = false;
    ++session_epoch_;
    request_ = 0;
    keepalive_request_ = 0;
}

void EtcdMutexDriver::fingerprint(Hasher& h, const LocalNow& now) const {
    h.add(uint64_t(step_))
        .add(acquire_queued_ ? 1u : 0u)
        .add(endpoint_.member_index())
        .add(request_)
        .add(watch_)
        .add(releases_);
    h.add(session_alive_ ? 1u : 0u).add(lease_).add(ttl_s_).add(keepalive_request_);
    h.add_signed((lease_deadline_mono_ - now.mono).count_ns()).add_signed(my_rev_);
}

} // namespace lockstep
