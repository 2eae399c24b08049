// explore's files for CI: the verdict JSON names every property with what was expected and, for a
// violation, the counterexample's steps, choices, explanation and replay command; the JUnit cases
// fail exactly where the exploration contradicts explore.expect.
#include <catch2/catch.hpp>

#include "cli/explore_output.hpp"
#include "cli/explore_setup.hpp"
#include "tests/explore/explore_helpers.hpp"

using namespace lockstep;
using namespace lockstep::test;

namespace {

struct Explored {
    Scenario scenario;
    ExploreSetup setup;
    ExploreRun run;
    std::vector<ReplayedCounterexample> replays;
};

Explored explored(const std::string& file, const std::vector<std::string>& overrides = {}) {
    Explored e{load_scenario(file, overrides), {}, {}, {}};
    e.setup = make_explore_setup(e.scenario);
    e.run.result = explore_scenario(e.scenario);
    for (const PropertyVerdict& p : e.run.result.properties) {
        if (auto cex = replay_counterexample(e.scenario, p)) {
            e.replays.push_back(std::move(*cex));
        }
    }
    return e;
}

} // namespace

TEST_CASE("the explore verdict JSON carries each property and its counterexample") {
    const Explored e = explored("scenarios/explore/ttl-lock-unfenced.yaml");
    const std::string json =
        explore_verdict_json(e.scenario, e.setup.options, e.run, e.replays, {});
    CHECK_THAT(json, Catch::Contains("\"format\": \"lockstep-explore\""));
    CHECK_THAT(json, Catch::Contains("\"result\": \"exhaustive within bounds\""));
    CHECK_THAT(json, Catch::Contains("\"expectations_met\": true"));
    CHECK_THAT(json, Catch::Contains("\"states\": 12808"));
    CHECK_THAT(json, Catch::Contains("{\"name\": \"mutual_exclusion\", \"verdict\": \"violated\", "
                                     "\"expected\": \"violated\", \"steps\": "));
    CHECK_THAT(json, Catch::Contains("\"choices\": \"e:"));
    CHECK_THAT(json, Catch::Contains("\"because\": \"c-1 paused for 4s"));
    CHECK_THAT(json, Catch::Contains("\"replay\": \"lockstep replay "));
    CHECK_THAT(json, Catch::Contains("{\"name\": \"deadlock_free\", \"verdict\": \"holds\", "
                                     "\"expected\": \"holds\"}"));
}

TEST_CASE("explore JUnit cases fail where the search contradicts explore.expect") {
    const Explored met = explored("scenarios/explore/ttl-lock-unfenced.yaml");
    for (const JunitCase& c : explore_junit_cases(met.scenario, met.run, met.replays, {})) {
        CHECK_FALSE(c.failed);
    }
    // Expecting safety where the search finds a stale write: that case fails, with the replay.
    const Explored unmet = explored("scenarios/explore/ttl-lock-unfenced.yaml",
                                    {"explore.expect.resource_safety=holds"});
    size_t failed = 0;
    for (const JunitCase& c : explore_junit_cases(unmet.scenario, unmet.run, unmet.replays, {})) {
        if (c.failed) {
            ++failed;
            CHECK(c.property == "resource_safety");
            CHECK(c.message == "expected holds within the bounds, got violated");
            CHECK_THAT(c.detail, Catch::Contains("replay: lockstep replay "));
        }
    }
    CHECK(failed == 1);
}
