#include "gui/what_if.hpp"

#include <array>

#include "sim/time.hpp"

namespace lockstep::gui {

std::string_view fencing_choice_name(FencingChoice c) {
    static constexpr std::array<std::string_view, 4> names = {"as in the scenario", "none", "token",
                                                              "cas"};
    return names[static_cast<size_t>(c)];
}

void WhatIf::reset_from(const RunData& run) {
    seed = run.seed;
    fencing = FencingChoice::as_scenario;
    faults = run.faults;
    for (FaultKnob& k : faults) {
        k.value_ns = k.original_ns;
    }
}

std::vector<std::string> WhatIf::overrides(const std::vector<std::string>& base) const {
    std::vector<std::string> out = base;
    if (fencing != FencingChoice::as_scenario) {
        out.push_back("resource.fencing=" + std::string(fencing_choice_name(fencing)));
    }
    for (const FaultKnob& k : faults) {
        if (k.value_ns != k.original_ns) {
            out.push_back(k.key + "=" + format_duration(Duration::ns(k.value_ns)));
        }
    }
    return out;
}

RunSettings WhatIf::settings(const RunSettings& base) const {
    RunSettings s;
    s.scenario_path = base.scenario_path;
    s.seed = seed;
    s.overrides = overrides(base.overrides);
    s.swarm = base.swarm; // another seed draws other swarm faults, as `lockstep run` would
    return s;
}

std::string WhatIf::describe(const RunSettings& base) const {
    std::string out = "seed " + std::to_string(seed);
    const std::vector<std::string> all = overrides(base.overrides);
    for (const std::string& o : all) {
        out += ", " + o;
    }
    return out;
}

std::string WhatIf::command(const RunSettings& base) const {
    std::string out = "lockstep run " + base.scenario_path + " --seed " + std::to_string(seed);
    for (const std::string& o : overrides(base.overrides)) {
        out += " --set " + o;
    }
    return base.swarm.empty() ? out : out + " --swarm " + base.swarm;
}

} // namespace lockstep::gui
