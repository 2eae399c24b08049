// The replicated log under faults: election safety, agreement on the committed prefix, a deposed
// leader that cannot commit, a lost majority that makes the service unavailable, and followers
// that catch up (docs/models/raft.md).
#include <map>

#include <catch2/catch.hpp>

#include "models/etcd_server.hpp"
#include "sim/prng.hpp"
#include "tests/consensus/consensus_world.hpp"

using namespace lockstep;
using namespace lockstep::test;

namespace {

const Raft& raft_of(const World& world, NodeId id) {
    return dynamic_cast<const EtcdServer&>(world.node(id)).raft();
}

// A fault plan drawn from the seed: partitions of random members, crashes and restarts.
FaultPlan random_faults(uint64_t seed, uint32_t members, Duration horizon) {
    Prng prng(seed ^ 0x5eed);
    FaultPlan plan;
    const uint32_t faults = 2 + uint32_t(prng.uniform(5));
    for (uint32_t i = 0; i < faults; ++i) {
        const Time at =
            Time::zero() + Duration::ms(int64_t(prng.uniform(uint64_t(horizon.whole_ms()))));
        if (prng.chance(1, 2)) {
            std::vector<NodeId> side;
            for (NodeId m = 0; m < members; ++m) {
                if (prng.chance(1, 2)) {
                    side.push_back(m);
                }
            }
            plan.push_back(
                partition_of({side}, at, Duration::ms(500 + int64_t(prng.uniform(4000)))));
            plan.back().groups.push_back({});
            for (NodeId m = 0; m < members; ++m) {
                if (std::find(side.begin(), side.end(), m) == side.end()) {
                    plan.back().groups.back().push_back(m);
                }
            }
        } else {
            Fault crash;
            crash.kind = Fault::Kind::crash;
            crash.node = static_cast<NodeId>(prng.uniform(members));
            crash.trigger = Trigger::at_time_of(at);
            crash.length = Duration::ms(200 + int64_t(prng.uniform(3000)));
            plan.push_back(crash);
        }
    }
    return plan;
}

ConsensusSetup servers_only(uint32_t members, uint64_t seed) {
    ConsensusSetup s;
    s.spec.lock.service = LockService::etcd;
    s.spec.seed = seed;
    s.spec.duration = Duration::s(20);
    s.spec.resource.enabled = false;
    s.spec.network.link.latency = LatencySpec::uniform_of(Duration::us(200), Duration::ms(5));
    s.spec.network.link.loss_num = 1;
    s.spec.network.link.loss_den = 20;
    s.consensus.etcd.raft.members = members;
    return s;
}

// Some client traffic so that the log has entries to agree on.
void add_lock_clients(ConsensusSetup& s, uint32_t count) {
    for (uint32_t i = 0; i < count; ++i) {
        ClientSpec c =
            client_named("c" + std::to_string(i + 1), Duration::s(2), 20, Duration::ms(50));
        c.think = Duration::ms(30);
        s.spec.clients.push_back(c);
    }
    s.consensus.etcd.session_ttl = Duration::s(3);
}

// Reads the election record from every member every 100 ms and notes when answers arrive.
class RecordReader final : public Node {
  public:
    explicit RecordReader(uint32_t members) : members_(members) {}
    void on_start(Context& ctx) override { ctx.set_timer(Duration::ms(100), 0); }
    void on_timer(Context& ctx, uint64_t) override {
        for (NodeId m = 0; m < members_; ++m) {
            Command c;
            c.op = etcd_get_record;
            c.request = ++request_;
            ctx.send(m, EtcdRequest{c});
        }
        ctx.set_timer(Duration::ms(100), 0);
    }
    void on_message(Context& ctx, const Envelope& m) override {
        if (m.is<EtcdWriteReply>()) {
            answers.push_back(ctx.mono_now());
        }
    }
    std::unique_ptr<Node> clone() const override { return std::make_unique<RecordReader>(*this); }
    void fingerprint(Hasher& h, const LocalNow&) const override { h.add(request_); }
    std::vector<Time> answers;

  private:
    uint32_t members_;
    uint32_t request_ = 0;
};

std::unique_ptr<World> world_with_readers(const ConsensusSetup& s, const FaultPlan& faults) {
    auto world = build_consensus_world(s, TraceLevel::checker);
    world->add_node("r1", std::make_unique<RecordReader>(3));
    world->add_node("r2", std::make_unique<RecordReader>(3));
    world->set_fault_plan(faults);
    return world;
}

} // namespace

