#include "models/client.hpp"

#include <algorithm>

#include "models/resource.hpp"
#include "sim/hash.hpp"

namespace lockstep {

const std::vector<std::string_view>& workload_program_points() {
    static const std::vector<std::string_view> points = {"acquired", "after_read", "after_check",
                                                         "before_write", "before_release"};
    return points;
}

const std::vector<std::string_view>& client_program_points() {
    static const std::vector<std::string_view> points = [] {
        std::vector<std::string_view> all = workload_program_points();
        all.push_back("redlock_sent"); // models/redlock_driver.cpp
        all.push_back("zk_create");    // models/zookeeper_driver.cpp
        return all;
    }();
    return points;
}

LockClient::LockClient(ClientSpec spec, std::unique_ptr<LockDriver> driver, NodeId resource,
                       Duration ttl)
    : spec_(std::move(spec)), driver_(std::move(driver)), resource_(resource), ttl_(ttl) {}

void LockClient::after(Context& ctx, Duration delay, Step step) {
    ctx.set_timer(delay, tag(step));
}

void LockClient::reach(Context& ctx, std::string_view point, Step step) {
    ctx.reach(point, tag(step));
}

void LockClient::on_start(Context& ctx) {
    after(ctx, spec_.start, start_cycle);
}

void LockClient::on_restart(Context& ctx) {
    // A restarted process knows nothing of its old lock and starts its remaining cycles afresh.
    phase_ = Phase::idle;
    ++epoch_;
    if (cycle_ < spec_.cycles) {
        after(ctx, Duration::zero(), start_cycle);
    } else {
        phase_ = Phase::done;
    }
}

void LockClient::on_crash() {
    driver_->on_crash();
    phase_ = Phase::crashed;
    believes_ = false; // the checker ends the belief at the crash event
    ++epoch_;
    ++belief_epoch_;
}

void LockClient::on_message(Context& ctx, const Envelope& message) {
    if (message.is<ResourceReadReply>()) {
        if (phase_ == Phase::reading) {
            read_value_ = message.as<ResourceReadReply>().value;
            ++epoch_; // cancels the read timeout
            reach(ctx, "after_read", hold);
        }
        return;
    }
    if (message.is<ResourceWriteReply>()) {
        if (phase_ == Phase::writing) {
            ++epoch_; // cancels the request timeout
            reach(ctx, "before_release", release);
        }
        return;
    }
    on_outcome(ctx, driver_->on_message(ctx, message));
}

void LockClient::on_timer(Context& ctx, uint64_t raw) {
    if (raw >= driver_timer_base) {
        on_outcome(ctx, driver_->on_timer(ctx, raw));
        return;
    }
    const auto step = static_cast<Step>(raw & 0xff);
    if ((raw >> 8) != (belief_step(step) ? belief_epoch_ : epoch_)) {
        return; // from a phase the client has left
    }
    switch (step) {
    case start_cycle: begin_cycle(ctx); break;
    case retry: attempt(ctx); break;
    case acquire_timeout: give_up(ctx, "acquire_timeout"); break;
    case read: start_read(ctx); break;
    case hold: start_hold(ctx); break;
    case hold_done: after_hold(ctx); break;
    case write: start_write(ctx); break;
    case release: release_lock(ctx); break;
    case renew: renew_now(ctx); break;
    case validity_expiry: on_validity_expiry(ctx); break;
    case request_timeout:
        // The resource did not answer (a delayed or lost request): carry on to the release.
        ctx.emit("request_timeout", {Field("phase", phase_ == Phase::reading ? "read" : "write")});
        ++epoch_;
        release_lock(ctx);
        break;
    }
}

void LockClient::begin_cycle(Context& ctx) {
    ++cycle_;
    ++epoch_;
    attempts_ = 0;
    phase_ = Phase::acquiring;
    ctx.emit("acquire_start", {Field("cycle", cycle_)});
    if (spec_.acquire_timeout > Duration::zero()) {
        after(ctx, spec_.acquire_timeout, acquire_timeout);
    }
    attempt(ctx);
}

void LockClient::attempt(Context& ctx) {
    ++attempts_;
    phase_ = Phase::acquiring;
    driver_->acquire(ctx);
}

void LockClient::on_outcome(Context& ctx, const DriverOutcome& outcome) {
    switch (outcome.kind) {
    case DriverOutcome::Kind::none: return;
    case DriverOutcome::Kind::acquired: on_acquired(ctx, outcome); return;
    case DriverOutcome::Kind::attempt_failed: on_attempt_failed(ctx, outcome); return;
    case DriverOutcome::Kind::extended:
        if (!believes_) {
            return; // an answer that arrived after the release
        }
        has_validity_ = outcome.has_validity;
        validity_end_ = outcome.validity_end;
        ctx.emit("renewed", {Field("token", token_)});
        return; // a pending validity timer re-arms itself when it finds time left
    case DriverOutcome::Kind::extend_failed:
        // Redisson's watchdog stops renewing; the application is not told.
        if (believes_ && renewing_) {
            renewing_ = false;
            ctx.emit("renew_failed", {Field("reason", outcome.reason)});
        }
        return;
    case DriverOutcome::Kind::lost:
        if (believes_) {
            end_belief(ctx, outcome.reason);
            ++epoch_;
            finish_cycle(ctx);
        }
        return;
    }
}

void LockClient::on_acquired(Context& ctx, const DriverOutcome& outcome) {
    if (phase_ != Phase::acquiring) {
        // A grant that arrived after the client gave up: hand it back.
        driver_->release(ctx, ReleaseMode::safe);
        return;
    }
    ++epoch_; // cancels the acquire timeout
    believes_ = true;
    token_ = outcome.token;
    has_validity_ = outcome.has_validity;
    validity_end_ = outcome.validity_end;
    const Time clock_now =
        driver_->validity_clock() == ClockSource::wall ? ctx.wall_now() : ctx.mono_now();
    ctx.emit("acquired",
             {Field("cycle", cycle_), Field("token", token_), Field("attempts", attempts_),
              Field("validity_ns", has_validity_ ? (validity_end_ - clock_now).count_ns() : -1)});
    phase_ = Phase::reading;
    ++belief_epoch_;
    renewing_ = spec_.renewal == RenewalMode::watchdog && driver_->can_extend();
    if (renewing_) {
        const Duration interval =
            spec_.renew_interval > Duration::zero() ? spec_.renew_interval : ttl_ / 3;
        after(ctx, interval, renew);
    }
    arm_validity_timer(ctx);
    reach(ctx, "acquired", read);
}

void LockClient::on_attempt_failed(Context& ctx, const DriverOutcome& outcome) {
    if (phase_ != Phase::acquiring) {
        return;
    }
    ctx.emit("acquire_attempt_failed", {Field("cycle", cycle_), Field("attempt", attempts_),
                                        Field("reason", outcome.reason)});
    if (spec_.retry_count != 0 && attempts_ >= spec_.retry_count) {
        give_up(ctx, "retries_exhausted");
        return;
    }
    // "Retry after a random delay" (Redis docs): base delay plus a jitter of 0-75% of it.
    phase_ = Phase::backing_off;
    const Duration jitter = spec_.retry_delay * int64_t(ctx.pick(4)) / 4;
    after(ctx, spec_.retry_delay + jitter, retry);
}

void LockClient::give_up(Context& ctx, std::string_view reason) {
    if (phase_ != Phase::acquiring && phase_ != Phase::backing_off) {
        return;
    }
    ctx.emit("acquire_gave_up", {Field("cycle", cycle_), Field("reason", reason)});
    ++epoch_;
    finish_cycle(ctx);
}

void LockClient::start_read(Context& ctx) {
    if (resource_ == no_node) {
        start_hold(ctx);
        return;
    }
    phase_ = Phase::reading;
    ctx.send(resource_, ResourceRead{write_token()});
    after(ctx, spec_.request_timeout, request_timeout);
}

void LockClient::start_hold(Context& ctx) {
    phase_ = Phase::holding;
    Duration hold = spec_.hold;
    if (spec_.hold_max > spec_.hold) {
        const int64_t steps_ms = (spec_.hold_max - spec_.hold).whole_ms();
        hold += Duration::ms(int64_t(ctx.pick(uint64_t(steps_ms) + 1)));
    }
    after(ctx, hold, hold_done);
}

void LockClient::after_hold(Context& ctx) {
    if (!spec_.check_validity) {
        reach(ctx, "before_write", write);
        return;
    }
    if (validity_over(ctx)) {
        // The check works: the client notices and does not write (unless a pause strikes
        // between this check and the write, which is KL-2).
        end_belief(ctx, "expired");
        driver_->release(ctx, spec_.release);
        finish_cycle(ctx);
        return;
    }
    reach(ctx, "after_check", write);
}

Time LockClient::validity_clock_now(Context& ctx) const {
    return driver_->validity_clock() == ClockSource::wall ? ctx.wall_now() : ctx.mono_now();
}

bool LockClient::validity_over(Context& ctx) const {
    return has_validity_ && validity_clock_now(ctx) >= validity_end_;
}

// A client that checks its validity also stops believing when its own clock says the lease is
// over (DESIGN: belief lasts "until it releases or its own clock says the lease is over"). The
// timer is a timer of this process: a pause delays it, which is the whole GC-pause story.
void LockClient::arm_validity_timer(Context& ctx) {
    if (!spec_.check_validity || !has_validity_) {
        return;
    }
    const Duration left = validity_end_ - validity_clock_now(ctx);
    after(ctx, left > Duration::zero() ? left : Duration::zero(), validity_expiry);
}

void LockClient::on_validity_expiry(Context& ctx) {
    if (!believes_) {
        return;
    }
    if (!validity_over(ctx)) {
        arm_validity_timer(ctx); // a wall clock stepped back: not over yet by that clock
        return;
    }
    end_belief(ctx, "expired");
    if (phase_ == Phase::reading || phase_ == Phase::holding) {
        // Noticed before writing: abandon the critical section and let the lock go.
        driver_->release(ctx, spec_.release);
        finish_cycle(ctx);
    }
}

void LockClient::start_write(Context& ctx) {
    if (resource_ == no_node) {
        reach(ctx, "before_release", release);
        return;
    }
    phase_ = Phase::writing;
    ctx.send(resource_, ResourceWrite{write_token(), read_value_ + 1, int64_t(cycle_)});
    after(ctx, spec_.request_timeout, request_timeout);
}

void LockClient::release_lock(Context& ctx) {
    end_belief(ctx, "released");
    ctx.emit("release", {Field("safe", spec_.release == ReleaseMode::safe)});
    driver_->release(ctx, spec_.release);
    finish_cycle(ctx);
}

void LockClient::end_belief(Context& ctx, std::string_view reason) {
    if (!believes_) {
        return;
    }
    believes_ = false;
    ++belief_epoch_; // the watchdog stops with the belief
    ctx.emit("belief_end",
             {Field("cycle", cycle_), Field("token", token_), Field("reason", reason)});
}

void LockClient::finish_cycle(Context& ctx) {
    ++epoch_;
    if (cycle_ >= spec_.cycles) {
        phase_ = Phase::done;
        ctx.emit("done", {Field("cycles", cycle_)});
        return;
    }
    phase_ = Phase::thinking;
    after(ctx, spec_.think, start_cycle);
}

void LockClient::renew_now(Context& ctx) {
    // The watchdog is a timer of this process: a pause stops it too (RD-10).
    if (!believes_ || !renewing_) {
        return;
    }
    driver_->extend(ctx);
    const Duration interval =
        spec_.renew_interval > Duration::zero() ? spec_.renew_interval : ttl_ / 3;
    after(ctx, interval, renew);
}

void LockClient::fingerprint(Hasher& h, const LocalNow& now) const {
    const Time clock_now = driver_->validity_clock() == ClockSource::wall ? now.wall : now.mono;
    // Attempts count only against a retry limit; validity only while the belief lasts (nothing
    // reads it after): past values would make equivalent states differ.
    const uint32_t attempts = spec_.retry_count == 0 ? 0 : std::min(attempts_, spec_.retry_count);
    h.add(uint64_t(phase_) << 56 | uint64_t(believes_) << 49 | uint64_t(renewing_) << 48 |
          uint64_t(attempts) << 32 | cycle_);
    h.add_signed(token_).add_signed(read_value_);
    h.add_signed(has_validity_ && believes_ ? (validity_end_ - clock_now).count_ns() : 0);
    driver_->fingerprint(h, now);
}

uint64_t LockClient::timer_fingerprint(uint64_t tag) const {
    if (tag >= driver_timer_base) {
        return driver_->timer_fingerprint(tag);
    }
    // The epoch in a tag only tells a live step from an abandoned one; its value is history.
    const auto step = static_cast<Step>(tag & 0xff);
    const uint64_t epoch = belief_step(step) ? belief_epoch_ : epoch_;
    return (tag >> 8) == epoch ? uint64_t(step) : Node::dead_timer;
}

} // namespace lockstep
