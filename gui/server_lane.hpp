#pragma once
// A lock server's lane: the leases it granted (coloured by holder, labelled with the token) until
// they expired or were released, its leader or primary terms when the service has them, and its
// other events (busy answers, refused releases, restarts) as marks.
#include <vector>

#include "gui/lane.hpp"
#include "gui/lane_input.hpp"
#include "gui/leases.hpp"
#include "gui/node_events.hpp"

namespace lockstep::gui {

inline constexpr size_t server_lease_track = 0;

class ServerLaneBuilder {
  public:
    ServerLaneBuilder(const LaneInput& in, const std::vector<Lease>& leases);

    Lane build(NodeId server, const NodeEvents& events) const;

  private:
    void collect_terms();

    const LaneInput& in_;
    std::vector<std::vector<Span>> leases_; // per node
    std::vector<std::vector<Span>> terms_;  // per node
};

// Model events that begin and end a leadership term (Redis promotion, Raft, ZooKeeper).
bool begins_term(std::string_view name);
bool ends_term(std::string_view name);

} // namespace lockstep::gui
