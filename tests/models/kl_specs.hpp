#pragma once
// Programmatic versions of the Redis single-node literature scenarios (LITERATURE.md KL-*, RD-1),
// for tests that do not go through YAML.
#include "checker/report.hpp"
#include "checker/timeline.hpp"
#include "models/build.hpp"
#include "models/spec.hpp"
#include "sim/world.hpp"

namespace lockstep::test {

struct RunOutput {
    std::unique_ptr<World> world;
    Report report;
};

inline RunOutput run_spec(const SystemSpec& spec, const FaultPlan& faults) {
    RunOutput out;
    out.world = build_world(spec, faults, TraceLevel::full);
    RandomChooser chooser(spec.seed);
    out.world->start(chooser);
    out.world->run({Time::zero() + spec.duration, UINT64_MAX});
    out.report = check_trace(out.world->trace(), out.world->now());
    return out;
}

inline Verdict verdict_of(const Report& r, std::string_view property) {
    return r.property(property)->verdict;
}

// KL-1: C1 acquires a 30 s lease, pauses 40 s right after acquiring; C2 starts at 5 s and
// retries every second.
inline SystemSpec kleppmann_gc_pause(FencingMode fencing) {
    SystemSpec spec;
    spec.name = "kleppmann-gc-pause";
    spec.duration = Duration::s(120);
    spec.lock.ttl = Duration::s(30);
    spec.lock.redis.fencing_counter = true;
    spec.lock.redis.first_token = 33;
    spec.resource.fencing = fencing;
    spec.network.link.latency = LatencySpec::uniform_of(Duration::us(500), Duration::ms(1));
    ClientSpec c1;
    c1.name = "c1";
    c1.hold = Duration::s(1);
    ClientSpec c2 = c1;
    c2.name = "c2";
    c2.start = Duration::s(5);
    c2.retry_delay = Duration::s(1);
    spec.clients = {c1, c2};
    return spec;
}

inline Fault pause_at_point(NodeId node, const char* point, Duration length) {
    Fault f;
    f.kind = Fault::Kind::pause;
    f.node = node;
    f.trigger = Trigger::at_point_of(node, point);
    f.length = length;
    return f;
}

} // namespace lockstep::test
