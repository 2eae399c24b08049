// The "because:" lines name the assumption a run broke: for mutual exclusion, each kind of cause
// the library reproduces, a broken assumption preferred to a strained one (a short pause does not
// explain an overlap that an empty restart caused); for resource safety, what the storage's
// fencing assumes (no fencing, a repeated token, a late compare-and-set registration, a write
// that slipped between a read and its write).
#include <catch2/catch.hpp>

#include "cli/runner.hpp"

using namespace lockstep;

namespace {

// The because: line of `property`, which the scenario (with the overrides) must violate.
std::string because_of(std::string_view property, const std::string& relative,
                       const std::vector<std::string>& overrides = {}) {
    const ScenarioLoad l =
        load_scenario_file(std::string(LOCKSTEP_SOURCE_DIR) + "/" + relative, overrides);
    REQUIRE(l.ok);
    const RunOutcome run = run_scenario(l.scenario, RunRequest{});
    const PropertyResult* p = run.report.property(property);
    REQUIRE(p->verdict == Verdict::violated);
    return p->assumption;
}

std::string because(const std::string& relative, const std::vector<std::string>& overrides = {}) {
    return because_of("mutual_exclusion", relative, overrides);
}

} // namespace

TEST_CASE("a pause longer than the lease is named with both lengths") {
    CHECK(because("scenarios/kleppmann/gc-pause.yaml") ==
          "c1 paused for 40s while holding the lock, longer than its 30s lease: the lock assumes "
          "pauses shorter than the TTL");
}

TEST_CASE("a pause shorter than the lease breaks it when it spans the lease's end") {
    CHECK(because("scenarios/redis/short-pause-at-lease-end.yaml") ==
          "c1 paused for 1s while holding the lock, through the end of its 3s lease: the lock "
          "assumes a holder is not paused when its lease runs out");
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

TEST_CASE("a stale write through a storage without fencing says so") {
    CHECK(because_of("resource_safety", "scenarios/kleppmann/gc-pause.yaml") ==
          "the storage checks no fencing token (resource fencing: none), so nothing stops a write "
          "from an ended tenure");
}

TEST_CASE("a token handed out twice after an empty restart is named") {
    // RD-8 under fencing: the counter restarts with the key, and token 33 comes back.
    const std::string text =
        because_of("resource_safety", "scenarios/redis/restart-without-persistence.yaml",
                   {"lock.redis.fencing_counter=true", "lock.redis.first_token=33",
                    "resource={fencing: token}"});
    CHECK_THAT(text, Catch::StartsWith("redis restarted at ") &&
                         Catch::Contains("handed out token 33 twice") &&
                         Catch::Contains("tokens never repeat"));
}

TEST_CASE("compare-and-set fencing and a late registration are named") {
    CHECK_THAT(because_of("resource_safety", "scenarios/kleppmann/cas-late-registration.yaml"),
               Catch::StartsWith("c1 read at 40.002s, after c2's write") &&
                   Catch::Contains("registers its token before it is superseded"));
}

TEST_CASE("a lost update under token fencing names the write that slipped in") {
    CHECK_THAT(because_of("resource_safety", "scenarios/redis/short-ttl-long-section.yaml"),
               Catch::StartsWith("c1's write at 5.004s landed between c2's read at 2.013s") &&
                   Catch::Contains("resource fencing: none"));
    CHECK_THAT(because_of("resource_safety", "scenarios/redis/short-ttl-long-section.yaml",
                          {"lock.redis.fencing_counter=true", "resource.fencing=token"}),
               Catch::Contains("token fencing checks each write, not the read"));
}

TEST_CASE("a deadlock behind a lock with no TTL names its holder's crash or its lost reply") {
    CHECK_THAT(
        because_of("deadlock_free", "scenarios/redis/no-ttl-crash.yaml"),
        Catch::StartsWith("c1 crashed at ") &&
            Catch::Contains("granted with no TTL: the lock assumes its holders never crash"));
    CHECK_THAT(because_of("deadlock_free", "scenarios/redis/lost-reply.yaml",
                          {"lock.ttl=none", "duration=120s"}),
               Catch::StartsWith("redis granted the lock to c1 at 1.001s with no TTL, and c1 never "
                                 "learned it had it"));
}

TEST_CASE("a harmless short pause does not hide the pause that broke the lock") {
    CHECK_THAT(because("scenarios/kleppmann/gc-pause.yaml",
                       {"faults=[{pause: c1, at: 0.5ms, for: 1ms}, "
                        "{pause: c1, at_point: after_read, for: 40s}]"}),
               Catch::StartsWith("c1 paused for 40s while holding the lock, longer than its 30s"));
}

TEST_CASE("a pause across a renewed lease's first deadline is not blamed") {
    // The watchdog renewed at 10 s, 20 s and 30 s: the first grant's 30 s deadline is not the
    // lease's end, so the 200 ms pause around it breaks nothing; the partition does.
    CHECK_THAT(because("scenarios/redis/watchdog-partition.yaml",
                       {"clients=[{name: c1, hold: 90s, renewal: watchdog}, "
                        "{name: c2, start: 5s, hold: 1s, retry_delay: 1s}]",
                        "faults=[{partition: [[c1], [redis]], at: 35s, heal_after: 100s}, "
                        "{pause: c1, at: 29.95s, for: 200ms}]"}),
               Catch::StartsWith("a partition at 35s cut c1 off from redis"));
}

TEST_CASE("an empty restart of a server that never granted the lock is not blamed") {
    CHECK_THAT(because("scenarios/redlock/clock-jump.yaml",
                       {"faults=[{partition: [[c1], [redis-4, redis-5]], at: 0s}, "
                        "{partition: [[c2], [redis-1, redis-2]], at: 0s}, "
                        "{clock_step: redis-3, at: 1s, by: +10s}, "
                        "{crash: redis-5, at: 1500ms, restart_after: 0s}]"}),
               Catch::StartsWith("redis-3's wall clock jumped by 10s"));
}

TEST_CASE("a clock step off the lock servers is only strained") {
    CHECK_THAT(because("scenarios/redis/short-ttl-long-section.yaml",
                       {"faults=[{clock_step: storage, at: 1s, by: +1ms}]"}),
               Catch::StartsWith("c1 still believed it held the lock"));
}
