#pragma once
// The protected resource's lane: accepted writes (green, or red for a stale write: one made in a
// tenure older than a tenure whose write the resource already took), writes fencing rejected
// (orange), reads, each with its token; and the counter's value as a step plot, where a lost
// update shows as a step that goes nowhere.
#include <vector>

#include "gui/lane.hpp"
#include "gui/lane_input.hpp"
#include "gui/node_events.hpp"

namespace lockstep::gui {

inline constexpr size_t resource_writes_track = 0;
inline constexpr size_t resource_counter_track = 1;

// Accepted writes from a tenure that began before the tenure of a write accepted earlier
// (the checker's resource-safety rule), as event indices in ascending order.
std::vector<uint32_t> stale_write_events(const Facts& facts);

class ResourceLaneBuilder {
  public:
    explicit ResourceLaneBuilder(const LaneInput& in);

    Lane build(NodeId resource, const NodeEvents& events) const;

  private:
    Track counter_track(NodeId resource) const;

    const LaneInput& in_;
    std::vector<uint32_t> stale_writes_; // sorted
};

} // namespace lockstep::gui
