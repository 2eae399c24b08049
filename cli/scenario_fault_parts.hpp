#pragma once
// The parts of a fault that need more than one key: when it strikes, and a partition's groups.
#include "cli/scenario_convert.hpp"

namespace lockstep::scenario {

// One fault being read: its map, the kind entry (`pause: c1`), and what names resolve against.
struct FaultInput {
    const Section& section;
    const DocEntry& kind;
    const NodeTable& nodes;
    const SystemSpec& spec;
    bool has_single_node; // pause, clock_*, crash, restart: the node whose point can trigger it
};

// `at: TIME` or `at_point: POINT` (+ `of: NODE`).
bool read_trigger(const FaultInput& in, Fault& f);
// groups, one_way, heal_after; heal_at once the trigger is known.
bool read_partition(const FaultInput& in, Fault& f);
bool read_partition_heal_at(const FaultInput& in, Fault& f);

} // namespace lockstep::scenario
