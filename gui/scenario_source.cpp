#include "gui/scenario_source.hpp"

#include <optional>

#include "cli/explore_setup.hpp"
#include "cli/runner.hpp"
#include "sim/chooser.hpp"

namespace lockstep::gui {
namespace {

std::string node_label(const std::vector<std::string>& names, NodeId node) {
    return node < names.size() ? names[node] : std::string("?");
}

// "c1", or for a partition its groups: "[c-4 c-5 | redis storage]".
std::string target_label(const Fault& f, const std::vector<std::string>& names) {
    if (f.kind == Fault::Kind::delay || f.kind == Fault::Kind::loss) {
        const auto end = [&](NodeId n) {
            return n == no_node ? std::string("any node") : node_label(names, n);
        };
        return end(f.from) + " -> " + end(f.to);
    }
    if (f.groups.empty()) {
        return node_label(names, f.node);
    }
    std::string out = "[";
    for (size_t g = 0; g < f.groups.size(); ++g) {
        out += g == 0 ? "" : " | ";
        for (size_t i = 0; i < f.groups[g].size(); ++i) {
            out += (i == 0 ? "" : " ") + node_label(names, f.groups[g][i]);
        }
    }
    return out + "]";
}

std::string trigger_label(const Fault& f, const std::vector<std::string>& names) {
    if (f.trigger.kind == Trigger::Kind::at_point) {
        return " when " + node_label(names, f.trigger.node) + " reaches " + f.trigger.point;
    }
    return " at " + format_time(f.trigger.at);
}

struct FaultSize {
    std::string key; // under faults.N
    Duration size;
};

// The size the panel can scale, under the key the scenario format gives it; none for faults
// without one (a drift rate, a heal, a crash that never restarts).
std::optional<FaultSize> fault_size(const Fault& f) {
    switch (f.kind) {
    case Fault::Kind::pause: return FaultSize{"for", f.length};
    case Fault::Kind::crash:
        return f.length < Duration::max() ? std::optional(FaultSize{"restart_after", f.length})
                                          : std::nullopt;
    case Fault::Kind::partition:
        return f.heal_after < Duration::max() ? std::optional(FaultSize{"heal_after", f.heal_after})
                                              : std::nullopt;
    case Fault::Kind::clock_step:
    case Fault::Kind::clock_slew:
    case Fault::Kind::delay: return FaultSize{"by", f.amount};
    case Fault::Kind::loss: return FaultSize{"for", f.length};
    default: return std::nullopt;
    }
}

std::vector<FaultKnob> fault_knobs(const FaultPlan& faults, const std::vector<std::string>& names) {
    std::vector<FaultKnob> out;
    for (size_t i = 0; i < faults.size(); ++i) {
        const Fault& f = faults[i];
        const auto size = fault_size(f);
        if (!size) {
            continue;
        }
        const std::string what = std::string(fault_kind_name(f.kind)) + " " +
                                 target_label(f, names) + trigger_label(f, names);
        out.push_back({what, "faults." + std::to_string(i) + "." + size->key, size->size.count_ns(),
                       size->size.count_ns()});
    }
    return out;
}

std::string load_errors(const ScenarioLoad& load) {
    std::string out;
    for (const ScenarioError& e : load.errors) {
        out += e.format();
        if (!out.empty() && out.back() != '\n') {
            out += '\n';
        }
    }
    return out.empty() ? "the scenario could not be loaded" : out;
}

std::string title_of(const Scenario& scenario, uint64_t seed, const RunSettings& settings) {
    std::string title = scenario.system.name + "  seed " + std::to_string(seed);
    for (const std::string& o : settings.overrides) {
        title += "  " + o;
    }
    if (settings.choices) {
        title += "  (replay)";
    }
    return title;
}

} // namespace

namespace {

// The runner's request for `settings`, or an error in `error` (a bad --swarm or --replay).
std::optional<RunRequest> request_for(const RunSettings& settings, std::string& error) {
    RunRequest request;
    request.seed = settings.seed;
    request.level = TraceLevel::full;
    if (!settings.swarm.empty()) {
        SwarmKinds kinds;
        if (!parse_swarm_kinds(settings.swarm, kinds, error)) {
            error = "--swarm: error: " + error;
            return std::nullopt;
        }
        request.swarm = kinds;
    }
    if (settings.choices) {
        // Choice strings from `lockstep explore` carry a prefix: the explored world replays them.
        std::string_view text = *settings.choices;
        request.explored = text.starts_with(explore_choices_prefix);
        if (request.explored) {
            text.remove_prefix(explore_choices_prefix.size());
        }
        ChoiceParse parsed = decode_choices(text);
        if (!parsed.ok) {
            error = "--replay: error: " + parsed.error;
            return std::nullopt;
        }
        request.choices = std::move(parsed.values);
    }
    return request;
}

void take_outcome(RunData& run, RunOutcome outcome, const Scenario& scenario,
                  const RunSettings& settings) {
    std::shared_ptr<World> world(std::move(outcome.world));
    run.trace = std::shared_ptr<const Trace>(world, &world->trace());
    run.report = std::move(outcome.report);
    run.end = outcome.end;
    run.seed = outcome.seed;
    run.choices = outcome.choices;
    run.replay = settings.choices
                     ? replay_choices_command(scenario, outcome.choices, settings.overrides)
                     : replay_command(scenario, outcome.seed, settings.overrides, settings.swarm);
    run.fencing = std::string(fencing_mode_name(scenario.system.resource.fencing));
    run.faults = fault_knobs(scenario.faults, run.trace->node_names());
    run.expectations_met = outcome.expectation.met;
    run.expectation_failures = outcome.expectation.failures;
    run.title = title_of(scenario, outcome.seed, settings);
    if (!outcome.divergence.empty()) {
        run.title += "  (replay diverged: " + outcome.divergence + ")";
    }
}

} // namespace

RunData run_scenario_for_gui(const RunSettings& settings) {
    RunData run;
    run.source = settings.scenario_path;
    run.settings = settings;
    const ScenarioLoad load = load_scenario_file(settings.scenario_path, settings.overrides);
    if (!load.ok) {
        run.error = load_errors(load);
        return run;
    }
    const std::optional<RunRequest> request = request_for(settings, run.error);
    if (!request) {
        return run;
    }
    take_outcome(run, run_scenario(load.scenario, *request), load.scenario, settings);
    run.ok = true;
    return run;
}

} // namespace lockstep::gui
