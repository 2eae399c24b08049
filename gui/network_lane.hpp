#pragma once
// The network's lane: every message as an arrow from its send (on the sender's lane) to its
// delivery (on the receiver's lane), lost messages ending in a cross, and the partitions and
// heals, which belong to no node.
#include "gui/lane.hpp"
#include "gui/lane_input.hpp"
#include "gui/node_events.hpp"

namespace lockstep::gui {

inline constexpr size_t network_messages_track = 0;

class NetworkLaneBuilder {
  public:
    explicit NetworkLaneBuilder(const LaneInput& in) : in_(in) {}

    Lane build(const NodeEvents& events) const;

  private:
    Track messages_track() const;

    const LaneInput& in_;
};

} // namespace lockstep::gui
