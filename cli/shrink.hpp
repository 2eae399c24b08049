#pragma once
// Shrinking (DESIGN principle 11's twin): a failing run is reduced to a small one that still
// violates the same property — fewer faults, fewer clients and cycles, smaller faults (a 40 s
// pause becomes the shortest pause that still breaks it), a shorter run, fewer non-default
// choices (cli/shrink_choices.hpp) — and printed as a scenario file the user can save and run.
#include <cstdint>
#include <string>

#include "cli/options.hpp"
#include "cli/runner.hpp"

namespace lockstep {

struct ShrinkResult {
    bool ok = false;
    std::string yaml;     // the shrunk scenario
    std::string property; // the property it still violates
    size_t runs = 0;      // candidate runs tried
    std::string summary;  // what got smaller
    // The shrunk scenario's run with the fewest non-default choices that still violates
    // (replay it with --choices); empty when that could not be reduced or reproduced.
    std::string choices;
    size_t decided_before = 0;
    size_t decided_after = 0;
};

// `seed` failed `property` (expected to hold) with the request's swarm. Swarm faults become
// explicit faults of the shrunk scenario; --set overrides are folded into it.
ShrinkResult shrink_failure(const Scenario& scenario, const std::vector<std::string>& overrides,
                            const RunRequest& request, uint64_t seed, const std::string& property);

// check's use of it: shrink, print, optionally save (--shrunk FILE).
void shrink_and_report(const CommandLine& cl, const Scenario& scenario, const RunRequest& base,
                       uint64_t seed);

} // namespace lockstep
