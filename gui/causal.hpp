#pragma once
// Causal neighbours of an event, for the selection panel: what it was caused by and what it
// caused. A deliver's send, a send's delivery or loss; the lock_granted behind an acquired and
// the belief_end (or crash) that ended it; a lease's grant and its expiry; a pause's end; the
// tenure a write was made in. Precomputed as a sorted edge list, so a lookup is a binary search.
#include <cstdint>
#include <string_view>
#include <vector>

#include "gui/lane_input.hpp"
#include "gui/leases.hpp"
#include "gui/node_events.hpp"

namespace lockstep::gui {

enum class Relation : uint8_t {
    sent_by,        // deliver/drop -> send
    delivered_as,   // send -> deliver
    dropped_as,     // send -> drop
    granted_by,     // acquired -> lock_granted; lease end -> its grant
    led_to,         // lock_granted -> acquired
    ended_by,       // acquired -> belief_end/crash; grant -> expiry/release; pause/crash -> end
    began_with,     // belief_end -> acquired; expiry -> ...; pause_end -> pause_begin
    written_during, // write -> the writer's acquired
    wrote,          // acquired -> its writes
};
std::string_view relation_name(Relation r);

struct Neighbour {
    Relation relation;
    uint32_t event;
};

class CausalIndex {
  public:
    CausalIndex() = default;
    CausalIndex(const LaneInput& in, const std::vector<Lease>& leases, const NodeEvents& events);

    // In the order: causes first, then effects, each in trace order.
    std::vector<Neighbour> neighbours(uint32_t event) const;
    size_t edge_count() const { return edges_.size(); }

  private:
    struct Edge {
        uint32_t from;
        uint32_t to;
        Relation relation;
    };
    void link(uint32_t a, Relation forward, uint32_t b, Relation backward);
    void link_messages(const LaneInput& in);
    void link_tenures(const LaneInput& in);

    std::vector<Edge> edges_; // sorted by (from, to)
};

} // namespace lockstep::gui
