#pragma once
// A client's lane: what it believes (by its own clock) above what the servers say, its pauses
// and downtime behind them, and its program points, attempts and clock steps below.
#include <vector>

#include "gui/belief_overlap.hpp"
#include "gui/lane.hpp"
#include "gui/lane_input.hpp"
#include "gui/leases.hpp"
#include "gui/node_events.hpp"

namespace lockstep::gui {

// Track order inside a client lane (the view and the tests address tracks by these).
inline constexpr size_t client_belief_track = 0;
inline constexpr size_t client_server_track = 1;
inline constexpr size_t client_events_track = 2;

class ClientLaneBuilder {
  public:
    ClientLaneBuilder(const LaneInput& in, const std::vector<Lease>& leases,
                      const std::vector<BeliefOverlap>& overlaps);

    Lane build(NodeId client, const NodeEvents& events) const;

  private:
    Track belief_track(NodeId client) const;
    Track server_track(NodeId client) const;

    const LaneInput& in_;
    std::vector<std::vector<Span>> beliefs_; // per node
    std::vector<std::vector<Span>> holds_;   // per node: leases held in its name
    std::vector<std::vector<Span>> overlaps_;
};

} // namespace lockstep::gui
