// Redlock against the literature (LITERATURE.md RD-3, RD-4, RD-5, KL-4, KL-4b/RD-8, KL-5/AZ-3,
// RD-9). Nodes A-E are redis-1..redis-5.
#include <algorithm>

#include <catch2/catch.hpp>

#include "tests/models/run_helpers.hpp"

using namespace lockstep;
using namespace lockstep::model_test;

namespace {

// Five nodes, TTL 10 s, 0.5 ms links, nodes asked one after the other. C1 locks at 0 and works
// until just before its validity ends (it asks A, B, C, then waits 50 ms each for D and E when
// they are cut off, and so holds from 103 ms to ~9.885 s of a validity ending at 9.898 s). C2
// arrives at `c2_start` and retries every 200-350 ms.
SystemSpec five_nodes(Duration c2_start) {
    SystemSpec spec;
    spec.name = "redlock-five-nodes";
    spec.duration = Duration::s(30);
    spec.lock.service = LockService::redlock;
    spec.lock.ttl = Duration::s(10);
    spec.network.link.latency = LatencySpec::constant_of(Duration::us(500));
    ClientSpec c1;
    c1.name = "c1";
    c1.hold = Duration::ms(9780);
    ClientSpec c2;
    c2.name = "c2";
    c2.start = c2_start;
    spec.clients = {c1, c2};
    return spec;
}

// Step (1) of KL-4 and RD-5: C1 locks A, B, C while D and E are unreachable for it.
Fault c1_cut_from_d_and_e(const SystemSpec& spec) {
    return partition(spec, {"c1"}, {"redis-4", "redis-5"});
}

std::vector<std::string> reasons_of_failures(const RunOutput& run, std::string_view client) {
    std::vector<std::string> out;
    for (const TraceEvent* e : events_named(run.trace(), "acquire_attempt_failed", client)) {
        out.emplace_back(run.trace().text_field(*e, "reason"));
    }
    return out;
}

bool contains(const std::vector<std::string>& v, std::string_view s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

} // namespace

TEST_CASE("Redlock hands the lock over when nothing goes wrong") {
    const SystemSpec spec = five_nodes(Duration::s(1));
    const RunOutput run = run_system(spec);
    CHECK(run.verdict("mutual_exclusion") == Verdict::holds);
    CHECK(run.verdict("resource_safety") == Verdict::holds);
    CHECK(run.report.hit("lock_changed_hands"));
    CHECK(run.report.metrics.critical_sections == 2);
    // C2's attempts while C1 holds find a minority and unlock all nodes (step 5), which the
    // compare-and-delete script refuses on C1's keys.
    CHECK(contains(reasons_of_failures(run, "c2"), "minority"));
    CHECK(run.report.hit("release_refused"));
}

TEST_CASE("RD-4: validity is ttl minus elapsed minus drift where drift is 1 percent plus 2 ms") {
    // Worked example: TTL 10 s, elapsed 30 ms, drift 102 ms, validity 9868 ms.
    SystemSpec spec = five_nodes(Duration::s(1));
    spec.clients.pop_back();
    spec.lock.redlock.parallel = true;
    spec.network.link.latency = LatencySpec::constant_of(Duration::ms(15));
    const RunOutput run = run_system(spec);
    const auto decided = events_named(run.trace(), "redlock_decided", "c1");
    REQUIRE(decided.size() == 1);
    CHECK(run.trace().integer(*decided[0], "elapsed_ns", 0) == Duration::ms(30).count_ns());
    CHECK(run.trace().integer(*decided[0], "granted", 0) == 5);
    CHECK(run.trace().integer(*decided[0], "quorum", 0) == 3);
    const auto acquired = events_named(run.trace(), "acquired", "c1");
    REQUIRE(acquired.size() == 1);
    CHECK(run.trace().integer(*acquired[0], "validity_ns", 0) == Duration::ms(9868).count_ns());
    CHECK(run.trace().integer(*acquired[0], "token", 0) == -1); // Redlock has no fencing token
}

TEST_CASE("RD-5: node C's clock 2 percent fast lets C2 take C D E while C1 still holds") {
    const SystemSpec spec = five_nodes(Duration::ms(9850));
    const RunOutput run =
        run_system(spec, {c1_cut_from_d_and_e(spec), clock_drift_at(spec, "redis-3", {}, 20'000)});
    INFO(run.report.property("mutual_exclusion")->summary);
    CHECK(run.overlap());
    // C1 kept to its own validity: the overlap is the drift's doing, not C1's.
    CHECK(stayed_within_validity(run, "c1"));
    REQUIRE(beliefs_of(run, "c2").size() == 1);
    CHECK(beliefs_of(run, "c2")[0].begin < beliefs_of(run, "c1")[0].end);
}

TEST_CASE("RD-5: with node C's clock 1 percent fast the drift allowance covers it") {
    const SystemSpec spec = five_nodes(Duration::ms(9850));
    const RunOutput run =
        run_system(spec, {c1_cut_from_d_and_e(spec), clock_drift_at(spec, "redis-3", {}, 10'000)});
    CHECK_FALSE(run.overlap());
    // C2 did try inside C1's validity, and was refused by C's still-live key.
    CHECK(contains(reasons_of_failures(run, "c2"), "minority"));
    CHECK(beliefs_of(run, "c2").size() == 1);
}

TEST_CASE("KL-4: a forward jump of node C's clock lets C2 take C D E while C1 holds A B C") {
    SystemSpec spec = five_nodes(Duration::s(2));
    const FaultPlan faults = {c1_cut_from_d_and_e(spec),
                              partition(spec, {"c2"}, {"redis-1", "redis-2"}),
                              clock_step_at(spec, "redis-3", Duration::s(1), Duration::s(10))};
    const RunOutput run = run_system(spec, faults);
    CHECK(run.overlap());
    CHECK(run.report.hit("clock_stepped"));
    CHECK(stayed_within_validity(run, "c1"));

    const FaultPlan no_jump(faults.begin(), faults.begin() + 2);
    const RunOutput control = run_system(spec, no_jump);
    CHECK_FALSE(control.overlap());
    CHECK(beliefs_of(control, "c2").size() == 1);
}

TEST_CASE("RD-8 and KL-4b: a node restarting at once without persistence hands C2 a majority") {
    SystemSpec spec = five_nodes(Duration::s(2));
    const FaultPlan faults = {
        c1_cut_from_d_and_e(spec),
        crash_at(spec, "redis-3", Trigger::at_time_of(at(Duration::s(1))), Duration::zero())};
    const RunOutput run = run_system(spec, faults);
    CHECK(run.overlap());
    CHECK(run.report.hit("server_restarted_empty"));
}

TEST_CASE("RD-8: a restart delayed by more than the TTL keeps the lock safe") {
    SystemSpec spec = five_nodes(Duration::s(2));
    const FaultPlan faults = {
        c1_cut_from_d_and_e(spec),
        crash_at(spec, "redis-3", Trigger::at_time_of(at(Duration::s(1))), Duration::s(11))};
    const RunOutput run = run_system(spec, faults);
    CHECK_FALSE(run.overlap());
    CHECK(beliefs_of(run, "c2").size() == 1);
}

TEST_CASE("RD-8: with appendfsync always the restarted node still has C1's key") {
    SystemSpec spec = five_nodes(Duration::s(2));
    spec.lock.redis.persistence = Persistence::aof_always;
    const FaultPlan faults = {
        c1_cut_from_d_and_e(spec),
        crash_at(spec, "redis-3", Trigger::at_time_of(at(Duration::s(1))), Duration::zero())};
    const RunOutput run = run_system(spec, faults);
    CHECK_FALSE(run.overlap());
    CHECK_FALSE(run.report.hit("server_restarted_empty"));
    CHECK(beliefs_of(run, "c2").size() == 1);
}

TEST_CASE("RD-8: with appendfsync everysec a crash within the first second loses the key") {
    SystemSpec spec = five_nodes(Duration::s(2));
    spec.lock.redis.persistence = Persistence::aof_everysec;
    const FaultPlan faults = {
        c1_cut_from_d_and_e(spec),
        crash_at(spec, "redis-3", Trigger::at_time_of(at(Duration::ms(500))), Duration::zero())};
    CHECK(run_system(spec, faults).overlap());
}

namespace {

// KL-5: C1 sends all five SETs at once and pauses 11 s (longer than the TTL) while the OKs are in
// flight; C2 comes at 1 s, gets the lock once C1's keys expire and holds it 5 s.
SystemSpec pause_during_acquisition(RedlockVariant variant) {
    SystemSpec spec = five_nodes(Duration::s(1));
    spec.lock.redlock.parallel = true;
    spec.lock.redlock.variant = variant;
    spec.clients[0].hold = Duration::ms(100);
    spec.clients[1].hold = Duration::s(5);
    return spec;
}

Fault c1_paused_with_replies_in_flight(const SystemSpec& spec) {
    return pause_at_point(spec, "c1", "redlock_sent", Duration::s(11));
}

} // namespace

TEST_CASE("KL-5: a naive client that skips the step-3 check believes stale OKs") {
    const SystemSpec spec = pause_during_acquisition(RedlockVariant::naive);
    const RunOutput run = run_system(spec, {c1_paused_with_replies_in_flight(spec)});
    CHECK(run.overlap());
    REQUIRE_FALSE(beliefs_of(run, "c1").empty());
    CHECK(beliefs_of(run, "c1")[0].begin >= at(Duration::s(11))); // it believed after resuming
}

TEST_CASE("KL-5 and AZ-3: a spec client rechecks elapsed time and discards the lock") {
    const SystemSpec spec = pause_during_acquisition(RedlockVariant::spec);
    const RunOutput run = run_system(spec, {c1_paused_with_replies_in_flight(spec)});
    CHECK_FALSE(run.overlap());
    CHECK(contains(reasons_of_failures(run, "c1"), "validity_expired"));
    // C1 gets the lock later, after C2 released it.
    CHECK(run.report.hit("lock_changed_hands"));
    CHECK(beliefs_of(run, "c1").size() == 1);
}

TEST_CASE("RD-4: a spec client timing itself by the wall clock is fooled by a backward step") {
    // redlock-py measures elapsed time with time.time(): C1's wall clock is set back 11 s while it
    // is paused, so the 11 s it lost look like none (AZ-4: use the monotonic clock).
    SystemSpec spec = pause_during_acquisition(RedlockVariant::spec);
    spec.lock.redlock.clock = ClockSource::wall;
    const FaultPlan faults = {c1_paused_with_replies_in_flight(spec),
                              clock_step_at(spec, "c1", Duration::s(5), -Duration::s(11))};
    CHECK(run_system(spec, faults).overlap());
    spec.lock.redlock.clock = ClockSource::monotonic;
    CHECK_FALSE(run_system(spec, faults).overlap());
}

TEST_CASE("Redlock ignores the late replies of an attempt it abandoned") {
    SystemSpec spec = five_nodes(Duration::s(1));
    spec.clients.pop_back();
    spec.lock.redlock.parallel = true;
    Fault slow;
    slow.kind = Fault::Kind::delay;
    slow.to = node_id(spec, "c1");
    slow.amount = Duration::ms(200); // beyond the 50 ms per-node timeout
    slow.count = 5;                  // the five OKs of the first attempt
    const RunOutput run = run_system(spec, {slow});
    CHECK(reasons_of_failures(run, "c1") == std::vector<std::string>{"minority"});
    const auto acquired = events_named(run.trace(), "acquired", "c1");
    REQUIRE(acquired.size() == 1);
    CHECK(run.trace().integer(*acquired[0], "attempts", 0) == 2);
}

TEST_CASE("RD-9: watchdog extensions on a majority keep C2 out past the TTL") {
    SystemSpec spec = five_nodes(Duration::s(1));
    spec.lock.ttl = Duration::s(3);
    spec.clients[0].hold = Duration::s(8);
    spec.clients[0].renewal = RenewalMode::watchdog; // every TTL/3 = 1 s
    const RunOutput run = run_system(spec);
    CHECK(run.report.hit("renewed"));
    CHECK_FALSE(run.report.hit("renew_failed"));
    CHECK(run.verdict("mutual_exclusion") == Verdict::holds);
    REQUIRE(beliefs_of(run, "c2").size() == 1);
    CHECK(beliefs_of(run, "c2")[0].begin > at(Duration::s(8)));
    CHECK(count_events(run.trace(), "redlock_extend_decided", "c1") >= 7);
}

TEST_CASE("Redlock runs are deterministic and a copied world continues like the original") {
    SystemSpec spec = pause_during_acquisition(RedlockVariant::spec);
    spec.network.link.latency = LatencySpec::uniform_of(Duration::us(200), Duration::ms(5));
    const FaultPlan faults = {c1_paused_with_replies_in_flight(spec)};
    // Split while C1 is paused with replies queued and C2 is retrying.
    const CopyCheck first = run_and_copy_at(spec, faults, Duration::ms(5500));
    CHECK(first.same);
    CHECK(run_and_copy_at(spec, faults, Duration::ms(5500)).hash == first.hash);
}
