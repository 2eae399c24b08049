// The explore: section of the scenario format: every key read, every mistake at its line and
// column, and the setup it becomes.
#include <catch2/catch.hpp>

#include "cli/explore_setup.hpp"
#include "cli/scenario.hpp"

using namespace lockstep;

namespace {

const char* base = R"(name: t
duration: 30s
lock: { service: redis, ttl: 10s }
network: { latency: 1ms..3ms }
clients:
  - { name: c1 }
  - { name: c2 }
)";

ScenarioLoad load(const std::string& explore, const std::vector<std::string>& overrides = {}) {
    return load_scenario_text(std::string(base) + explore, "t.yaml", overrides);
}

std::string errors(const ScenarioLoad& l) {
    std::string out;
    for (const ScenarioError& e : l.errors) {
        out += e.format() + "\n";
    }
    return out;
}

} // namespace

TEST_CASE("the explore section reads bounds and ladders and the fault menu") {
    const ScenarioLoad l = load(R"(explore:
  strategy: dfs
  max_depth: 50
  max_time: 20s
  max_states: 1000
  max_faults: 2
  latencies: [1ms, 5ms]
  pauses: { clients: [c2], lengths: [10s, 40s], points: [acquired, before_write] }
  crashes: { nodes: [redis], restart_after: 1s }
  symmetry: true
  por: true
  expect: { mutual_exclusion: violated }
)");
    INFO(errors(l));
    REQUIRE(l.ok);
    const ExploreSpec& e = l.scenario.explore;
    CHECK(e.present);
    CHECK(e.strategy == "dfs");
    CHECK(e.max_depth == 50);
    CHECK(e.max_time == Duration::s(20));
    CHECK(e.max_states == 1000);
    CHECK(e.max_faults == 2);
    CHECK(e.latencies == std::vector<Duration>{Duration::ms(1), Duration::ms(5)});
    CHECK(e.pauses.clients == std::vector<NodeId>{3});
    CHECK(e.pauses.lengths.size() == 2);
    CHECK(e.pauses.points == std::vector<std::string>{"acquired", "before_write"});
    CHECK(e.crashes.nodes == std::vector<NodeId>{0});
    CHECK(e.crashes.restart_after == Duration::s(1));
    CHECK(e.symmetry);
    CHECK(e.por);
    CHECK(e.has_expect);
    REQUIRE(e.expect.properties.size() == 1);
    CHECK(e.expect.properties[0].verdict == Verdict::violated);
}

TEST_CASE("the explore setup puts the ladder on every link and the menu in the world") {
    const ScenarioLoad l = load("explore: { latencies: [5ms, 1ms], max_faults: 1, "
                                "pauses: { lengths: [10s] }, crashes: { nodes: [redis] } }\n");
    REQUIRE(l.ok);
    const ExploreSetup setup = make_explore_setup(l.scenario);
    CHECK(setup.system.network.link.latency.ladder ==
          std::vector<Duration>{Duration::ms(1), Duration::ms(5)});
    CHECK(setup.options.messages_take_time);
    CHECK(setup.options.run_end == Time::zero() + Duration::s(30)); // no max_time: the duration
    REQUIRE(setup.menu.items.size() == 3); // a pause for each client, a crash of redis
    CHECK(setup.menu.budget == 1);
    CHECK(setup.menu.items[0].at_nodes == std::vector<NodeId>{2});
    CHECK(setup.menu.items[2].fault.kind == Fault::Kind::crash);
}

TEST_CASE("identical clients form one symmetry group and a client singled out does not") {
    ScenarioLoad l = load("explore: { symmetry: true }\n");
    REQUIRE(l.ok);
    CHECK(make_explore_setup(l.scenario).options.symmetric ==
          std::vector<std::vector<NodeId>>{{2, 3}});
    l = load("explore: { symmetry: true, pauses: { clients: [c1], lengths: [1s] } }\n");
    REQUIRE(l.ok);
    CHECK(make_explore_setup(l.scenario).options.symmetric.empty());
}

TEST_CASE("mistakes in the explore section are errors at their line and column") {
    ScenarioLoad l = load("explore:\n  max_dept: 5\n");
    CHECK_FALSE(l.ok);
    CHECK_THAT(errors(l), Catch::Contains("t.yaml:9:3: error: unknown key 'max_dept'") &&
                              Catch::Contains("did you mean 'max_depth'"));
    l = load("explore:\n  pauses: { clients: [redis], lengths: [1s] }\n");
    CHECK_THAT(errors(l),
               Catch::Contains("t.yaml:9:23: error:") && Catch::Contains("not a client"));
    l = load("explore:\n  pauses: { lengths: [1s], points: [after_lunch] }\n");
    CHECK_THAT(errors(l), Catch::Contains("t.yaml:9:37: error:") && Catch::Contains("after_lunch"));
    l = load("explore:\n  strategy: sideways\n");
    CHECK_THAT(errors(l), Catch::Contains("t.yaml:9:13: error:") && Catch::Contains("bfs"));
    l = load("explore:\n  max_time: 40s\n");
    CHECK_THAT(errors(l), Catch::Contains("past the end of the run"));
    l = load("explore:\n  latencies: []\n");
    CHECK_THAT(errors(l), Catch::Contains("needs 1 to 16 durations"));
    // Mistakes in explore.expect name that section, not the top-level expect.
    l = load("explore:\n  expect: { mutual_exclusion: hold, marks: [lease_expird] }\n");
    CHECK_THAT(errors(l), Catch::Contains("t.yaml:9:31: error: explore.expect.mutual_exclusion") &&
                              Catch::Contains("t.yaml:9:45: error: explore.expect.marks[0]"));
}

TEST_CASE("command-line bounds arrive as explore overrides checked like the file") {
    ScenarioLoad l = load("", {"explore.max_faults=3", "explore.strategy=dfs"});
    INFO(errors(l));
    REQUIRE(l.ok);
    CHECK(l.scenario.explore.max_faults == 3);
    CHECK(l.scenario.explore.strategy == "dfs");
    l = load("", {"explore.max_faults=lots"});
    CHECK_FALSE(l.ok);
    CHECK_THAT(errors(l), Catch::Contains("--set:1:"));
}