TEST_CASE("election safety: never two leaders in one term over many seeds with faults") {
    uint64_t elections = 0;
    uint64_t contested_seeds = 0;
    for (uint64_t seed = 1; seed <= 60; ++seed) {
        ConsensusSetup s = servers_only(5, seed);
        add_lock_clients(s, 2);
        s.faults = random_faults(seed, 5, Duration::s(15));
        const auto run = run_consensus(s, TraceLevel::checker);
        const Trace& t = run.world->trace();
        std::map<int64_t, NodeId> leader_of_term;
        for (const TraceEvent* e : events_named(t, "leader_elected")) {
            const int64_t term = t.integer(*e, "term", -1);
            const auto [it, fresh] = leader_of_term.emplace(term, e->node);
            INFO("seed " << seed << " term " << term);
            CHECK(it->second == e->node);
            ++elections;
        }
        contested_seeds += leader_of_term.size() > 1 ? 1 : 0;
    }
    CHECK(contested_seeds > 30); // the faults really forced new elections
    CHECK(elections > 100);
}

TEST_CASE("members agree on every committed entry after partitions and crashes") {
    for (uint64_t seed = 1; seed <= 30; ++seed) {
        ConsensusSetup s = servers_only(5, seed);
        add_lock_clients(s, 3);
        s.faults = random_faults(seed * 7, 5, Duration::s(12));
        const auto run = run_consensus(s, TraceLevel::off);
        for (NodeId a = 0; a < 5; ++a) {
            for (NodeId b = a + 1; b < 5; ++b) {
                const Raft& ra = raft_of(*run.world, a);
                const Raft& rb = raft_of(*run.world, b);
                const uint32_t upto = std::min(ra.commit_index(), rb.commit_index());
                for (uint32_t i = 1; i <= upto; ++i) {
                    INFO("seed " << seed << " members " << a << "," << b << " index " << i);
                    REQUIRE(ra.log().term_at(i) == rb.log().term_at(i));
                    REQUIRE(ra.log().at(i).command.request == rb.log().at(i).command.request);
                    REQUIRE(ra.log().at(i).command.op == rb.log().at(i).command.op);
                }
            }
        }
    }
}

TEST_CASE("a leader cut off with a minority steps down and commits nothing while the majority "
          "elects another") {
    ConsensusSetup s = servers_only(5, 3);
    s.spec.network.link.loss_num = 0;
    add_lock_clients(s, 2);
    // Find who leads at 4 s (the run is deterministic), then isolate it with one follower.
    const auto probe = run_consensus(
        [&] {
            auto p = s;
            p.spec.duration = Duration::s(4);
            return p;
        }(),
        TraceLevel::off);
    NodeId leader = no_node;
    for (NodeId m = 0; m < 5; ++m) {
        if (raft_of(*probe.world, m).is_leader()) {
            leader = m;
        }
    }
    REQUIRE(leader != no_node);
    const NodeId buddy = static_cast<NodeId>((leader + 1) % 5);
    std::vector<NodeId> rest;
    for (NodeId m = 0; m < 5; ++m) {
        if (m != leader && m != buddy) {
            rest.push_back(m);
        }
    }
    s.faults = {
        partition_of({{leader, buddy}, rest}, Time::zero() + Duration::s(4), Duration::s(8))};
    const auto run = run_consensus(s);
    const Trace& t = run.world->trace();
    INFO(model_events(t));
    const Time cut = Time::zero() + Duration::s(4);
    const Time healed = cut + Duration::s(8);
    bool stepped_down = false;
    bool other_elected = false;
    for (const TraceEvent& e : t.events()) {
        if (e.kind != TraceKind::model || e.time < cut || e.time >= healed) {
            continue;
        }
        const std::string_view name = t.event_name(e);
        stepped_down = stepped_down || (name == "leader_stepped_down" && e.node == leader &&
                                        t.text_field(e, "reason") == "check_quorum");
        other_elected =
            other_elected || (name == "leader_elected" && e.node != leader && e.node != buddy);
        // Announced events come only with a commit: the cut-off side has none.
        const bool committed_by_minority = (e.node == leader || e.node == buddy) &&
                                           (name == "lease_granted" || name == "lock_granted" ||
                                            name == "lock_released" || name == "lease_revoked");
        CHECK_FALSE(committed_by_minority);
    }
    CHECK(stepped_down);
    CHECK(other_elected);
    // After the heal the old leader caught up: it holds the majority's log.
    const Raft& old = raft_of(*run.world, leader);
    CHECK(old.commit_index() > raft_of(*probe.world, leader).commit_index() + 20);
    CHECK_FALSE(old.is_leader());
}

