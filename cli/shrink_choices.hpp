#pragma once
// Shrinking the choices of a failing run (the last step of shrinking, after the scenario itself
// got smaller): the run's choice string, reduced to as few non-default decisions as still
// violate the property. A choice left at 0 is the default (the shortest latency, first-in
// first-out ties, no loss), so what remains are the decisions the failure needs.
#include <cstdint>
#include <string>
#include <vector>

#include "cli/runner.hpp"

namespace lockstep {

struct ChoiceShrink {
    bool ok = false;           // the reduced string replays to a run that still violates
    std::string choices;       // replay with: lockstep replay FILE --choices STRING
    size_t decided_before = 0; // non-default choices of the seed's run
    size_t decided_after = 0;
    size_t runs = 0;
};

// `scenario` with `seed` violates `property`. Stops after `max_runs` candidate runs.
ChoiceShrink shrink_choices(const Scenario& scenario, uint64_t seed, const std::string& property,
                            size_t max_runs = 400);

// Non-default decisions of a choice sequence.
size_t count_decided(const std::vector<uint64_t>& values);

} // namespace lockstep
