#pragma once
// Shared by the model tests: build a SystemSpec into a World, run it to its duration with a
// seeded RandomChooser and a full trace, judge it with the checker, and ask the trace small
// questions (which events happened where, with which fields). Faults address nodes by name.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "checker/report.hpp"
#include "checker/timeline.hpp"
#include "models/build.hpp"
#include "models/spec.hpp"
#include "sim/trace_io.hpp"
#include "sim/world.hpp"

namespace lockstep::model_test {

struct RunOutput {
    std::unique_ptr<World> world;
    Report report;

    const Trace& trace() const { return world->trace(); }
    Verdict verdict(std::string_view property) const { return report.property(property)->verdict; }
    bool overlap() const { return verdict("mutual_exclusion") == Verdict::violated; }
};

inline RunOutput run_system(const SystemSpec& spec, const FaultPlan& faults = {}) {
    RunOutput out;
    out.world = build_world(spec, faults, TraceLevel::full);
    RandomChooser chooser(spec.seed);
    out.world->start(chooser);
    out.world->run({Time::zero() + spec.duration, UINT64_MAX});
    out.report = check_trace(out.world->trace(), out.world->now());
    return out;
}

// Determinism (DESIGN principle 13): runs `spec` to `split`, copies the world (every node
// cloned), then runs the original and the copy to the end on equally seeded choosers. Returns
// whether their traces and fingerprints agree, and the original's trace hash.
struct CopyCheck {
    bool same = false;
    uint64_t hash = 0;
};
inline CopyCheck run_and_copy_at(const SystemSpec& spec, const FaultPlan& faults, Duration split) {
    auto world = build_world(spec, faults, TraceLevel::full);
    RandomChooser chooser(spec.seed);
    world->start(chooser);
    world->run({Time::zero() + split, UINT64_MAX});
    World copy(*world);
    RandomChooser a(spec.seed + 1), b(spec.seed + 1);
    world->set_chooser(a);
    copy.set_chooser(b);
    const RunLimits end{Time::zero() + spec.duration, UINT64_MAX};
    world->run(end);
    copy.run(end);
    const uint64_t hash = trace_hash(world->trace());
    return {hash == trace_hash(copy.trace()) && world->fingerprint() == copy.fingerprint(), hash};
}

// The id build_world() gives the node called `name`.
inline NodeId node_id(const SystemSpec& spec, std::string_view name) {
    const std::vector<std::string> names = node_names(spec);
    for (size_t i = 0; i < names.size(); ++i) {
        if (names[i] == name) {
            return static_cast<NodeId>(i);
        }
    }
    throw std::invalid_argument("no node named " + std::string(name));
}

inline Time at(Duration d) {
    return Time::zero() + d;
}

// --- faults ---

inline Fault pause_at_point(const SystemSpec& spec, std::string_view node, std::string point,
                            Duration length) {
    Fault f;
    f.kind = Fault::Kind::pause;
    f.node = node_id(spec, node);
    f.trigger = Trigger::at_point_of(f.node, std::move(point));
    f.length = length;
    return f;
}

// Crashes `node` at `when`; it restarts `restart_after` later (Duration::max(): never).
inline Fault crash_at(const SystemSpec& spec, std::string_view node, Trigger when,
                      Duration restart_after) {
    Fault f;
    f.kind = Fault::Kind::crash;
    f.node = node_id(spec, node);
    f.trigger = std::move(when);
    f.length = restart_after;
    return f;
}

inline Fault clock_step_at(const SystemSpec& spec, std::string_view node, Duration when,
                           Duration by) {
    Fault f;
    f.kind = Fault::Kind::clock_step;
    f.node = node_id(spec, node);
    f.trigger = Trigger::at_time_of(at(when));
    f.amount = by;
    return f;
}

// From `when` on, both clocks of `node` run at `drift_ppm` (+20000: 2% fast). A fault rather than
// a ClockSpec, so that the trace records the rate (clock_rate) for whoever reads it.
inline Fault clock_drift_at(const SystemSpec& spec, std::string_view node, Duration when,
                            int64_t drift_ppm) {
    Fault f;
    f.kind = Fault::Kind::clock_drift;
    f.node = node_id(spec, node);
    f.trigger = Trigger::at_time_of(at(when));
    f.drift_ppm = drift_ppm;
    return f;
}

// From time zero on, `a` and `b` cannot reach each other.
inline Fault partition(const SystemSpec& spec, const std::vector<std::string>& a,
                       const std::vector<std::string>& b) {
    Fault f;
    f.kind = Fault::Kind::partition;
    f.trigger = Trigger::at_time_of(Time::zero());
    for (const auto* side : {&a, &b}) {
        std::vector<NodeId> group;
        for (const std::string& name : *side) {
            group.push_back(node_id(spec, name));
        }
        f.groups.push_back(group);
    }
    return f;
}

// --- trace questions ---

// Model events called `event`, optionally only those of node `node`.
inline std::vector<const TraceEvent*> events_named(const Trace& t, std::string_view event,
                                                   std::string_view node = {}) {
    std::vector<const TraceEvent*> out;
    for (const TraceEvent& e : t.events()) {
        if (e.kind == TraceKind::model && t.event_name(e) == event &&
            (node.empty() || t.node_name(e.node) == node)) {
            out.push_back(&e);
        }
    }
    return out;
}

inline size_t count_events(const Trace& t, std::string_view event, std::string_view node = {}) {
    return events_named(t, event, node).size();
}

// The beliefs (acquired until released, lost or crashed) of client `node`.
inline std::vector<Belief> beliefs_of(const RunOutput& run, std::string_view node) {
    const Facts facts = extract_facts(run.trace(), run.world->now());
    std::vector<Belief> out;
    for (const Belief& b : facts.beliefs) {
        if (run.trace().node_name(b.client) == node) {
            out.push_back(b);
        }
    }
    return out;
}

// Whether every belief of `node` ended before the validity its acquisition reported ran out,
// i.e. the client itself respected its lease (clients here run on true-time clocks).
inline bool stayed_within_validity(const RunOutput& run, std::string_view node) {
    const Trace& t = run.trace();
    for (const Belief& b : beliefs_of(run, node)) {
        const int64_t validity_ns = t.integer(t.events()[b.begin_event], "validity_ns", -1);
        if (validity_ns < 0 || b.end > b.begin + Duration::ns(validity_ns)) {
            return false;
        }
    }
    return true;
}

} // namespace lockstep::model_test
