#pragma once
// A node's clocks. True time is never visible to a node: it reads a wall clock (offset, drift,
// steps, slew) and a monotonic clock (drift only: steps do not move it). Rates are integer parts
// per million, so a 2% fast clock is exactly +20000 ppm.
#include <cstdint>

#include "sim/hasher_fwd.hpp"
#include "sim/time.hpp"

namespace lockstep {

struct ClockSpec {
    Duration offset;       // wall clock minus true time at the start
    int64_t drift_ppm = 0; // +20000: runs 2% fast
};

class Clock {
  public:
    Clock() = default;
    explicit Clock(ClockSpec spec);

    Time wall(Time now) const;
    Time mono(Time now) const;
    int64_t drift_ppm() const { return drift_ppm_; }

    // The wall clock jumps by `delta` at true time `now` (an admin or NTP step).
    void step(Time now, Duration delta);
    // Both clocks run at a new rate from `now` on.
    void set_drift(Time now, int64_t drift_ppm);
    // NTP-style slew: the wall clock absorbs `delta` gradually at `slew_ppm` extra rate.
    void slew(Time now, Duration delta, int64_t slew_ppm);

    // The true time that passes while this node's monotonic clock advances by `local`
    // (rounded up, so a local timer never fires early by rounding).
    Duration true_for_local(Duration local) const;

    void fingerprint(Hasher& h, Time now) const;

  private:
    void rebase(Time now);
    static Duration scaled(Duration elapsed, int64_t ppm);

    Time base_true_;
    Time base_wall_;
    Time base_mono_;
    int64_t drift_ppm_ = 0;
    // An active slew: extra wall rate until slew_end_ (true time).
    int64_t slew_ppm_ = 0;
    Time slew_end_;
};

} // namespace lockstep
