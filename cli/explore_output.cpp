#include "cli/explore_output.hpp"

#include <fmt/format.h>

#include "sim/trace_io.hpp"

namespace lockstep {
namespace {

std::string json(std::string_view text) {
    std::string quoted;
    append_json_string(quoted, text);
    return quoted;
}

const ReplayedCounterexample* replay_of(const std::vector<ReplayedCounterexample>& replays,
                                        const std::string& property) {
    for (const ReplayedCounterexample& r : replays) {
        if (r.property == property) {
            return &r;
        }
    }
    return nullptr;
}

Verdict expected_for(const Expectation& full, const std::string& property) {
    for (const Expectation::Property& p : full.properties) {
        if (p.name == property) {
            return p.verdict;
        }
    }
    return Verdict::holds;
}

std::string because(const ReplayedCounterexample* r, const std::string& property) {
    const PropertyResult* got = r == nullptr ? nullptr : r->run.report.property(property);
    return got == nullptr ? std::string() : got->assumption;
}

} // namespace

std::string explore_verdict_json(const Scenario& scenario, const ExploreOptions& options,
                                 const ExploreRun& run,
                                 const std::vector<ReplayedCounterexample>& replays,
                                 const std::vector<std::string>& overrides) {
    const ExploreStats& s = run.result.stats;
    const Expectation full = full_expectation(explore_expectation(scenario));
    std::string out = "{\n  \"format\": \"lockstep-explore\",\n  \"version\": 1,\n";
    out += fmt::format("  \"scenario\": {},\n  \"file\": {},\n", json(scenario.system.name),
                       json(scenario.path));
    out += fmt::format("  \"strategy\": {},\n  \"result\": {},\n",
                       json(strategy_name(options.strategy)), json(result_line(run.result)));
    out += fmt::format("  \"expectations_met\": {},\n",
                       explore_exit_code(scenario, run.result) == 0 ? "true" : "false");
    out += fmt::format("  \"stats\": {{\"states\": {}, \"transitions\": {}, \"revisits\": {}, "
                       "\"max_depth\": {}, \"depth_cut\": {}}},\n",
                       s.states, s.transitions, s.revisits, s.max_depth, s.depth_cut);
    out += "  \"properties\": [\n";
    for (size_t i = 0; i < run.result.properties.size(); ++i) {
        const PropertyVerdict& p = run.result.properties[i];
        const ReplayedCounterexample* r = replay_of(replays, p.name);
        out += fmt::format("    {{\"name\": {}, \"verdict\": {}, \"expected\": {}", json(p.name),
                           json(verdict_name(p.verdict)),
                           json(verdict_name(expected_for(full, p.name))));
        if (r != nullptr) {
            out += fmt::format(", \"steps\": {}, \"choices\": {}, \"because\": {}, \"replay\": {}",
                               p.depth, json(r->choices), json(because(r, p.name)),
                               json(replay_choices_command(scenario, r->choices, overrides)));
        }
        out += i + 1 < run.result.properties.size() ? "},\n" : "}\n";
    }
    out += "  ]\n}\n";
    return out;
}

std::vector<JunitCase> explore_junit_cases(const Scenario& scenario, const ExploreRun& run,
                                           const std::vector<ReplayedCounterexample>& replays,
                                           const std::vector<std::string>& overrides) {
    const Expectation full = full_expectation(explore_expectation(scenario));
    std::vector<JunitCase> cases;
    for (const PropertyVerdict& p : run.result.properties) {
        JunitCase c;
        c.scenario = scenario.system.name;
        c.file = scenario.path;
        c.property = p.name;
        const Verdict want = expected_for(full, p.name);
        c.failed = p.verdict != want;
        if (c.failed) {
            const ReplayedCounterexample* r = replay_of(replays, p.name);
            c.message = p.verdict == Verdict::inconclusive
                            ? result_line(run.result)
                            : fmt::format("expected {} within the bounds, got {}",
                                          verdict_name(want), verdict_name(p.verdict));
            c.detail = r == nullptr ? result_line(run.result)
                                    : because(r, p.name) + "\nreplay: " +
                                          replay_choices_command(scenario, r->choices, overrides);
        }
        cases.push_back(std::move(c));
    }
    return cases;
}

} // namespace lockstep
