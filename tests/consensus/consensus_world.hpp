#pragma once
// Worlds for the consensus-backed lock tests, built the way build.cpp will build them: the servers
// from add_consensus_servers(), then the resource, then the clients with their drivers.
#include <memory>
#include <string>
#include <vector>

#include "checker/report.hpp"
#include "checker/timeline.hpp"
#include "models/build_consensus.hpp"
#include "models/client.hpp"
#include "models/etcd_server.hpp"
#include "models/resource.hpp"
#include "models/zookeeper_server.hpp"
#include "sim/world.hpp"

namespace lockstep::test {

struct ConsensusSetup {
    SystemSpec spec;
    ConsensusSpec consensus;
    FaultPlan faults;
};

struct ConsensusRun {
    std::unique_ptr<World> world;
    Report report;
    uint32_t servers = 0;
    NodeId storage = no_node;
    NodeId first_client = no_node;
};

inline uint32_t member_count(const ConsensusSetup& s) {
    return s.spec.lock.service == LockService::etcd ? s.consensus.etcd.raft.members
                                                    : s.consensus.zookeeper.raft.members;
}

inline std::unique_ptr<World> build_consensus_world(const ConsensusSetup& s, TraceLevel level) {
    auto world = std::make_unique<World>(s.spec.network, level);
    const auto first_server = static_cast<NodeId>(world->node_count());
    add_consensus_servers(s.spec, s.consensus, *world);
    NodeId resource = no_node;
    if (s.spec.resource.enabled) {
        resource =
            world->add_node("storage", std::make_unique<ResourceNode>(s.spec.resource.fencing));
    }
    for (const ClientSpec& c : s.spec.clients) {
        const auto self = static_cast<NodeId>(world->node_count());
        auto driver = make_consensus_driver(s.spec, s.consensus, c, first_server, self);
        world->add_node(
            c.name, std::make_unique<LockClient>(c, std::move(driver), resource, s.spec.lock.ttl));
    }
    world->set_fault_plan(s.faults);
    return world;
}

inline ConsensusRun run_consensus(const ConsensusSetup& s, TraceLevel level = TraceLevel::full) {
    ConsensusRun out;
    out.servers = member_count(s);
    out.storage = s.spec.resource.enabled ? static_cast<NodeId>(out.servers) : no_node;
    out.first_client = static_cast<NodeId>(out.servers + (s.spec.resource.enabled ? 1 : 0));
    out.world = build_consensus_world(s, level);
    RandomChooser chooser(s.spec.seed);
    out.world->start(chooser);
    out.world->run({Time::zero() + s.spec.duration, UINT64_MAX});
    if (level != TraceLevel::off) {
        out.report = check_trace(out.world->trace(), out.world->now());
    }
    return out;
}

inline const Raft& raft_of(const World& world, LockService service, NodeId id) {
    if (service == LockService::etcd) {
        return dynamic_cast<const EtcdServer&>(world.node(id)).raft();
    }
    return dynamic_cast<const ZooKeeperServer&>(world.node(id)).raft();
}

// Who leads at `at` in this setup: runs are deterministic, so a run cut at `at` (with the faults
// planned so far) tells which member a fault at `at` should hit.
inline NodeId leader_at(ConsensusSetup s, Time at) {
    s.spec.duration = at - Time::zero() - Duration::ns(1);
    const auto probe = run_consensus(s, TraceLevel::off);
    for (NodeId m = 0; m < probe.servers; ++m) {
        if (raft_of(*probe.world, s.spec.lock.service, m).is_leader()) {
            return m;
        }
    }
    return no_node;
}

inline Fault crash_of(NodeId node, Time at, Duration length) {
    Fault f;
    f.kind = Fault::Kind::crash;
    f.node = node;
    f.trigger = Trigger::at_time_of(at);
    f.length = length;
    return f;
}

inline Verdict verdict(const ConsensusRun& r, std::string_view property) {
    return r.report.property(property)->verdict;
}

// Model events named `name`, optionally only those whose text field `key` equals `value`.
inline std::vector<const TraceEvent*> events_named(const Trace& t, std::string_view name,
                                                   std::string_view key = {},
                                                   std::string_view value = {}) {
    std::vector<const TraceEvent*> out;
    for (const TraceEvent& e : t.events()) {
        if (e.kind == TraceKind::model && t.event_name(e) == name &&
            (key.empty() || t.text_field(e, key) == value)) {
            out.push_back(&e);
        }
    }
    return out;
}

inline size_t count_named(const Trace& t, std::string_view name, std::string_view key = {},
                          std::string_view value = {}) {
    return events_named(t, name, key, value).size();
}

// The model events of a run as text, for INFO() when a check fails.
inline std::string model_events(const Trace& t, size_t limit = 400) {
    std::string out;
    size_t n = 0;
    for (const TraceEvent& e : t.events()) {
        if (e.kind != TraceKind::model && e.kind != TraceKind::pause_begin &&
            e.kind != TraceKind::pause_end && e.kind != TraceKind::partition &&
            e.kind != TraceKind::heal && e.kind != TraceKind::crash) {
            continue;
        }
        if (++n > limit) {
            break;
        }
        out += format_time(e.time) + " " + std::string(t.node_name(e.node)) + " " +
               (e.kind == TraceKind::model ? std::string(t.event_name(e))
                                           : std::string(trace_kind_name(e.kind)));
        for (const TraceField* f = t.fields_begin(e); f != t.fields_end(e); ++f) {
            out += " " + std::string(t.text(f->key)) + "=";
            out += f->value.type == FieldValue::Type::text
                       ? std::string(t.text(uint32_t(f->value.number)))
                       : std::to_string(f->value.number);
        }
        out += "\n";
    }
    return out;
}

// A client that acquires `cycles` times, holding `hold` each time, in a same-datacenter network.
inline ClientSpec client_named(std::string name, Duration start, uint32_t cycles, Duration hold) {
    ClientSpec c;
    c.name = std::move(name);
    c.start = start;
    c.cycles = cycles;
    c.hold = hold;
    c.think = Duration::ms(100);
    c.retry_delay = Duration::ms(200);
    return c;
}

inline ConsensusSetup basic_setup(LockService service, uint32_t clients, uint32_t cycles) {
    ConsensusSetup s;
    s.spec.name = "consensus";
    s.spec.lock.service = service;
    s.spec.duration = Duration::s(60);
    s.spec.network.link.latency = LatencySpec::uniform_of(Duration::us(400), Duration::us(600));
    for (uint32_t i = 0; i < clients; ++i) {
        s.spec.clients.push_back(client_named("c" + std::to_string(i + 1),
                                              Duration::s(3) + Duration::ms(7 * i), cycles,
                                              Duration::ms(200)));
    }
    return s;
}

inline Fault pause_of(NodeId node, Trigger trigger, Duration length) {
    Fault f;
    f.kind = Fault::Kind::pause;
    f.node = node;
    f.trigger = std::move(trigger);
    f.length = length;
    return f;
}

inline Fault partition_of(std::vector<std::vector<NodeId>> groups, Time at, Duration heal_after) {
    Fault f;
    f.kind = Fault::Kind::partition;
    f.trigger = Trigger::at_time_of(at);
    f.groups = std::move(groups);
    f.heal_after = heal_after;
    return f;
}

// The id of the index-th client: after the members and the storage.
inline NodeId client_id(const ConsensusSetup& s, uint32_t index) {
    return static_cast<NodeId>(member_count(s) + (s.spec.resource.enabled ? 1 : 0) + index);
}

// When the first event named `name` (with `key` = `value`, if given) happened; never if none.
inline Time first_time(const Trace& t, std::string_view name, std::string_view key = {},
                       std::string_view value = {}) {
    const auto events = events_named(t, name, key, value);
    return events.empty() ? Time::never() : events.front()->time;
}

} // namespace lockstep::test
