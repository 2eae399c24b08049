// Exhaustive exploration on the small scenarios of scenarios/explore/: pinned state counts (a
// regression alarm when a model change alters the space), fencing proven safe within bounds,
// counterexamples that replay to the same violation, and every way of searching agreeing.
#include <algorithm>

#include <catch2/catch.hpp>

#include "tests/explore/explore_helpers.hpp"

using namespace lockstep;
using namespace lockstep::test;

namespace {

void use(ExploreStrategy s, unsigned jobs, ExploreOptions& o) {
    o.strategy = s;
    o.jobs = jobs;
}

} // namespace

TEST_CASE("state counts on the small explore scenarios are pinned") {
    // If a model or the simulator changes what a state is, these move: check the change was
    // meant, then update the numbers.
    const std::vector<std::pair<std::string, uint64_t>> pinned = {
        {"scenarios/explore/ttl-lock-fenced.yaml", 13378},
        {"scenarios/explore/ttl-lock-unfenced.yaml", 12808},
        {"scenarios/explore/ttl-lock-token.yaml", 12698},
        {"scenarios/explore/redis-crash.yaml", 2248},
        {"scenarios/explore/interleavings.yaml", 8105},
        {"scenarios/explore/redlock-pause.yaml", 56260},
        {"scenarios/explore/failover.yaml", 28842},
    };
    for (const auto& [file, states] : pinned) {
        const ExploreResult r = explore_scenario(
            load_scenario(file), [](ExploreOptions& o) { o.stop_at_first = false; });
        INFO(file);
        CHECK(r.stats.states == states);
        CHECK_FALSE(r.budget_exhausted);
    }
}

TEST_CASE("with fencing the TTL lock is safe in every run within the bounds") {
    const ExploreResult r =
        explore_scenario(load_scenario("scenarios/explore/ttl-lock-fenced.yaml"));
    CHECK_FALSE(r.budget_exhausted);
    CHECK(verdict(r, "resource_safety") == Verdict::holds);
    // Fencing protects the storage, never the lock: the beliefs still overlap.
    CHECK(verdict(r, "mutual_exclusion") == Verdict::violated);
}

TEST_CASE("without fencing the counterexample replays to the same violation") {
    for (const std::string file :
         {"scenarios/explore/ttl-lock-unfenced.yaml", "scenarios/explore/ttl-lock-token.yaml",
          "scenarios/explore/redis-crash.yaml"}) {
        const Scenario s = load_scenario(file);
        const ExploreResult r = explore_scenario(s);
        for (const PropertyVerdict& p : r.properties) {
            if (p.verdict != Verdict::violated) {
                continue;
            }
            INFO(file << " " << p.name);
            REQUIRE(p.counterexample);
            RunRequest replay;
            replay.choices = *p.counterexample;
            replay.explored = true;
            const RunOutcome run = run_scenario(s, replay);
            CHECK(run.divergence.empty());
            CHECK(run.report.property(p.name)->verdict == Verdict::violated);
            // Judged as the search is (explore.expect), not by the single-run expect: holds.
            if (s.explore.has_expect) {
                CHECK(run.expectation.met);
            }
            // The explorer's choices are what the replay asked for, up to the violation (the
            // printed string leaves out trailing defaults, which replay the same).
            const ChoiceParse asked =
                decode_choices(std::string_view(run.choices).substr(explore_choices_prefix.size()));
            REQUIRE(asked.ok);
            std::vector<uint64_t> wanted = *p.counterexample;
            while (!wanted.empty() && wanted.back() == 0) {
                wanted.pop_back();
            }
            REQUIRE(asked.values.size() >= wanted.size());
            CHECK(std::equal(wanted.begin(), wanted.end(), asked.values.begin()));
        }
        CHECK(verdict(r, "resource_safety") == Verdict::violated);
    }
}

TEST_CASE("breadth-first search finds a counterexample no longer than depth-first search's") {
    const Scenario s = load_scenario("scenarios/explore/ttl-lock-unfenced.yaml");
    const ExploreResult bfs =
        explore_scenario(s, [](ExploreOptions& o) { use(ExploreStrategy::bfs, 1, o); });
    const ExploreResult dfs =
        explore_scenario(s, [](ExploreOptions& o) { use(ExploreStrategy::dfs, 1, o); });
    for (size_t p = 0; p < bfs.properties.size(); ++p) {
        if (bfs.properties[p].counterexample) {
            REQUIRE(dfs.properties[p].counterexample);
            CHECK(bfs.properties[p].depth <= dfs.properties[p].depth);
        }
    }
}

TEST_CASE(
    "depth-first and breadth-first search store the same states and reach the same verdicts") {
    for (const std::string& file : small_explore_scenarios()) {
        const Scenario s = load_scenario(file);
        const ExploreResult bfs =
            explore_scenario(s, [](ExploreOptions& o) { use(ExploreStrategy::bfs, 1, o); });
        const ExploreResult dfs =
            explore_scenario(s, [](ExploreOptions& o) { use(ExploreStrategy::dfs, 1, o); });
        INFO(file);
        CHECK(bfs.stats.states == dfs.stats.states);
        CHECK(verdicts(bfs) == verdicts(dfs));
    }
}

