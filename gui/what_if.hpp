#pragma once
// The what-if panel's settings and what they mean for the runner: a seed, the resource's fencing
// and the size of each fault become --set overrides appended to the run's own, so a what-if run
// is exactly `lockstep run FILE --seed S --set ...` and can be replayed from the command line.
#include <string>
#include <vector>

#include "gui/run_data.hpp"

namespace lockstep::gui {

enum class FencingChoice : uint8_t { as_scenario, none, token, cas };
std::string_view fencing_choice_name(FencingChoice c);

struct WhatIf {
    uint64_t seed = 1;
    FencingChoice fencing = FencingChoice::as_scenario;
    std::vector<FaultKnob> faults;

    // Starts from what `run` did.
    void reset_from(const RunData& run);
    // The overrides that express the panel, after the base run's own.
    std::vector<std::string> overrides(const std::vector<std::string>& base) const;
    // The settings of the what-if run (never a replay: a changed run draws its own choices).
    RunSettings settings(const RunSettings& base) const;
    // "seed 1, fencing token, faults.0.for=20s": what differs, for the comparison's title.
    std::string describe(const RunSettings& base) const;
    // The command line that runs the same: "lockstep run FILE --seed 1 --set ...".
    std::string command(const RunSettings& base) const;
};

} // namespace lockstep::gui
