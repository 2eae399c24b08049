#pragma once
// Shared by the explorer's tests: loading the explore scenarios and running a search on them.
#include <functional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "checker/explore.hpp"
#include "cli/explore_setup.hpp"
#include "cli/runner.hpp"

namespace lockstep::test {

inline Scenario load_scenario(const std::string& relative,
                              const std::vector<std::string>& overrides = {}) {
    const ScenarioLoad l =
        load_scenario_file(std::string(LOCKSTEP_SOURCE_DIR) + "/" + relative, overrides);
    INFO(relative);
    for (const ScenarioError& e : l.errors) {
        INFO(e.format());
    }
    REQUIRE(l.ok);
    return l.scenario;
}

// Explores `scenario` with its explore: section, after `adjust` had its say on the options.
inline ExploreResult explore_scenario(const Scenario& scenario,
                                      const std::function<void(ExploreOptions&)>& adjust = {}) {
    ExploreSetup setup = make_explore_setup(scenario);
    if (adjust) {
        adjust(setup.options);
    }
    const WorldFactory factory = [&] {
        return build_explore_world(scenario, setup, TraceLevel::checker);
    };
    return explore(factory, setup.options);
}

inline Verdict verdict(const ExploreResult& r, std::string_view property) {
    for (const PropertyVerdict& p : r.properties) {
        if (p.name == property) {
            return p.verdict;
        }
    }
    FAIL("no property " << property);
    return Verdict::inconclusive;
}

inline std::vector<Verdict> verdicts(const ExploreResult& r) {
    std::vector<Verdict> out;
    for (const PropertyVerdict& p : r.properties) {
        out.push_back(p.verdict);
    }
    return out;
}

// The scenarios small enough to explore in a test, unreduced, in well under a second.
inline const std::vector<std::string>& small_explore_scenarios() {
    static const std::vector<std::string> files = {
        "scenarios/explore/ttl-lock-fenced.yaml", "scenarios/explore/ttl-lock-unfenced.yaml",
        "scenarios/explore/ttl-lock-token.yaml",  "scenarios/explore/redis-crash.yaml",
        "scenarios/explore/interleavings.yaml",   "scenarios/explore/redlock-pause.yaml",
        "scenarios/explore/failover.yaml",
    };
    return files;
}

} // namespace lockstep::test
