// Redis single-node lock against the literature (LITERATURE.md KL-1, KL-2, KL-3, RD-1, RD-10).
#include <catch2/catch.hpp>

#include "tests/models/kl_specs.hpp"

using namespace lockstep;
using namespace lockstep::test;

namespace {
// Node ids in a single-Redis world: redis 0, storage 1, c1 2, c2 3.
constexpr NodeId c1 = 2;
} // namespace

TEST_CASE("KL-1 without fencing: beliefs overlap and the stale write is accepted") {
    const auto out = run_spec(kleppmann_gc_pause(FencingMode::none),
                              {pause_at_point(c1, "acquired", Duration::s(40))});
    CHECK(verdict_of(out.report, "mutual_exclusion") == Verdict::violated);
    CHECK(verdict_of(out.report, "resource_safety") == Verdict::violated);
    CHECK(out.report.hit("lease_expired_while_paused"));
    CHECK(out.report.hit("stale_write_accepted"));
    INFO(out.report.property("mutual_exclusion")->summary);
    CHECK_THAT(out.report.property("mutual_exclusion")->summary, Catch::Contains("c1 and c2"));
    CHECK_THAT(out.report.property("mutual_exclusion")->assumption,
               Catch::Contains("longer than its 30s lease"));
}

TEST_CASE("KL-1 with monotonic fencing: token 33 is rejected after 34 and beliefs still overlap") {
    const auto out = run_spec(kleppmann_gc_pause(FencingMode::token),
                              {pause_at_point(c1, "acquired", Duration::s(40))});
    CHECK(verdict_of(out.report, "mutual_exclusion") == Verdict::violated);
    CHECK(verdict_of(out.report, "resource_safety") == Verdict::holds);
    CHECK(out.report.hit("stale_write_rejected"));
    const Trace& t = out.world->trace();
    bool rejected_33_after_34 = false;
    for (const TraceEvent& e : t.events()) {
        if (e.kind == TraceKind::model && t.event_name(e) == "write_rejected") {
            rejected_33_after_34 =
                t.integer(e, "token", 0) == 33 && t.integer(e, "highest", 0) == 34;
        }
    }
    CHECK(rejected_33_after_34);
}

TEST_CASE("KL-1 with token compare-and-set: the stale write is rejected too (AZ-1)") {
    // C1 read the file (setting the resource's current token to 33) before its pause.
    const auto out = run_spec(kleppmann_gc_pause(FencingMode::cas),
                              {pause_at_point(c1, "after_read", Duration::s(40))});
    CHECK(verdict_of(out.report, "mutual_exclusion") == Verdict::violated);
    CHECK(verdict_of(out.report, "resource_safety") == Verdict::holds);
    CHECK(out.report.hit("stale_write_rejected"));
}

TEST_CASE(
    "compare-and-set protects only a holder that registered its token before it was superseded") {
    // Paused before its first read, C1 sets the resource's token to 33 after C2 finished with
    // 34: its whole read-modify-write then succeeds outside its tenure. Monotonic fencing rejects
    // it; compare-and-set cannot tell.
    const auto cas = run_spec(kleppmann_gc_pause(FencingMode::cas),
                              {pause_at_point(c1, "acquired", Duration::s(40))});
    CHECK(verdict_of(cas.report, "resource_safety") == Verdict::violated);
    CHECK(cas.report.metrics.lost_updates == 0);
    const auto token = run_spec(kleppmann_gc_pause(FencingMode::token),
                                {pause_at_point(c1, "acquired", Duration::s(40))});
    CHECK(verdict_of(token.report, "resource_safety") == Verdict::holds);
}

TEST_CASE("without a pause nothing is violated and the lock changes hands") {
    const auto out = run_spec(kleppmann_gc_pause(FencingMode::none), {});
    CHECK(verdict_of(out.report, "mutual_exclusion") == Verdict::holds);
    CHECK(verdict_of(out.report, "resource_safety") == Verdict::holds);
    CHECK(verdict_of(out.report, "deadlock_free") == Verdict::holds);
    CHECK(out.report.hit("lock_changed_hands"));
    CHECK(out.report.metrics.critical_sections == 2);
}

TEST_CASE("KL-2: a check of validity before the write is defeated by a pause after the check") {
    SystemSpec spec = kleppmann_gc_pause(FencingMode::none);
    spec.clients[0].check_validity = true;
    // Paused right after acquiring, the check notices the expiry: no stale write.
    auto checked = run_spec(spec, {pause_at_point(c1, "acquired", Duration::s(40))});
    CHECK(verdict_of(checked.report, "resource_safety") == Verdict::holds);
    // Paused between the check and the write: the check passed, the write is stale.
    auto defeated = run_spec(spec, {pause_at_point(c1, "after_check", Duration::s(40))});
    CHECK(verdict_of(defeated.report, "mutual_exclusion") == Verdict::violated);
    CHECK(verdict_of(defeated.report, "resource_safety") == Verdict::violated);
}

TEST_CASE("KL-3: a write delayed 90 s in the network lands after the next holder's write") {
    SystemSpec spec = kleppmann_gc_pause(FencingMode::none);
    Fault delay;
    delay.kind = Fault::Kind::delay;
    delay.from = c1;
    delay.to = 1; // storage
    delay.amount = Duration::s(90);
    delay.trigger = Trigger::at_point_of(c1, "before_write");
    const auto unfenced = run_spec(spec, {delay});
    CHECK(verdict_of(unfenced.report, "resource_safety") == Verdict::violated);
    spec.resource.fencing = FencingMode::token;
    const auto fenced = run_spec(spec, {delay});
    CHECK(verdict_of(fenced.report, "resource_safety") == Verdict::holds);
    CHECK(fenced.report.hit("stale_write_rejected"));
}

TEST_CASE("RD-1: an unsafe DEL releases another client's lock and a third client enters") {
    SystemSpec spec = kleppmann_gc_pause(FencingMode::none);
    spec.resource.enabled = false;
    spec.clients[0].release = ReleaseMode::unsafe;
    ClientSpec c3 = spec.clients[1];
    c3.name = "c3";
    c3.start = Duration::s(35);
    spec.clients[1].hold = Duration::s(20); // c2 holds from ~30 s to ~50 s
    spec.clients.push_back(c3);
    // Node ids without storage: redis 0, c1 1, c2 2, c3 3.
    const FaultPlan pause = {pause_at_point(1, "acquired", Duration::s(40))};
    const auto unsafe = run_spec(spec, pause);
    CHECK(unsafe.report.hit("foreign_lock_deleted"));
    const Trace& t = unsafe.world->trace();
    bool c2_and_c3_overlap = false;
    const Facts facts = extract_facts(t, unsafe.world->now());
    for (const Belief& a : facts.beliefs) {
        for (const Belief& b : facts.beliefs) {
            c2_and_c3_overlap = c2_and_c3_overlap || (a.client == 2 && b.client == 3 &&
                                                      b.begin < a.end && a.begin < b.end);
        }
    }
    CHECK(c2_and_c3_overlap);
    spec.clients[0].release = ReleaseMode::safe;
    const auto safe = run_spec(spec, pause);
    CHECK(safe.report.hit("release_refused"));
    CHECK_FALSE(safe.report.hit("foreign_lock_deleted"));
}