TEST_CASE("without a majority nobody acquires and the service comes back with it") {
    ConsensusSetup s = basic_setup(LockService::etcd, 2, 50);
    s.spec.duration = Duration::s(30);
    for (ClientSpec& c : s.spec.clients) {
        c.hold = Duration::ms(50);
        c.think = Duration::ms(50);
    }
    // Two of three members die at 5 s and come back at 15 s.
    for (NodeId m : {NodeId(1), NodeId(2)}) {
        Fault crash;
        crash.kind = Fault::Kind::crash;
        crash.node = m;
        crash.trigger = Trigger::at_time_of(Time::zero() + Duration::s(5));
        crash.length = Duration::s(10);
        s.faults.push_back(crash);
    }
    const auto run = run_consensus(s);
    const Trace& t = run.world->trace();
    INFO(model_events(t, 200));
    size_t during = 0;
    size_t after = 0;
    for (const TraceEvent* e : events_named(t, "acquired")) {
        // A holder that acquired just before the crash may finish; nobody starts holding after.
        if (e->time > Time::zero() + Duration::s(6) && e->time < Time::zero() + Duration::s(15)) {
            ++during;
        }
        after += e->time > Time::zero() + Duration::s(16) ? 1 : 0;
    }
    CHECK(during == 0);
    CHECK(after > 10);
    CHECK(verdict(run, "mutual_exclusion") == Verdict::holds);
    CHECK(verdict(run, "resource_safety") == Verdict::holds);
}

TEST_CASE("a follower that missed entries catches up through nextIndex back-off") {
    ConsensusSetup s = servers_only(3, 11);
    s.spec.network.link.loss_num = 0;
    add_lock_clients(s, 2);
    s.spec.duration = Duration::s(12);
    // Member 2 is cut off from everyone from 1 s to 8 s while the others commit entries.
    s.faults = {partition_of({{2}, {0, 1, 3, 4}}, Time::zero() + Duration::s(1), Duration::s(7))};
    const auto run = run_consensus(s, TraceLevel::off);
    const Raft& lagging = raft_of(*run.world, 2);
    uint32_t best = 0;
    for (NodeId m = 0; m < 3; ++m) {
        best = std::max(best, raft_of(*run.world, m).commit_index());
    }
    CHECK(best > 50);
    CHECK(lagging.log().last_index() >= best);
    CHECK(lagging.commit_index() + 2 >= best);
}

TEST_CASE("a leader cut off in a minority answers no linearizable read while the majority does") {
    ConsensusSetup s = servers_only(3, 5);
    s.spec.network.link.loss_num = 0;
    const Time cut = Time::zero() + Duration::s(4);
    // Who leads just before the cut, in the same world without the fault.
    NodeId leader = no_node;
    {
        auto probe = world_with_readers(s, {});
        RandomChooser chooser(s.spec.seed);
        probe->start(chooser);
        probe->run({cut - Duration::ns(1), UINT64_MAX});
        for (NodeId m = 0; m < 3; ++m) {
            leader = raft_of(*probe, m).is_leader() ? m : leader;
        }
    }
    REQUIRE(leader != no_node);
    const NodeId stale_reader = 3;
    const NodeId fresh_reader = 4;
    std::vector<NodeId> majority = {fresh_reader};
    for (NodeId m = 0; m < 3; ++m) {
        if (m != leader) {
            majority.push_back(m);
        }
    }
    auto world = world_with_readers(
        s, {partition_of({{leader, stale_reader}, majority}, cut, Duration::s(10))});
    RandomChooser chooser(s.spec.seed);
    world->start(chooser);
    world->run({cut + Duration::s(9), UINT64_MAX});
    const auto& stale = dynamic_cast<const RecordReader&>(world->node(stale_reader)).answers;
    const auto& fresh = dynamic_cast<const RecordReader&>(world->node(fresh_reader)).answers;
    const auto after_cut = [&](const std::vector<Time>& answers) {
        return std::count_if(answers.begin(), answers.end(), [&](Time t) { return t > cut; });
    };
    CHECK(std::count_if(stale.begin(), stale.end(), [&](Time t) { return t < cut; }) > 60);
    // The old leader still believes it leads for up to two election timeouts: it answers nothing.
    CHECK(after_cut(stale) == 0);
    CHECK(after_cut(fresh) > 100); // two members answer once the majority elected a leader
}
