// A partition that isolates the leader with a minority (LITERATURE.md ET-4, ZK-4): the minority
// side cannot grant or renew, the majority elects a new leader and the lock continues there, and
// with fencing on the resource never takes a stale write.
#include <catch2/catch.hpp>

#include "tests/consensus/consensus_world.hpp"

using namespace lockstep;
using namespace lockstep::test;

namespace {

struct PartitionOutcome {
    ConsensusRun run;
    NodeId leader = no_node;
    Time cut;
    Time healed;
};

// c1 holds a long critical section next to the leader; at `cut` the leader and c1 (and c3, who
// arrives later) are cut off from the two other members and c2.
PartitionOutcome isolate_leader(LockService service, FencingMode fencing, bool holder_reacts) {
    ConsensusSetup s = basic_setup(service, 3, 1);
    s.spec.duration = Duration::s(60);
    s.spec.resource.fencing = fencing;
    s.consensus.etcd.session_ttl = Duration::s(5);
    s.consensus.etcd.session_done_ends_belief = holder_reacts;
    s.consensus.zookeeper.session_timeout = Duration::s(6);
    s.consensus.zookeeper.suspended_ends_belief = holder_reacts;
    s.spec.clients[0].hold = Duration::s(25);
    s.spec.clients[1].start = Duration::s(4);
    s.spec.clients[1].hold = Duration::s(1);
    s.spec.clients[2].start = Duration::s(8);
    s.spec.clients[2].hold = Duration::s(1);
    PartitionOutcome out;
    out.cut = Time::zero() + Duration::s(6);
    out.healed = out.cut + Duration::s(30);
    out.leader = leader_at(s, out.cut);
    std::vector<NodeId> minority = {out.leader, client_id(s, 0), client_id(s, 2)};
    std::vector<NodeId> majority = {client_id(s, 1)};
    for (NodeId m = 0; m < 3; ++m) {
        if (m != out.leader) {
            majority.push_back(m);
        }
    }
    s.faults = {partition_of({minority, majority}, out.cut, Duration::s(30))};
    out.run = run_consensus(s);
    return out;
}

void check_isolated_leader(const PartitionOutcome& o) {
    const Trace& t = o.run.world->trace();
    INFO(model_events(t));
    bool new_leader = false;
    bool minority_committed = false;
    Time c2_acquired = Time::never();
    Time c3_acquired = Time::never();
    for (const TraceEvent& e : t.events()) {
        if (e.kind != TraceKind::model || e.time < o.cut || e.time >= o.healed) {
            continue;
        }
        const std::string_view name = t.event_name(e);
        new_leader = new_leader || (name == "leader_elected" && e.node != o.leader);
        minority_committed =
            minority_committed ||
            (e.node == o.leader &&
             (name == "lock_granted" || name == "lease_granted" || name == "session_created"));
        if (name == "acquired" && t.node_name(e.node) == "c2") {
            c2_acquired = std::min(c2_acquired, e.time);
        }
        if (name == "acquired" && t.node_name(e.node) == "c3") {
            c3_acquired = std::min(c3_acquired, e.time);
        }
    }
    CHECK(new_leader);
    CHECK_FALSE(minority_committed);
    CHECK(c2_acquired < o.healed);  // the lock continues on the majority side
    CHECK(c3_acquired >= o.healed); // nobody acquires on the minority side
    CHECK(verdict(o.run, "resource_safety") == Verdict::holds);
}

} // namespace

TEST_CASE(
    "etcd: a partition isolates the leader with a minority and the lock moves to the majority") {
    const auto fenced = isolate_leader(LockService::etcd, FencingMode::token, false);
    check_isolated_leader(fenced);
    // c1 cannot renew from the minority side: its client gives the lease up at its deadline.
    CHECK(count_named(fenced.run.world->trace(), "session_done", "reason", "expired") >= 1);
    CHECK(fenced.run.report.hit("stale_write_rejected"));
    CHECK(verdict(fenced.run, "mutual_exclusion") == Verdict::violated); // c1 still believed
    // An application that watches Session.Done() stops believing before the majority revokes.
    const auto reacting = isolate_leader(LockService::etcd, FencingMode::token, true);
    check_isolated_leader(reacting);
    INFO(model_events(reacting.run.world->trace()));
    CHECK(verdict(reacting.run, "mutual_exclusion") == Verdict::holds);
}

TEST_CASE("ZooKeeper: a partition isolates the leader with a minority and the lock moves to the "
          "majority") {
    const auto fenced = isolate_leader(LockService::zookeeper, FencingMode::token, false);
    check_isolated_leader(fenced);
    CHECK(count_named(fenced.run.world->trace(), "zk_state", "state", "suspended") >= 1);
    CHECK(count_named(fenced.run.world->trace(), "zk_state", "state", "lost") >= 1);
    // Curator's LOST (a session timeout after SUSPENDED) comes after the new leader expired the
    // session and c2 took the lock: a holder that keeps working while SUSPENDED overlaps.
    CHECK(verdict(fenced.run, "mutual_exclusion") == Verdict::violated);
    const auto reacting = isolate_leader(LockService::zookeeper, FencingMode::token, true);
    check_isolated_leader(reacting);
    INFO(model_events(reacting.run.world->trace()));
    CHECK(verdict(reacting.run, "mutual_exclusion") == Verdict::holds);
}
