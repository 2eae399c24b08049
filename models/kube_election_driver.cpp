#include "models/kube_election_driver.hpp"

#include "sim/hash.hpp"

namespace lockstep {

KubeElectionDriver::KubeElectionDriver(const EtcdSpec& spec, std::vector<NodeId> members,
                                       const ClientSpec& client, NodeId self)
    : spec_(spec.kube), endpoint_(std::move(members), self),
      request_timeout_(client.request_timeout), self_(self) {}

void KubeElectionDriver::send(Context& ctx, uint8_t op, uint32_t a, uint32_t b) {
    request_sent_mono_ = ctx.mono_now();
    request_ = endpoint_.request(ctx, op, a, b);
    ctx.set_timer(request_timeout_,
                  driver_timer_base + (uint64_t(request_timeout) << 36) + request_);
}

void KubeElectionDriver::observe(Context& ctx, uint32_t holder, int64_t mod_rev) {
    // client-go records when *it* saw the record change; expiry is judged on that local time.
    if (holder != observed_holder_ || mod_rev != observed_rev_) {
        observed_holder_ = holder;
        observed_rev_ = mod_rev;
        observed_mono_ = ctx.mono_now();
    }
}

void KubeElectionDriver::acquire(Context& ctx) {
    step_ = Step::reading;
    send(ctx, etcd_get_record, 0, 0);
}

void KubeElectionDriver::release(Context& ctx, ReleaseMode mode) {
    (void)mode;
    ++term_epoch_; // renewals stop
    step_ = Step::releasing;
    send(ctx, etcd_cas_record, uint32_t(my_rev_), 0);
}

DriverOutcome KubeElectionDriver::on_message(Context& ctx, const Envelope& message) {
    if (!message.is<EtcdWriteReply>()) {
        return DriverOutcome::nothing();
    }
    const auto reply = message.as<EtcdWriteReply>();
    if (reply.request != request_) {
        return DriverOutcome::nothing();
    }
    request_ = 0;
    switch (step_) {
    case Step::reading:
    case Step::taking: return on_record(ctx, reply);
    case Step::renewing: return on_renewed(ctx, reply);
    case Step::releasing: step_ = Step::idle; break;
    default: break;
    }
    return DriverOutcome::nothing();
}

DriverOutcome KubeElectionDriver::on_record(Context& ctx, const EtcdWriteReply& reply) {
    if (step_ == Step::reading) {
        observe(ctx, reply.holder, reply.revision);
        const bool free = reply.holder == 0 || reply.holder == me();
        const bool expired = observed_mono_ + spec_.lease_duration <= ctx.mono_now();
        if (!free && !expired) {
            step_ = Step::idle;
            return DriverOutcome::failed("held");
        }
        step_ = Step::taking;
        send(ctx, etcd_cas_record, uint32_t(reply.revision), me());
        return DriverOutcome::nothing();
    }
    if (reply.done == 0) {
        observe(ctx, reply.holder, reply.revision);
        step_ = Step::idle;
        return DriverOutcome::failed("conflict");
    }
    step_ = Step::leading;
    my_rev_ = reply.revision;
    token_ = reply.revision;
    renewed_mono_ = request_sent_mono_;
    observe(ctx, reply.holder, reply.revision);
    ++term_epoch_;
    ctx.set_timer(spec_.retry_period, driver_timer_base + (uint64_t(renew) << 36) + term_epoch_);
    DriverOutcome out;
    out.kind = DriverOutcome::Kind::acquired;
    out.token = token_;
    out.has_validity = true;
    out.validity_end = renewed_mono_ + spec_.lease_duration;
    return out;
}

DriverOutcome KubeElectionDriver::on_renewed(Context& ctx, const EtcdWriteReply& reply) {
    observe(ctx, reply.holder, reply.revision);
    if (reply.done == 0) {
        return stop_leading("lease_taken"); // someone else wrote the record: we lost it
    }
    step_ = Step::leading;
    my_rev_ = reply.revision;
    renewed_mono_ = request_sent_mono_;
    DriverOutcome out;
    out.kind = DriverOutcome::Kind::extended;
    out.has_validity = true;
    out.validity_end = renewed_mono_ + spec_.lease_duration;
    return out;
}

DriverOutcome KubeElectionDriver::stop_leading(std::string_view why) {
    ++term_epoch_;
    step_ = Step::idle;
    DriverOutcome out;
    out.kind = DriverOutcome::Kind::lost;
    out.reason = why;
    return out;
}

DriverOutcome KubeElectionDriver::on_timer(Context& ctx, uint64_t tag) {
    const uint64_t raw = tag - driver_timer_base;
    const auto timer = static_cast<Timer>(raw >> 36);
    const uint64_t value = raw & ((uint64_t(1) << 36) - 1);
    if (timer == request_timeout) {
        if (value != request_ || request_ == 0) {
            return DriverOutcome::nothing();
        }
        request_ = 0;
        endpoint_.switch_member(ctx);
        if (step_ == Step::reading || step_ == Step::taking) {
            step_ = Step::idle;
            return DriverOutcome::failed("timeout");
        }
        if (step_ == Step::renewing) {
            step_ = Step::leading; // the next period tries again
        }
        return DriverOutcome::nothing();
    }
    if (value != term_epoch_ || (step_ != Step::leading && step_ != Step::renewing)) {
        return DriverOutcome::nothing();
    }
    // The renew loop: give up leading once no renewal succeeded within renewDeadline.
    if (ctx.mono_now() - renewed_mono_ >= spec_.renew_deadline) {
        return stop_leading("renew_deadline");
    }
    if (step_ == Step::leading) {
        step_ = Step::renewing;
        send(ctx, etcd_cas_record, uint32_t(my_rev_), me());
    }
    ctx.set_timer(spec_.retry_period, driver_timer_base + (uint64_t(renew) << 36) + term_epoch_);
    return DriverOutcome::nothing();
}

void KubeElectionDriver::on_crash() {
    step_ = Step::idle;
    request_ = 0;
    ++term_epoch_;
    observed_rev_ = -1;
    observed_holder_ = 0;
}

void KubeElectionDriver::fingerprint(Hasher& h, const LocalNow& now) const {
    h.add(uint64_t(step_)).add(request_).add(observed_holder_).add_signed(observed_rev_);
    h.add_signed((now.mono - observed_mono_).count_ns()).add_signed(my_rev_).add_signed(token_);
    h.add_signed((now.mono - renewed_mono_).count_ns()).add(endpoint_.member_index());
}

} // namespace lockstep