TEST_CASE("two threads store the same states and reach the same verdicts as one") {
    for (const std::string& file : small_explore_scenarios()) {
        const Scenario s = load_scenario(file);
        for (ExploreStrategy strategy : {ExploreStrategy::bfs, ExploreStrategy::dfs}) {
            const ExploreResult one =
                explore_scenario(s, [&](ExploreOptions& o) { use(strategy, 1, o); });
            const ExploreResult two =
                explore_scenario(s, [&](ExploreOptions& o) { use(strategy, 2, o); });
            INFO(file << " " << strategy_name(strategy));
            CHECK(one.stats.states == two.stats.states);
            CHECK(verdicts(one) == verdicts(two));
        }
    }
}

TEST_CASE("the reductions reach the verdicts of the unreduced search on every small scenario") {
    for (const std::string& file : small_explore_scenarios()) {
        const Scenario s = load_scenario(file);
        const ExploreResult plain = explore_scenario(s);
        const ExploreResult sym = explore_scenario(s, [&](ExploreOptions& o) {
            o.symmetry = true;
            o.symmetric = make_explore_setup(load_scenario(file, {"explore.symmetry=true"}))
                              .options.symmetric;
        });
        const ExploreResult por = explore_scenario(s, [](ExploreOptions& o) { o.por = true; });
        const ExploreResult both = explore_scenario(s, [&](ExploreOptions& o) {
            o.por = true;
            o.symmetry = true;
            o.symmetric = make_explore_setup(load_scenario(file, {"explore.symmetry=true"}))
                              .options.symmetric;
        });
        INFO(file);
        CHECK(verdicts(sym) == verdicts(plain));
        CHECK(verdicts(por) == verdicts(plain));
        CHECK(verdicts(both) == verdicts(plain));
        CHECK(sym.stats.states <= plain.stats.states);
        CHECK(por.stats.states <= plain.stats.states);
    }
}

TEST_CASE("symmetry divides the space by the number of orders of identical clients") {
    // Single-node Redis and Redlock: both rename clients through Hasher::add_node().
    for (const char* file :
         {"scenarios/explore/ttl-lock-fenced.yaml", "scenarios/explore/redlock-pause.yaml"}) {
        INFO(file);
        const Scenario s = load_scenario(file, {"explore.symmetry=true"});
        REQUIRE(make_explore_setup(s).options.symmetric.size() == 1);
        const ExploreResult plain =
            explore_scenario(s, [](ExploreOptions& o) { o.symmetry = false; });
        const ExploreResult sym = explore_scenario(s);
        // Two clients: close to half (states where both clients are alike have no twin).
        CHECK(sym.stats.states * 2 >= plain.stats.states);
        CHECK(sym.stats.states * 10 <= plain.stats.states * 6);
    }
}

TEST_CASE("the stateless search reaches the verdicts of the stateful one") {
    // 1.5 simulated seconds: the tree of runs grows fast without a visited set (57,559 nodes
    // against 300-odd states here; 760,411 against 747 at 2s).
    const Scenario s =
        load_scenario("scenarios/explore/redis-crash.yaml", {"explore.max_time=1500ms"});
    const ExploreResult stateful =
        explore_scenario(s, [](ExploreOptions& o) { o.strategy = ExploreStrategy::dfs; });
    const ExploreResult stateless = explore_scenario(s, [](ExploreOptions& o) {
        o.strategy = ExploreStrategy::stateless;
        o.bounds.max_states = 2'000'000;
    });
    CHECK_FALSE(stateless.budget_exhausted);
    CHECK(verdicts(stateless) == verdicts(stateful));
    CHECK(stateless.stats.states > stateful.stats.states); // it sees shared subtrees again
}

TEST_CASE("a search that runs out of states is inconclusive and not safe") {
    const ExploreResult r =
        explore_scenario(load_scenario("scenarios/explore/ttl-lock-fenced.yaml"),
                         [](ExploreOptions& o) { o.bounds.max_states = 500; });
    CHECK(r.budget_exhausted);
    CHECK(verdict(r, "resource_safety") == Verdict::inconclusive);
}

TEST_CASE("stop at first ends the search at its first violation") {
    // From a scenario, stop_on holds the properties its exploration expects to hold.
    CHECK(make_explore_setup(load_scenario("scenarios/explore/ttl-lock-unfenced.yaml"))
              .options.stop_on == 0b1100);
    const ExploreResult r = explore_scenario(
        load_scenario("scenarios/explore/ttl-lock-unfenced.yaml"), [](ExploreOptions& o) {
            o.stop_at_first = true;
            o.stop_on = 0xff; // any property
        });
    CHECK(r.stopped_early);
    size_t violated = 0;
    for (const PropertyVerdict& p : r.properties) {
        violated += p.verdict == Verdict::violated ? 1 : 0;
    }
    CHECK(violated >= 1);
}
