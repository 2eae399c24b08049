// Redis primary/replica under Sentinel against the literature (LITERATURE.md RD-2): asynchronous
// replication loses a grant the primary acknowledged but had not streamed yet.
#include <catch2/catch.hpp>

#include "tests/models/run_helpers.hpp"

using namespace lockstep;
using namespace lockstep::model_test;

namespace {

// redis-1 (primary), redis-2 (replica), sentinel. TTL 30 s; the Sentinel declares the primary down
// after 5 s (shorter than the TTL, or failover would only come after the lock expired anyway).
// C1 locks at once and works 20 s; C2 arrives at 1 s and retries until it gets the lock.
SystemSpec primary_and_replica() {
    SystemSpec spec;
    spec.name = "redis-replicated";
    spec.duration = Duration::s(40);
    spec.lock.service = LockService::redis_replicated;
    spec.lock.ttl = Duration::s(30);
    spec.lock.replication.replicas = 1;
    spec.lock.replication.replication_lag = Duration::ms(10);
    spec.lock.replication.ping_interval = Duration::s(1);
    spec.lock.replication.down_after = Duration::s(5);
    spec.network.link.latency = LatencySpec::constant_of(Duration::us(500));
    ClientSpec c1;
    c1.name = "c1";
    c1.hold = Duration::s(20);
    ClientSpec c2;
    c2.name = "c2";
    c2.start = Duration::s(1);
    spec.clients = {c1, c2};
    return spec;
}

// The primary dies right after C1 learns it has the lock: 1.5 ms after the grant, well inside
// the 10 ms replication lag.
Fault primary_crashes_after_grant(const SystemSpec& spec, Duration restart_after) {
    return crash_at(spec, "redis-1", Trigger::at_point_of(node_id(spec, "c1"), "acquired"),
                    restart_after);
}

std::vector<int64_t> acquired_tokens(const RunOutput& run) {
    std::vector<int64_t> out;
    for (const TraceEvent* e : events_named(run.trace(), "acquired")) {
        out.push_back(run.trace().integer(*e, "token", -2));
    }
    return out;
}

} // namespace

TEST_CASE("the replica follows the primary and the lock changes hands without faults") {
    const SystemSpec spec = primary_and_replica();
    const RunOutput run = run_system(spec);
    CHECK(run.verdict("mutual_exclusion") == Verdict::holds);
    CHECK(run.report.metrics.critical_sections == 2);
    CHECK(count_events(run.trace(), "full_sync", "redis-2") >= 1);
    CHECK(count_events(run.trace(), "replicated", "redis-2") >= 2); // C1's key, then its release
    CHECK(count_events(run.trace(), "failover") == 0);
    CHECK(count_events(run.trace(), "lock_granted", "redis-2") == 0);
}

TEST_CASE("RD-2: the primary dies before replicating C1's key and C2 gets it from the new one") {
    const SystemSpec spec = primary_and_replica();
    const RunOutput run = run_system(spec, {primary_crashes_after_grant(spec, Duration::max())});
    INFO(run.report.property("mutual_exclusion")->summary);
    CHECK(run.overlap());
    CHECK(count_events(run.trace(), "primary_down", "sentinel") == 1);
    const auto failovers = events_named(run.trace(), "failover", "sentinel");
    REQUIRE(failovers.size() == 1);
    CHECK(run.trace().text_field(*failovers[0], "old") == "redis-1");
    CHECK(run.trace().text_field(*failovers[0], "new") == "redis-2");
    // Declared down 5 s after its last answer, at the next ping round.
    CHECK(failovers[0]->time == at(Duration::s(6)));
    const auto promoted = events_named(run.trace(), "promoted", "redis-2");
    REQUIRE(promoted.size() == 1);
    CHECK(run.trace().integer(*promoted[0], "keys", -1) == 0);
    CHECK(count_events(run.trace(), "lock_granted", "redis-2") >= 1);
    CHECK(stayed_within_validity(run, "c1"));
}

