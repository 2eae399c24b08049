// Both services grant, pass on and release a lock without faults.
#include <catch2/catch.hpp>

#include "sim/trace_io.hpp"
#include "tests/consensus/consensus_world.hpp"

using namespace lockstep;
using namespace lockstep::test;

TEST_CASE("etcd grants the lock in turn without faults") {
    const auto run = run_consensus(basic_setup(LockService::etcd, 3, 3));
    INFO(model_events(run.world->trace()));
    CHECK(verdict(run, "mutual_exclusion") == Verdict::holds);
    CHECK(verdict(run, "resource_safety") == Verdict::holds);
    CHECK(verdict(run, "deadlock_free") == Verdict::holds);
    CHECK(run.report.metrics.critical_sections == 9);
    CHECK(count_named(run.world->trace(), "leader_elected") >= 1);
}

TEST_CASE("ZooKeeper grants the lock in turn without faults") {
    const auto run = run_consensus(basic_setup(LockService::zookeeper, 3, 3));
    INFO(model_events(run.world->trace()));
    CHECK(verdict(run, "mutual_exclusion") == Verdict::holds);
    CHECK(verdict(run, "resource_safety") == Verdict::holds);
    CHECK(verdict(run, "deadlock_free") == Verdict::holds);
    CHECK(run.report.metrics.critical_sections == 9);
}

TEST_CASE("the same seed gives the same trace for both services under faults") {
    for (LockService service : {LockService::etcd, LockService::zookeeper}) {
        ConsensusSetup s = basic_setup(service, 3, 4);
        s.spec.seed = 42;
        s.spec.network.link.loss_num = 1;
        s.spec.network.link.loss_den = 50;
        s.faults = {crash_of(1, Time::zero() + Duration::s(4), Duration::s(2)),
                    pause_of(5, Trigger::at_point_of(5, "after_read"), Duration::s(3))};
        const auto a = run_consensus(s);
        const auto b = run_consensus(s);
        CHECK(trace_hash(a.world->trace()) == trace_hash(b.world->trace()));
        CHECK(a.world->trace().size() > 1000);
        s.spec.seed = 43;
        const auto c = run_consensus(s);
        CHECK(trace_hash(a.world->trace()) != trace_hash(c.world->trace()));
    }
}
