#pragma once
#include <cstdint>

namespace lockstep {

// Nodes are numbered densely in the order they join the world.
using NodeId = uint16_t;
constexpr NodeId no_node = 0xffff;

} // namespace lockstep
