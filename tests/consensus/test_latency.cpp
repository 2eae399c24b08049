// Acquisition latency tiers (LITERATURE.md "Latency"; docs/models/etcd.md and zookeeper.md put the
// simulated figures beside the measured ones): in one datacenter (0.5 ms one way) a single Redis
// answers in one round trip (about 1 ms) while etcd and ZooKeeper need a quorum write with an
// fsync (a few ms); across datacenters (50 ms one way, one member per datacenter, the client next
// to one member) a quorum write costs one or two wide-area round trips: 100-200 ms.
#include <catch2/catch.hpp>

#include "models/build.hpp"
#include "tests/consensus/consensus_world.hpp"

using namespace lockstep;
using namespace lockstep::test;

namespace {

constexpr uint32_t cycles = 20;

// Think time longer than a release: the drivers finish an unlock before the next lock (as the
// real clients' Unlock() returns only then), and latency here is the acquisition's own.
ClientSpec lone_client() {
    ClientSpec c = client_named("c1", Duration::s(3), cycles, Duration::ms(10));
    c.think = Duration::ms(500);
    return c;
}

NetworkSpec same_datacenter() {
    NetworkSpec n;
    n.link.latency = LatencySpec::constant_of(Duration::us(500));
    return n;
}

// One member per datacenter, 50 ms apart; the client (node `client`) sits next to member 0.
NetworkSpec across_datacenters(NodeId client) {
    NetworkSpec n;
    n.link.latency = LatencySpec::constant_of(Duration::ms(50));
    LinkSpec local;
    local.latency = LatencySpec::constant_of(Duration::us(500));
    n.overrides.push_back({client, 0, local});
    n.overrides.push_back({0, client, local});
    return n;
}

Duration redis_p50(const NetworkSpec& network) {
    SystemSpec spec;
    spec.lock.service = LockService::redis;
    spec.resource.enabled = false;
    spec.duration = Duration::s(20);
    spec.network = network;
    spec.clients = {lone_client()};
    auto world = build_world(spec, {}, TraceLevel::checker);
    RandomChooser chooser(spec.seed);
    world->start(chooser);
    world->run({Time::zero() + spec.duration, UINT64_MAX});
    const Report report = check_trace(world->trace(), world->now());
    REQUIRE(report.metrics.acquisitions == cycles);
    return report.metrics.latency_p50;
}

Duration consensus_p50(LockService service, const NetworkSpec& network) {
    ConsensusSetup s;
    s.spec.lock.service = service;
    s.spec.resource.enabled = false;
    s.spec.duration = Duration::s(30);
    s.spec.network = network;
    s.spec.clients = {lone_client()};
    const auto run = run_consensus(s, TraceLevel::checker);
    REQUIRE(run.report.metrics.acquisitions == cycles);
    return run.report.metrics.latency_p50;
}

} // namespace

TEST_CASE("in one datacenter Redis acquires in about 1 ms and etcd and ZooKeeper in a few ms") {
    const NetworkSpec lan = same_datacenter();
    const Duration redis = redis_p50(lan);
    const Duration etcd = consensus_p50(LockService::etcd, lan);
    const Duration zookeeper = consensus_p50(LockService::zookeeper, lan);
    INFO("redis " << format_duration(redis) << " etcd " << format_duration(etcd) << " zookeeper "
                  << format_duration(zookeeper));
    CHECK(redis >= Duration::us(900));
    CHECK(redis <= Duration::ms(2));
    for (Duration consensus : {etcd, zookeeper}) {
        CHECK(consensus >= Duration::ms(2));
        CHECK(consensus <= Duration::ms(15));
        CHECK(consensus > redis * 2);
    }
}

TEST_CASE("across datacenters etcd and ZooKeeper acquire in 100 to 200 ms") {
    // No storage: the client is node 3, whose pinned member is member 0 (3 mod 3).
    const NetworkSpec wan = across_datacenters(3);
    for (LockService service : {LockService::etcd, LockService::zookeeper}) {
        const Duration p50 = consensus_p50(service, wan);
        INFO(service_name(service) << " " << format_duration(p50));
        CHECK(p50 >= Duration::ms(100));
        CHECK(p50 <= Duration::ms(215));
    }
}

TEST_CASE("a slower disk slows consensus locks and leaves the ordering") {
    ConsensusSetup s;
    s.spec.lock.service = LockService::etcd;
    s.spec.resource.enabled = false;
    s.spec.duration = Duration::s(30);
    s.spec.network = same_datacenter();
    s.spec.clients = {lone_client()};
    s.consensus.etcd.raft.fsync = Duration::ms(10);
    const auto slow = run_consensus(s, TraceLevel::checker);
    s.consensus.etcd.raft.fsync = Duration::ms(1);
    const auto fast = run_consensus(s, TraceLevel::checker);
    CHECK(slow.report.metrics.latency_p50 >= fast.report.metrics.latency_p50 + Duration::ms(9));
}
