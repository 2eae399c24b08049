#pragma once
// Turns a SystemSpec into a World: lock servers, the resource and the clients, wired together.
#include <memory>

#include "models/spec.hpp"
#include "sim/world.hpp"

namespace lockstep {

// `faults` refers to nodes by their index in node_names(spec).
std::unique_ptr<World> build_world(const SystemSpec& spec, const FaultPlan& faults,
                                   TraceLevel level);

} // namespace lockstep
