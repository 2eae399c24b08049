#pragma once
// Runs one scenario deterministically: the same runner serves `lockstep run`, `replay`, `check`
// and the GUI. A run is a function of (scenario, seed, choices): nothing else enters it.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "checker/report.hpp"
#include "cli/scenario.hpp"
#include "sim/swarm.hpp"
#include "sim/world.hpp"

namespace lockstep {

struct RunRequest {
    std::optional<uint64_t> seed;                 // overrides the scenario's seed
    std::optional<std::vector<uint64_t>> choices; // replay a recorded choice string exactly
    std::optional<SwarmKinds> swarm;              // add seed-drawn swarm faults of these kinds
    TraceLevel level = TraceLevel::full;
    bool record_choices = true;
    // The choices come from `lockstep explore`: run the world the explorer ran (the explore:
    // section's latency ladder and fault menu, ties as choices) up to its time bound.
    bool explored = false;
};

struct RunOutcome {
    std::unique_ptr<World> world;
    uint64_t seed = 0;
    std::string choices;    // the run's choice string (replayable)
    std::string divergence; // a replay that asked for choices the string did not have
    Report report;
    Expectation expected; // what the run was judged against (full_expectation of the scenario's)
    ExpectationResult expectation;
    Time end;
};

// Every property the scenario does not mention is expected to hold.
Expectation full_expectation(const Expectation& stated);

RunOutcome run_scenario(const Scenario& scenario, const RunRequest& request);

// For a process that runs many scenarios one after another (check, the benchmarks): keep the
// heap between runs instead of handing it back to the kernel after each (glibc's default trims
// at 128 KB, and a Redlock sweep then spent a sixth of its time faulting pages back in).
void keep_heap_between_runs();

// The scenario's faults plus, with a swarm, the ones drawn for `seed`.
FaultPlan faults_for(const Scenario& scenario, uint64_t seed,
                     const std::optional<SwarmKinds>& swarm);
SwarmTargets swarm_targets(const Scenario& scenario);

// The command that reproduces a run exactly ("lockstep run FILE --seed 7 --set ...").
std::string replay_command(const Scenario& scenario, uint64_t seed,
                           const std::vector<std::string>& overrides,
                           const std::string& swarm_kinds = "");
// The command that replays a choice string ("lockstep replay FILE --choices ...").
std::string replay_choices_command(const Scenario& scenario, const std::string& choices,
                                   const std::vector<std::string>& overrides);
std::string shell_word(const std::string& word);

} // namespace lockstep
