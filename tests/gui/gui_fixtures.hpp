#pragma once
// Shared by the GUI tests: the Kleppmann GC-pause run (through the same loader and runner the GUI
// uses), a small hand-made trace with one of every kind of event the timeline draws, and lookups.
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "gui/scenario_source.hpp"
#include "gui/timeline_model.hpp"

namespace lockstep::gui::test {

inline std::string source_path(std::string_view relative) {
    return std::string(LOCKSTEP_SOURCE_DIR) + "/" + std::string(relative);
}

inline std::string gc_pause_path() {
    return source_path("scenarios/kleppmann/gc-pause.yaml");
}

inline const RunData& gc_pause_run() {
    static const RunData run = run_scenario_for_gui(scenario_run(gc_pause_path()));
    if (!run.ok) {
        throw std::runtime_error("gc-pause did not run: " + run.error);
    }
    return run;
}

inline const TimelineModel& gc_pause_model() {
    static const TimelineModel model(gc_pause_run().trace, gc_pause_run().report,
                                     gc_pause_run().end);
    return model;
}

// The index of the n-th event of `node` whose title (model event name, or kind) is `name`.
inline uint32_t find_event(const Trace& trace, std::string_view node, std::string_view name,
                           int nth = 0) {
    for (uint32_t i = 0; i < trace.size(); ++i) {
        const TraceEvent& e = trace.events()[i];
        const bool named = e.kind == TraceKind::model ? trace.event_name(e) == name
                                                      : trace_kind_name(e.kind) == name;
        const bool at_node =
            node.empty() ? e.node == no_node : e.node != no_node && trace.node_name(e.node) == node;
        if (named && at_node && nth-- == 0) {
            return i;
        }
    }
    throw std::runtime_error("no event " + std::string(name) + " at " + std::string(node));
}

inline size_t lane_named(const TimelineModel& model, std::string_view name) {
    for (size_t i = 0; i < model.lanes().size(); ++i) {
        if (model.lanes()[i].name == name) {
            return i;
        }
    }
    throw std::runtime_error("no lane " + std::string(name));
}

inline int64_t ms(int64_t n) {
    return n * 1'000'000;
}

// srv grants c1 a lease (token 5) that expires at 20 ms while c1 believes until 30 ms, paused
// from 12 to 25 ms; c2's request is lost in a partition (5-8 ms); c2's clock steps +5 ms at 9 ms;
// c2 crashes at 40 ms and restarts at 50 ms. The run ends at 60 ms.
inline std::shared_ptr<Trace> handmade_trace() {
    auto t = std::make_shared<Trace>();
    t->set_node_names({"srv", "c1", "c2"});
    const NodeId srv = 0, c1 = 1, c2 = 2;
    const auto at = [&](int64_t time_ns, NodeId node, TraceKind kind, std::string_view name = {},
                        NodeId peer = no_node, uint64_t msg = 0, int64_t offset_ns = 0) {
        TraceEvent e;
        e.time = Time::from_ns(time_ns);
        e.local = Time::from_ns(time_ns + offset_ns);
        e.node = node;
        e.peer = peer;
        e.kind = kind;
        e.name = name.empty() ? 0 : t->intern(name);
        e.msg = msg;
        return e;
    };
    using K = TraceKind;
    t->add(at(0, c1, K::model, "acquire_start"), {Field("cycle", 1)});
    t->add(at(ms(1) / 2, c2, K::model, "acquire_start"), {Field("cycle", 1)});
    t->add(at(ms(1), c1, K::send, "req", srv, 1), {Field("latency_ns", ms(1))});
    t->add(at(ms(2), srv, K::deliver, "req", c1, 1));
    t->add(at(ms(2), srv, K::model, "lock_granted"),
           {Field("key", "lock"), Field("holder", "c1"), Field("token", 5)});
    t->add(at(ms(3), srv, K::send, "reply", c1, 2), {Field("latency_ns", ms(1))});
    t->add(at(ms(4), c1, K::deliver, "reply", srv, 2));
    t->add(at(ms(4), c1, K::model, "acquired"), {Field("cycle", 1), Field("token", 5)});
    t->add(at(ms(5), no_node, K::partition), {Field("rule", 1), Field("one_way", false)});
    t->add(at(ms(5), c2, K::send, "req", srv, 3));
    t->add(at(ms(6), srv, K::drop, "req", c2, 3), {Field("reason", "partition")});
    t->add(at(ms(8), no_node, K::heal), {Field("rule", 0)});
    t->add(at(ms(9), c2, K::clock_step, {}, no_node, 0, ms(5)), {Field("by_ns", ms(5))});
    t->add(at(ms(10), c2, K::point, "after_check", no_node, 0, ms(5)));
    t->add(at(ms(12), c1, K::pause_begin), {Field("for_ns", ms(13))});
    t->add(at(ms(20), srv, K::model, "lock_expired"),
           {Field("key", "lock"), Field("holder", "c1")});
    t->add(at(ms(25), c1, K::pause_end));
    t->add(at(ms(30), c1, K::model, "belief_end"),
           {Field("cycle", 1), Field("token", 5), Field("reason", "expired")});
    t->add(at(ms(40), c2, K::crash, {}, no_node, 0, ms(5)));
    t->add(at(ms(50), c2, K::restart, {}, no_node, 0, ms(5)));
    return t;
}

inline TimelineModel handmade_model() {
    auto trace = handmade_trace();
    const Time end = Time::from_ns(ms(60));
    Report report = check_trace(*trace, end);
    return TimelineModel(trace, std::move(report), end);
}

} // namespace lockstep::gui::test
