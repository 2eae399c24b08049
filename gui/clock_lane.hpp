#pragma once
// A small plot of each node's wall-clock offset from true time (local - true, in ms), sampled at
// the node's own events: drift shows as a slope, a clock step as a jump.
#include "gui/lane.hpp"
#include "gui/lane_input.hpp"

namespace lockstep::gui {

class ClockLaneBuilder {
  public:
    explicit ClockLaneBuilder(const LaneInput& in) : in_(in) {}

    Lane build() const;

  private:
    const LaneInput& in_;
};

} // namespace lockstep::gui
