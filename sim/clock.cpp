#include "sim/clock.hpp"

#include <cassert>

#include "sim/hash.hpp"
#include "sim/int128.hpp"

namespace lockstep {

namespace {
constexpr int64_t million = 1'000'000;
}

Clock::Clock(ClockSpec spec) : base_wall_(Time::zero() + spec.offset), drift_ppm_(spec.drift_ppm) {
    assert(spec.drift_ppm > -million);
}

// Both conversions below run on every clock read and every timer, so they avoid the 128-bit
// division (a libgcc call, __divti3, about 7% of the event loop) when it cannot change the result:
// a clock without drift scales by exactly one, and a product that fits in 64 bits divides the same
// way in 64 bits (both truncate toward zero). The 128-bit path stays for long spans.
Duration Clock::scaled(Duration elapsed, int64_t ppm) {
    if (ppm == 0) {
        return elapsed;
    }
    int64_t product = 0;
    if (!__builtin_mul_overflow(elapsed.count_ns(), million + ppm, &product)) {
        return Duration::ns(product / million);
    }
    const int128 n = static_cast<int128>(elapsed.count_ns()) * (million + ppm);
    return Duration::ns(static_cast<int64_t>(n / million));
}

Time Clock::wall(Time now) const {
    const Duration elapsed = now - base_true_;
    if (slew_ppm_ == 0 || now <= base_true_) {
        return base_wall_ + scaled(elapsed, drift_ppm_ + slew_ppm_);
    }
    if (now <= slew_end_) {
        return base_wall_ + scaled(elapsed, drift_ppm_ + slew_ppm_);
    }
    const Time at_end = base_wall_ + scaled(slew_end_ - base_true_, drift_ppm_ + slew_ppm_);
    return at_end + scaled(now - slew_end_, drift_ppm_);
}

Time Clock::mono(Time now) const {
    return base_mono_ + scaled(now - base_true_, drift_ppm_);
}

void Clock::rebase(Time now) {
    base_wall_ = wall(now);
    base_mono_ = mono(now);
    base_true_ = now;
    if (slew_ppm_ != 0 && now >= slew_end_) {
        slew_ppm_ = 0;
    }
}

void Clock::step(Time now, Duration delta) {
    rebase(now);
    base_wall_ += delta;
}

void Clock::set_drift(Time now, int64_t drift_ppm) {
    assert(drift_ppm > -million);
    rebase(now);
    drift_ppm_ = drift_ppm;
}

void Clock::slew(Time now, Duration delta, int64_t slew_ppm) {
    assert(slew_ppm > 0);
    rebase(now);
    if (delta == Duration::zero()) {
        return;
    }
    const int64_t magnitude = delta < Duration::zero() ? -delta.count_ns() : delta.count_ns();
    // Absorbing |delta| at slew_ppm extra takes |delta| * 1e6 / slew_ppm of true time.
    const int128 span = static_cast<int128>(magnitude) * million / slew_ppm;
    slew_ppm_ = delta < Duration::zero() ? -slew_ppm : slew_ppm;
    slew_end_ = now + Duration::ns(static_cast<int64_t>(span));
}

Duration Clock::true_for_local(Duration local) const {
    // Without drift, ceil(local * 1e6 / 1e6) is `local` itself (for local >= 0, which timers are;
    // the general formula below rounds negative spans differently, so they keep it).
    if (drift_ppm_ == 0 && local >= Duration::zero()) {
        return local;
    }
    const int128 num = static_cast<int128>(local.count_ns()) * million;
    const int128 den = million + drift_ppm_;
    return Duration::ns(static_cast<int64_t>((num + den - 1) / den));
}

void Clock::fingerprint(Hasher& h, Time now) const {
    // Relative to now: two states that differ only in absolute time hash alike.
    h.add_signed((wall(now) - now).count_ns());
    h.add_signed((mono(now) - now).count_ns());
    if (drift_ppm_ != 0 || slew_ppm_ != 0) { // most clocks keep true time: skip what is zero
        h.add_signed(drift_ppm_);
        h.add_signed(slew_ppm_);
        h.add_signed(slew_ppm_ != 0 ? (slew_end_ - now).count_ns() : 0);
    }
}

} // namespace lockstep
