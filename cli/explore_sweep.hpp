#pragma once
// `lockstep explore SCENARIO --pause-sweep CLIENT`: a GC can strike anywhere (Kleppmann), so try
// a pause of each length at each program point of one client, each placement explored on its own
// (every interleaving, one fault), and tabulate which placements break which property.
#include "cli/options.hpp"
#include "cli/scenario.hpp"

namespace lockstep {

int run_pause_sweep(const CommandLine& cl, const Scenario& scenario);

} // namespace lockstep
