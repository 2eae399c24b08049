// The runner behind run, replay and check: replay is exact, a seed sweep gives the same results on
// one thread and on two, and shrinking keeps the failure while making the scenario smaller.
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "checker/sweep.hpp"
#include "cli/runner.hpp"
#include "cli/shrink.hpp"
#include "cli/shrink_choices.hpp"
#include "sim/trace_io.hpp"

using namespace lockstep;

namespace {

Scenario load(const std::string& relative, const std::vector<std::string>& overrides = {}) {
    const ScenarioLoad l =
        load_scenario_file(std::string(LOCKSTEP_SOURCE_DIR) + "/" + relative, overrides);
    REQUIRE(l.ok);
    return l.scenario;
}

SweepResult sweep(const Scenario& s, unsigned jobs, uint64_t seeds, bool stop) {
    SweepOptions o;
    o.count = seeds;
    o.jobs = jobs;
    o.stop_at_first_failure = stop;
    const Expectation full = full_expectation(s.expect);
    return sweep_seeds(o, [&](uint64_t seed) {
        RunRequest r;
        r.seed = seed;
        r.swarm = SwarmKinds{};
        r.level = TraceLevel::checker;
        const RunOutcome run = run_scenario(s, r);
        SeedOutcome out;
        record_report(run.report, out);
        out.failed = !compare(run.report, full).met;
        return out;
    });
}

} // namespace

TEST_CASE("replaying a run's choice string reproduces its trace byte for byte") {
    const Scenario s = load("scenarios/examples/flash-sale.yaml");
    RunRequest random;
    const RunOutcome original = run_scenario(s, random);
    RunRequest replay;
    replay.choices = decode_choices(original.choices).values;
    const RunOutcome again = run_scenario(s, replay);
    CHECK(again.divergence.empty());
    CHECK(trace_hash(again.world->trace()) == trace_hash(original.world->trace()));
    RunRequest other_seed;
    other_seed.seed = 99;
    CHECK(trace_hash(run_scenario(s, other_seed).world->trace()) !=
          trace_hash(original.world->trace()));
}

TEST_CASE("a seed sweep with swarm faults gives identical results on one and two threads") {
    const Scenario s = load("scenarios/redis/watchdog-ok.yaml");
    const SweepResult one = sweep(s, 1, 500, false);
    const SweepResult two = sweep(s, 2, 500, false);
    REQUIRE(one.outcomes.size() == 500);
    REQUIRE(two.outcomes.size() == 500);
    uint64_t failures = 0;
    for (size_t i = 0; i < one.outcomes.size(); ++i) {
        CHECK(one.outcomes[i].verdicts == two.outcomes[i].verdicts);
        CHECK(one.outcomes[i].marks_hit == two.outcomes[i].marks_hit);
        CHECK(one.outcomes[i].failed == two.outcomes[i].failed);
        failures += one.outcomes[i].failed ? 1 : 0;
    }
    // Every seed renews (the watchdog runs) and hands the lock over: the mark bits say so.
    const auto bit = [](std::string_view mark) {
        const auto& names = mark_names();
        return uint32_t(1) << (std::find(names.begin(), names.end(), mark) - names.begin());
    };
    CHECK((one.outcomes[0].marks_hit & bit("lock_acquired")) != 0);
    CHECK(failures > 0);   // swarm faults do break the watchdog lock
    CHECK(failures < 500); // and some seeds switch the harmful kinds off
    // Stopping at the first failure finds the same smallest failing seed on any thread count.
    CHECK(sweep(s, 1, 500, true).first_failure == sweep(s, 2, 500, true).first_failure);
    CHECK(sweep(s, 2, 500, true).first_failure == one.first_failure);
}

TEST_CASE("shrinking keeps the property violated and makes the scenario smaller") {
    const Scenario s = load("scenarios/redis/watchdog-ok.yaml");
    RunRequest base;
    base.swarm = SwarmKinds{};
    const SweepResult found = sweep(s, 2, 500, true);
    REQUIRE(found.first_failure);
    const uint64_t seed = *found.first_failure;
    base.seed = seed;
    const size_t faults_before = faults_for(s, seed, base.swarm).size();
    const ShrinkResult shrunk = shrink_failure(s, {}, base, seed, "mutual_exclusion");
    REQUIRE(shrunk.ok);
    const ScenarioLoad reloaded = load_scenario_text(shrunk.yaml, "shrunk.yaml");
    REQUIRE(reloaded.ok);
    CHECK(reloaded.scenario.faults.size() <= faults_before);
    CHECK(reloaded.scenario.system.duration <= s.system.duration);
    RunRequest plain; // the shrunk file stands alone: no swarm, its own seed
    const RunOutcome rerun = run_scenario(reloaded.scenario, plain);
    CHECK(rerun.report.property("mutual_exclusion")->verdict == Verdict::violated);
}

