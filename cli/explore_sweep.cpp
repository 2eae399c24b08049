#include "cli/explore_sweep.hpp"

#include <algorithm>
#include <cstdio>

#include <fmt/format.h>

#include "cli/cmd_support.hpp"
#include "cli/exit_codes.hpp"
#include "cli/explore_setup.hpp"
#include "cli/runner.hpp"
#include "cli/scenario_schema.hpp"
#include "models/build.hpp"

namespace lockstep {
namespace {

struct Placement {
    std::string point; // empty: the baseline, no pause at all
    Duration length;
};

struct Row {
    Placement placement;
    ExploreResult result;
};

// The lengths to try: the scenario's pause menu, else around the lease (half, and twice).
std::vector<Duration> sweep_lengths(const Scenario& scenario) {
    if (!scenario.explore.pauses.lengths.empty()) {
        return scenario.explore.pauses.lengths;
    }
    const Duration ttl = scenario.system.lock.ttl;
    if (ttl > Duration::zero()) {
        return {ttl / 2, ttl * 2};
    }
    return {Duration::s(1), Duration::s(10)};
}

// The scenario's pause points, else the points the client reaches in a run without faults (each
// lock service has its own: Redlock's redlock_sent, ZooKeeper's zk_create), in the order reached.
std::vector<std::string> sweep_points(const Scenario& scenario, NodeId client) {
    if (!scenario.explore.pauses.points.empty()) {
        return scenario.explore.pauses.points;
    }
    Scenario quiet = scenario;
    quiet.explore.max_faults = 0;
    RunRequest request;
    request.explored = true;
    request.level = TraceLevel::checker;
    const RunOutcome run = run_scenario(quiet, request);
    const Trace& trace = run.world->trace();
    std::vector<std::string> points;
    for (const TraceEvent& e : trace.events()) {
        const std::string name(trace.event_name(e));
        if (e.kind == TraceKind::point && e.node == client &&
            std::find(points.begin(), points.end(), name) == points.end()) {
            points.push_back(name);
        }
    }
    if (points.empty()) {
        for (std::string_view p : scenario::client_point_names()) {
            points.emplace_back(p);
        }
    }
    return points;
}

ExploreResult explore_placement(const Scenario& base, NodeId client, const Placement& p) {
    Scenario s = base;
    s.explore.pauses = {};
    s.explore.crashes = {};
    s.explore.max_faults = p.point.empty() ? 0 : 1;
    if (!p.point.empty()) {
        s.explore.pauses.clients = {client};
        s.explore.pauses.lengths = {p.length};
        s.explore.pauses.points = {p.point};
    }
    const ExploreSetup setup = make_explore_setup(s);
    const WorldFactory factory = [&] { return build_explore_world(s, setup, TraceLevel::checker); };
    return explore(factory, setup.options);
}

std::string cell(const PropertyVerdict& v) {
    return v.verdict == Verdict::violated ? "VIOLATED" : std::string(verdict_name(v.verdict));
}

std::string table(const std::string& client, const std::vector<Row>& rows) {
    std::string out = fmt::format("{:<28}", "pause of " + client + " at");
    for (const PropertyVerdict& v : rows.front().result.properties) {
        out += fmt::format("  {:<17}", v.name);
    }
    out += "  states\n";
    for (const Row& r : rows) {
        const std::string label =
            r.placement.point.empty()
                ? std::string("(no pause)")
                : r.placement.point + ", " + format_duration(r.placement.length);
        out += fmt::format("{:<28}", label);
        for (const PropertyVerdict& v : r.result.properties) {
            out += fmt::format("  {:<17}", cell(v));
        }
        out += fmt::format("  {}\n", r.result.stats.states);
    }
    return out;
}

// One replay command per placement that breaks a property the run without a pause keeps.
std::string replays(const Scenario& scenario, const CommandLine& cl, const std::string& client,
                    const std::vector<Row>& rows) {
    std::string out;
    for (size_t i = 1; i < rows.size(); ++i) {
        for (size_t p = 0; p < rows[i].result.properties.size(); ++p) {
            const PropertyVerdict& v = rows[i].result.properties[p];
            if (!v.counterexample || rows[0].result.properties[p].verdict == Verdict::violated) {
                continue;
            }
            std::vector<std::string> overrides = cl.overrides;
            overrides.push_back(
                fmt::format("explore.pauses={{clients: [{}], lengths: [{}], points: [{}]}}", client,
                            format_duration(rows[i].placement.length), rows[i].placement.point));
            overrides.push_back("explore.crashes.nodes=[]");
            overrides.push_back("explore.max_faults=1");
            const std::string choices =
                std::string(explore_choices_prefix) + encode_choices(*v.counterexample);
            out += fmt::format("  {} at {}, {}:\n    {}\n", v.name, rows[i].placement.point,
                               format_duration(rows[i].placement.length),
                               replay_choices_command(scenario, choices, overrides));
        }
    }
    return out;
}

} // namespace

int run_pause_sweep(const CommandLine& cl, const Scenario& scenario) {
    const std::vector<std::string> names = node_names(scenario.system);
    const auto it = std::find(names.begin(), names.end(), cl.pause_sweep);
    const size_t first_client = names.size() - scenario.system.clients.size();
    if (it == names.end() || size_t(it - names.begin()) < first_client) {
        std::fprintf(stderr, "--pause-sweep: error: '%s' is not a client of %s\n",
                     cl.pause_sweep.c_str(), scenario.path.c_str());
        return exit_bad_input;
    }
    const auto client = static_cast<NodeId>(it - names.begin());
    std::vector<Row> rows;
    rows.push_back({Placement{}, explore_placement(scenario, client, Placement{})});
    for (const std::string& point : sweep_points(scenario, client)) {
        for (Duration length : sweep_lengths(scenario)) {
            const Placement p{point, length};
            rows.push_back({p, explore_placement(scenario, client, p)});
        }
    }
    std::string out = fmt::format("pause sweep of {} in {}: each placement explored on its own\n\n",
                                  cl.pause_sweep, scenario.system.name);
    out += table(cl.pause_sweep, rows);
    const std::string commands = replays(scenario, cl, cl.pause_sweep, rows);
    if (!commands.empty()) {
        out +=
            "\nreplay (each placement that breaks what the run without a pause keeps)\n" + commands;
    }
    std::fputs(out.c_str(), stdout);
    bool inconclusive = false;
    for (const Row& r : rows) {
        inconclusive = inconclusive || r.result.budget_exhausted;
    }
    return inconclusive ? exit_inconclusive : exit_ok;
}

} // namespace lockstep
