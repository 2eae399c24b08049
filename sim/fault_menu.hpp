#pragma once
// Fault placement as choices (the explorer's side of DESIGN principle 9): at every program point a
// node reaches, the world asks the chooser whether one of the menu's faults strikes there, and
// which. Answer 0 is "no fault", so a default run is fault-free; a global budget bounds the number
// of faults per run, the way `max_faults` bounds an exhaustive search.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/fault.hpp"

namespace lockstep {

struct FaultMenuItem {
    // What strikes. `fault.node == no_node` means the node that reached the point (a GC pause
    // strikes the process that is running); the trigger is ignored.
    Fault fault;
    std::vector<NodeId> at_nodes;       // whose points offer this item; empty: every node's
    std::vector<std::string> at_points; // which points; empty: every point
};

struct FaultMenu {
    std::vector<FaultMenuItem> items;
    uint32_t budget = 0; // faults per run; 0 offers nothing

    bool active() const { return budget > 0 && !items.empty(); }
};

} // namespace lockstep
