// The "because:" line of a mutual-exclusion violation names the model assumption the run broke,
// for each kind of cause the library reproduces, and prefers a broken assumption to a strained
// one (a short pause does not explain an overlap that an empty restart caused).
#include <catch2/catch.hpp>

#include "cli/runner.hpp"

using namespace lockstep;

namespace {

std::string because(const std::string& relative, const std::vector<std::string>& overrides = {}) {
    const ScenarioLoad l =
        load_scenario_file(std::string(LOCKSTEP_SOURCE_DIR) + "/" + relative, overrides);
    REQUIRE(l.ok);
    const RunOutcome run = run_scenario(l.scenario, RunRequest{});
    const PropertyResult* p = run.report.property("mutual_exclusion");
    REQUIRE(p->verdict == Verdict::violated);
    return p->assumption;
}

} // namespace

TEST_CASE("a pause longer than the lease is named with both lengths") {
    CHECK(because("scenarios/kleppmann/gc-pause.yaml") ==
          "c1 paused for 40s while holding the lock, longer than its 30s lease: the lock assumes "
          "pauses shorter than the TTL");
}

TEST_CASE("a lock server that restarts empty is named over a pause shorter than the lease") {
    const std::string text = because("scenarios/redis/restart-without-persistence.yaml");
    CHECK_THAT(text, Catch::StartsWith("redis restarted at ") &&
                         Catch::Contains("without the lock it had granted c1") &&
                         Catch::Contains("(persistence)"));
    CHECK_THAT(because("scenarios/redlock/restart-no-persistence.yaml"),
               Catch::StartsWith("redis-3 restarted at 1s"));
}

TEST_CASE("a failover to a replica without the lock is named") {
    CHECK_THAT(because("scenarios/redis/failover.yaml"),
               Catch::StartsWith("redis-2 was promoted to primary") &&
                   Catch::Contains("replication is asynchronous"));
}

TEST_CASE("a clock jump and a drift beyond the allowance are named") {
    CHECK_THAT(because("scenarios/redlock/clock-jump.yaml"),
               Catch::StartsWith("redis-3's wall clock jumped by 10s"));
    CHECK(because("scenarios/redlock/drift-2pct.yaml") ==
          "redis-3's clock runs 20000 ppm off true time, so a 10s lease can end 200ms early, "
          "against a drift allowance of 102ms: the lock assumes clocks drift less than its "
          "allowance");
}

TEST_CASE("a grant that arrives after its lease ran out is a message delay") {
    CHECK_THAT(because("scenarios/redlock/network-delay-naive.yaml"),
               Catch::StartsWith("c1 learned of its lock 11s after redis-1 granted it") &&
                   Catch::Contains("longer than its 10s lease"));
}

TEST_CASE("a partition that cuts the holder off from a majority of the servers is named") {
    CHECK_THAT(because("scenarios/etcd/leader-partition.yaml"),
               Catch::StartsWith("a partition at 6s cut c1 off from etcd-1, etcd-3"));
    CHECK_THAT(because("scenarios/redis/watchdog-partition.yaml"),
               Catch::StartsWith("a partition at 2s cut c1 off from redis:"));
}

TEST_CASE("a critical section longer than the lease is named when nothing else happened") {
    CHECK_THAT(because("scenarios/redis/short-ttl-long-section.yaml"),
               Catch::StartsWith("c1 still believed it held the lock 2.011s after its 2s lease") &&
                   Catch::Contains("without renewing it"));
}