TEST_CASE("shrinking finds the shortest pause that still breaks the GC-pause scenario") {
    const Scenario s = load("scenarios/kleppmann/gc-pause.yaml");
    const ShrinkResult shrunk = shrink_failure(s, {}, RunRequest{}, 1, "mutual_exclusion");
    REQUIRE(shrunk.ok);
    const ScenarioLoad reloaded = load_scenario_text(shrunk.yaml, "shrunk.yaml");
    REQUIRE(reloaded.ok);
    REQUIRE(reloaded.scenario.faults.size() == 1);
    const Duration pause = reloaded.scenario.faults[0].length;
    // The lease is 30 s from the SET; a pause must outlast what is left of it when it strikes.
    CHECK(pause < Duration::s(40));
    CHECK(pause > Duration::s(29));
}

TEST_CASE("a lost watchdog renewal breaks the lock and shrinks to a shorter loss window") {
    // RD-10b with a lossy stretch instead of a partition: one lost renewal reply is enough,
    // because the watchdog stops after its first failed renewal.
    // The shrinker re-reads the scenario from its file, so the test writes one.
    const std::string path =
        (std::filesystem::temp_directory_path() / "lockstep-test-lossy-renewal.yaml").string();
    std::ofstream(path) << R"(name: lossy-renewal
duration: 120s
lock: {service: redis, ttl: 30s}
network: {latency: 1ms}
resource: none
clients:
  - {name: c1, hold: 60s, renewal: watchdog}
  - {name: c2, start: 5s, hold: 1s, retry_delay: 1s}
faults:
  - {loss: {from: redis, to: c1}, at: 9s, for: 20s}
  - {pause: c2, at: 1s, for: 1s}
)";
    const ScenarioLoad l = load_scenario_file(path, {});
    REQUIRE(l.ok);
    const RunOutcome run = run_scenario(l.scenario, RunRequest{});
    REQUIRE(run.report.property("mutual_exclusion")->verdict == Verdict::violated);
    const ShrinkResult shrunk = shrink_failure(l.scenario, {}, RunRequest{}, 1, "mutual_exclusion");
    REQUIRE(shrunk.ok);
    INFO(shrunk.yaml);
    const ScenarioLoad reloaded = load_scenario_text(shrunk.yaml, "shrunk.yaml");
    REQUIRE(reloaded.ok);
    // The pause is not needed; the loss window is, and a much shorter one still loses the reply.
    REQUIRE(reloaded.scenario.faults.size() == 1);
    const Fault& loss = reloaded.scenario.faults[0];
    CHECK(loss.kind == Fault::Kind::loss);
    CHECK(loss.length < Duration::s(20));
    CHECK(loss.length >= Duration::ms(1));
    const RunOutcome rerun = run_scenario(reloaded.scenario, RunRequest{});
    CHECK(rerun.report.property("mutual_exclusion")->verdict == Verdict::violated);
}

TEST_CASE("shrinking keeps only the random choices the violation needs") {
    // Default choices (every message at the 1 ms minimum) break nothing here; what breaks the
    // lock is a reply slower than the 5 s lease, so some latency choices must stay.
    const std::string path =
        (std::filesystem::temp_directory_path() / "lockstep-test-slow-network.yaml").string();
    std::ofstream(path) << R"(name: slow-network
duration: 120s
lock: {service: redis, ttl: 5s}
network: {latency: 1ms..8s}
resource: none
clients:
  - {name: c1, hold: 1s, request_timeout: 30s}
  - {name: c2, start: 2s, hold: 1s, retry_delay: 1s, request_timeout: 30s}
)";
    const Scenario s = load_scenario_file(path, {}).scenario;
    RunRequest defaults;
    defaults.choices = std::vector<uint64_t>{};
    REQUIRE(run_scenario(s, defaults).report.property("mutual_exclusion")->verdict ==
            Verdict::holds);
    const SweepResult found = sweep(s, 1, 200, true);
    REQUIRE(found.first_failure);
    const ChoiceShrink shrunk = shrink_choices(s, *found.first_failure, "mutual_exclusion");
    REQUIRE(shrunk.ok);
    CHECK(shrunk.decided_after > 0);
    CHECK(shrunk.decided_after < shrunk.decided_before);
    RunRequest replay;
    replay.choices = decode_choices(shrunk.choices).values;
    const RunOutcome again = run_scenario(s, replay);
    CHECK(again.divergence.empty());
    CHECK(again.report.property("mutual_exclusion")->verdict == Verdict::violated);
}

TEST_CASE("a violation that needs no random choice shrinks to the default choices") {
    const Scenario s = load("scenarios/kleppmann/gc-pause.yaml");
    const ChoiceShrink shrunk = shrink_choices(s, 1, "mutual_exclusion");
    REQUIRE(shrunk.ok);
    CHECK(shrunk.decided_before > 0);
    CHECK(shrunk.decided_after == 0);
    CHECK(shrunk.choices == "none");
}
