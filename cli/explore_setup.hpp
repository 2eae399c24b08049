#pragma once
// From a scenario with its explore: section to an exploration: the system with every link's
// latency ladder, the fault menu, the search options, and the world factory. `lockstep explore`
// and the runner's replay of an explored run both build their worlds here, so a counterexample's
// choice string means the same run to both.
#include <string>
#include <string_view>

#include "checker/explore.hpp"
#include "cli/scenario.hpp"
#include "sim/fault_menu.hpp"

namespace lockstep {

struct ExploreSetup {
    SystemSpec system; // the scenario's, with the explore latency ladder on every link
    FaultMenu menu;
    ExploreOptions options;
};

ExploreSetup make_explore_setup(const Scenario& scenario);
// The unstarted world to explore (or to replay an explored run in, at `level`).
std::unique_ptr<World> build_explore_world(const Scenario& scenario, const ExploreSetup& setup,
                                           TraceLevel level);

// Choice strings of explored runs carry this prefix: `lockstep replay` then rebuilds the world the
// explorer ran (ladder, fault menu, tie choices) instead of a simulation's.
inline constexpr std::string_view explore_choices_prefix = "e:";

} // namespace lockstep
