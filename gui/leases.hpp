#pragma once
// What the servers say: each lease from the server's grant until it expired, was released, or
// the server lost it (crash, demotion). Server lanes draw them; client lanes draw the ones held
// in the client's name beside the client's own belief.
#include <vector>

#include "gui/lane.hpp"
#include "gui/lane_input.hpp"

namespace lockstep::gui {

struct Lease {
    NodeId server = no_node;
    NodeId holder = no_node;
    uint32_t key = 0; // interned key name
    Span span;        // style lease; value = token
};

std::vector<Lease> extract_leases(const LaneInput& in);

} // namespace lockstep::gui