TEST_CASE("RD-2 control: a key replicated before the crash survives the failover") {
    const SystemSpec spec = primary_and_replica();
    const Fault late_crash =
        crash_at(spec, "redis-1", Trigger::at_time_of(at(Duration::s(1))), Duration::max());
    const RunOutput run = run_system(spec, {late_crash});
    CHECK_FALSE(run.overlap());
    CHECK(count_events(run.trace(), "failover", "sentinel") == 1);
    const auto promoted = events_named(run.trace(), "promoted", "redis-2");
    REQUIRE(promoted.size() == 1);
    CHECK(run.trace().integer(*promoted[0], "keys", -1) == 1);
    // C2 gets the lock only when C1's key expires on the new primary.
    REQUIRE(beliefs_of(run, "c2").size() == 1);
    CHECK(beliefs_of(run, "c2")[0].begin >= at(Duration::s(30)));
}

TEST_CASE("a returning old primary is demoted and discards the grant it never replicated") {
    SystemSpec spec = primary_and_replica();
    spec.lock.redis.persistence = Persistence::aof_always; // it comes back with C1's key
    const RunOutput run = run_system(spec, {primary_crashes_after_grant(spec, Duration::s(10))});
    CHECK(run.overlap());
    const auto demoted = events_named(run.trace(), "demoted", "redis-1");
    REQUIRE(demoted.size() == 1);
    CHECK(run.trace().integer(*demoted[0], "keys_discarded", -1) == 1);
    CHECK(run.trace().text_field(*demoted[0], "primary") == "redis-2");
    CHECK(count_events(run.trace(), "full_sync", "redis-1") >= 1);
}

TEST_CASE("an INCR fencing counter is lost with the primary so two holders get the same token") {
    SystemSpec spec = primary_and_replica();
    spec.lock.redis.fencing_counter = true;
    spec.lock.redis.first_token = 33;
    spec.resource.fencing = FencingMode::token;
    const RunOutput run = run_system(spec, {primary_crashes_after_grant(spec, Duration::max())});
    CHECK(acquired_tokens(run) == std::vector<int64_t>{33, 33});
    // Monotonic fencing cannot tell the two holders apart: C1's late write is accepted.
    CHECK(run.verdict("resource_safety") == Verdict::violated);
}

TEST_CASE("with two replicas the other replica follows the promoted one") {
    SystemSpec spec = primary_and_replica();
    spec.lock.replication.replicas = 2;
    const RunOutput run = run_system(spec, {primary_crashes_after_grant(spec, Duration::max())});
    CHECK(run.overlap());
    const auto followed = events_named(run.trace(), "replica_of", "redis-3");
    REQUIRE(followed.size() == 1);
    CHECK(run.trace().text_field(*followed[0], "primary") == "redis-2");
    // redis-1 died before its first full sync left (10 ms lag): redis-3 is synced only by
    // redis-2 after the failover, then receives C2's key through the new primary's stream.
    const auto syncs = events_named(run.trace(), "full_sync", "redis-3");
    REQUIRE(syncs.size() == 1);
    CHECK(run.trace().text_field(*syncs[0], "primary") == "redis-2");
    CHECK(count_events(run.trace(), "replicated", "redis-3") >= 1);
}

TEST_CASE("failover runs are deterministic and a copied world continues like the original") {
    SystemSpec spec = primary_and_replica();
    spec.lock.replication.replicas = 2;
    spec.network.link.latency = LatencySpec::uniform_of(Duration::us(200), Duration::ms(5));
    const FaultPlan faults = {primary_crashes_after_grant(spec, Duration::s(10))};
    // Split before the failover, with the Sentinel counting down and C2 retrying.
    const CopyCheck first = run_and_copy_at(spec, faults, Duration::ms(4500));
    CHECK(first.same);
    CHECK(run_and_copy_at(spec, faults, Duration::ms(4500)).hash == first.hash);
}
