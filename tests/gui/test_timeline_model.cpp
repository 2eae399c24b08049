// The timeline model: lanes, bars, marks, arrows, bands, violations and causal links, from a
// hand-made trace (one of everything) and from the Kleppmann GC-pause run.
#include <catch2/catch.hpp>

#include "gui/client_lane.hpp"
#include "gui/hit_text.hpp"
#include "gui/network_lane.hpp"
#include "gui/resource_lane.hpp"
#include "gui/server_lane.hpp"
#include "tests/gui/gui_fixtures.hpp"

using namespace lockstep;
using namespace lockstep::gui;
using namespace lockstep::gui::test;

namespace {

std::vector<Span> spans_of_style(const Track& t, Style s) {
    std::vector<Span> out;
    for (const Span& span : t.spans) {
        if (span.style == s) {
            out.push_back(span);
        }
    }
    return out;
}

bool has_neighbour(const TimelineModel& m, uint32_t from, Relation r, uint32_t to) {
    for (const Neighbour& n : m.causal().neighbours(from)) {
        if (n.relation == r && n.event == to) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_CASE("lanes come in story order - clients servers resource network clocks") {
    const TimelineModel& m = gc_pause_model();
    std::vector<std::string> names;
    for (const Lane& l : m.lanes()) {
        names.push_back(l.name);
    }
    CHECK(names == std::vector<std::string>{"c1", "c2", "redis", "storage", "network", "clocks"});
    CHECK(m.lanes()[0].kind == LaneKind::client);
    CHECK(m.lanes()[2].kind == LaneKind::server);
    CHECK(m.lanes()[3].kind == LaneKind::resource);
    CHECK(m.lanes()[4].kind == LaneKind::network);
    CHECK(m.lanes()[5].kind == LaneKind::clocks);
}

TEST_CASE("a client lane sets its belief against what the server says") {
    const TimelineModel m = handmade_model();
    const Lane& c1 = m.lanes()[lane_named(m, "c1")];
    const Track& belief = c1.tracks[client_belief_track];
    const auto beliefs = spans_of_style(belief, Style::belief);
    REQUIRE(beliefs.size() == 1);
    CHECK(beliefs[0].begin_ns == ms(4));
    CHECK(beliefs[0].end_ns == ms(30));
    CHECK(beliefs[0].value == 5);
    // The lease expired at 20 ms: from then on c1 believes alone.
    const auto stale = spans_of_style(belief, Style::belief_stale);
    REQUIRE(stale.size() == 1);
    CHECK(stale[0].begin_ns == ms(20));
    CHECK(stale[0].end_ns == ms(30));
    const Track& server = c1.tracks[client_server_track];
    REQUIRE(server.spans.size() == 1);
    CHECK(server.spans[0].begin_ns == ms(2));
    CHECK(server.spans[0].end_ns == ms(20));
    CHECK(server.spans[0].other == 0); // srv
    REQUIRE(c1.bands.size() == 1);
    CHECK(c1.bands[0].style == Style::pause);
    CHECK(c1.bands[0].begin_ns == ms(12));
    CHECK(c1.bands[0].end_ns == ms(25));
}

TEST_CASE("a server lane shows its leases and every event finds a place") {
    const TimelineModel m = handmade_model();
    const Lane& srv = m.lanes()[lane_named(m, "srv")];
    REQUIRE(srv.tracks[server_lease_track].spans.size() == 1);
    const Span& lease = srv.tracks[server_lease_track].spans[0];
    CHECK(lease.style == Style::lease);
    CHECK(lease.other == 1); // held by c1
    CHECK(lease.value == 5);
    CHECK(m.trace().event_name(m.trace().events()[lease.end_event]) == "lock_expired");
    const Lane& c2 = m.lanes()[lane_named(m, "c2")];
    std::vector<Style> styles;
    for (const Mark& mk : c2.tracks[client_events_track].marks) {
        styles.push_back(mk.style);
    }
    CHECK(styles == std::vector<Style>{Style::acquire, Style::clock_step, Style::point,
                                       Style::crash, Style::restart});
    REQUIRE(c2.bands.size() == 1);
    CHECK(c2.bands[0].style == Style::down);
    CHECK(c2.bands[0].begin_ns == ms(40));
    CHECK(c2.bands[0].end_ns == ms(50));
}

TEST_CASE("messages are arrows from send to delivery and lost ones are marked") {
    const TimelineModel m = handmade_model();
    const Lane& net = m.lanes()[lane_named(m, "network")];
    const Track& messages = net.tracks[network_messages_track];
    REQUIRE(messages.arrows.size() == 3);
    CHECK(messages.arrows[0].from == 1);
    CHECK(messages.arrows[0].to == 0);
    CHECK(messages.arrows[0].send_ns == ms(1));
    CHECK(messages.arrows[0].end_ns == ms(2));
    CHECK_FALSE(messages.arrows[0].dropped);
    CHECK(messages.arrows[2].dropped);
    CHECK(messages.arrows[2].end_ns == ms(6));
    REQUIRE(messages.marks.size() == 1);
    CHECK(messages.marks[0].style == Style::drop);
    REQUIRE(m.partitions().size() == 1);
    CHECK(m.partitions()[0].begin_ns == ms(5));
    CHECK(m.partitions()[0].end_ns == ms(8));
}

TEST_CASE("the clock plot shows a step as a jump in the node's offset") {
    const TimelineModel m = handmade_model();
    const Track& plot = m.lanes()[lane_named(m, "clocks")].tracks[0];
    const Series* c2 = nullptr;
    for (const Series& s : plot.series) {
        if (s.label == "c2") {
            c2 = &s;
        }
    }
    REQUIRE(c2 != nullptr);
    // 0 until the step at 9 ms, then +5 ms: the step holds the old value up to its instant.
    REQUIRE(c2->points.size() >= 3);
    CHECK(c2->points[0].value == 0);
    CHECK(c2->points[1].time_ns == ms(9));
    CHECK(c2->points[1].value == 0);
    CHECK(c2->points[2].time_ns == ms(9));
    CHECK(c2->points[2].value == Approx(5.0));
    CHECK(plot.plot_max == Approx(5.0));
}

TEST_CASE("causal neighbours link sends grants beliefs and pauses both ways") {
    const TimelineModel m = handmade_model();
    const Trace& t = m.trace();
    const uint32_t send = find_event(t, "c1", "send");
    const uint32_t deliver = find_event(t, "srv", "deliver");
    const uint32_t grant = find_event(t, "srv", "lock_granted");
    const uint32_t acquired = find_event(t, "c1", "acquired");
    const uint32_t belief_end = find_event(t, "c1", "belief_end");
    const uint32_t expired = find_event(t, "srv", "lock_expired");
    const uint32_t lost = find_event(t, "c2", "send");
    const uint32_t drop = find_event(t, "srv", "drop");
    const uint32_t pause = find_event(t, "c1", "pause_begin");
    const uint32_t resume = find_event(t, "c1", "pause_end");
    CHECK(has_neighbour(m, deliver, Relation::sent_by, send));
    CHECK(has_neighbour(m, send, Relation::delivered_as, deliver));
    CHECK(has_neighbour(m, lost, Relation::dropped_as, drop));
    CHECK(has_neighbour(m, acquired, Relation::granted_by, grant));
    CHECK(has_neighbour(m, acquired, Relation::ended_by, belief_end));
    CHECK(has_neighbour(m, grant, Relation::led_to, acquired));
    CHECK(has_neighbour(m, grant, Relation::ended_by, expired));
    CHECK(has_neighbour(m, expired, Relation::granted_by, grant));
    CHECK(has_neighbour(m, belief_end, Relation::began_with, acquired));
    CHECK(has_neighbour(m, pause, Relation::ended_by, resume));
    // Causes come before effects.
    const auto n = m.causal().neighbours(acquired);
    REQUIRE(n.size() == 2);
    CHECK(n[0].relation == Relation::granted_by);
}

TEST_CASE("the GC-pause violation - the beliefs overlap where the checker says") {
    const TimelineModel& m = gc_pause_model();
    const Trace& t = m.trace();
    REQUIRE(m.violations().size() == 2);
    const ViolationMarker& me = m.violations()[0];
    CHECK(me.property == "mutual_exclusion");
    // c2's whole belief lies inside c1's (paused) one: that is the overlap.
    const uint32_t c2_acquired = find_event(t, "c2", "acquired");
    const uint32_t c2_end = find_event(t, "c2", "belief_end");
    REQUIRE(me.ranges.size() == 1);
    CHECK(me.ranges[0].begin_ns == m.event_time_ns(c2_acquired));
    CHECK(me.ranges[0].end_ns == m.event_time_ns(c2_end));
    for (const char* client : {"c1", "c2"}) {
        const Track& belief = m.lanes()[lane_named(m, client)].tracks[client_belief_track];
        REQUIRE(belief.overlay.size() == 1);
        CHECK(belief.overlay[0].style == Style::belief_overlap);
        CHECK(belief.overlay[0].begin_ns == me.ranges[0].begin_ns);
        CHECK(belief.overlay[0].end_ns == me.ranges[0].end_ns);
    }
    CHECK(m.is_witness(c2_acquired));
    CHECK(focal_witness(me, t) == c2_acquired);
    // c1 believes on after its lease expired at the server.
    const uint32_t expired = find_event(t, "redis", "lock_expired");
    const auto stale =
        spans_of_style(m.lanes()[0].tracks[client_belief_track], Style::belief_stale);
    REQUIRE(stale.size() == 1);
    CHECK(stale[0].begin_ns == m.event_time_ns(expired));
}

TEST_CASE("the GC-pause stale write is marked on the resource lane") {
    const TimelineModel& m = gc_pause_model();
    const ViolationMarker& rs = m.violations()[1];
    CHECK(rs.property == "resource_safety");
    const Track& writes = m.lanes()[lane_named(m, "storage")].tracks[resource_writes_track];
    size_t stale = 0;
    for (const Mark& mk : writes.marks) {
        if (mk.style == Style::write_stale) {
            ++stale;
            CHECK(m.is_witness(mk.event));
            CHECK(m.trace().text_field(m.trace().events()[mk.event], "client") == "c1");
        }
    }
    CHECK(stale == 1);
    const Track& counter = m.lanes()[lane_named(m, "storage")].tracks[resource_counter_track];
    REQUIRE(counter.series.size() == 1);
    // Two accepted writes, both of value 1: an increment was lost.
    CHECK(counter.series[0].points.back().value == 1);
    CHECK(counter.series[0].points.size() == 3);
}

TEST_CASE("culling returns only items that can be visible") {
    const TimelineModel m = handmade_model();
    const Track& net = m.lanes()[lane_named(m, "network")].tracks[network_messages_track];
    CHECK(net.arrows_in(ms(10), ms(20)).empty());
    CHECK(net.arrows_in(ms(2) - 1, ms(2) + 1).size() >= 1); // the first arrow ends in there
    const Track& c1_events = m.lanes()[lane_named(m, "c1")].tracks[client_events_track];
    CHECK(c1_events.marks_in(0, 0).size() == 1); // acquire_start at 0
    CHECK(c1_events.marks_in(1, ms(60)).empty());
}

TEST_CASE("a server lane shows leadership terms from promotion to demotion or a crash") {
    auto t = std::make_shared<Trace>();
    t->set_node_names({"r1", "r2", "c1"});
    const auto model_event = [&](int64_t time_ns, NodeId node, std::string_view name) {
        TraceEvent e;
        e.time = e.local = Time::from_ns(time_ns);
        e.node = node;
        e.kind = TraceKind::model;
        e.name = t->intern(name);
        return e;
    };
    t->add(model_event(0, 2, "acquire_start"), {Field("cycle", 1)});
    t->add(model_event(ms(1), 0, "promoted"));
    t->add(model_event(ms(5), 0, "demoted"));
    t->add(model_event(ms(6), 1, "promoted"));
    TraceEvent crash;
    crash.time = crash.local = Time::from_ns(ms(9));
    crash.node = 1;
    crash.kind = TraceKind::crash;
    t->add(crash);
    t->add(model_event(ms(12), 0, "promoted"));
    const Time end = Time::from_ns(ms(20));
    const TimelineModel m(t, check_trace(*t, end), end);
    const auto terms_of = [&](std::string_view lane) {
        const Lane& l = m.lanes()[lane_named(m, lane)];
        REQUIRE(l.tracks.size() == 3); // leases, leader, events
        CHECK(l.tracks[1].label == "leader");
        std::vector<std::pair<int64_t, int64_t>> out;
        for (const Span& s : l.tracks[1].spans) {
            out.emplace_back(s.begin_ns, s.end_ns);
        }
        return out;
    };
    CHECK(terms_of("r1") ==
          std::vector<std::pair<int64_t, int64_t>>{{ms(1), ms(5)}, {ms(12), ms(20)}});
    CHECK(terms_of("r2") == std::vector<std::pair<int64_t, int64_t>>{{ms(6), ms(9)}});
}

TEST_CASE("a loss window is a band on the network lane from its start to its end") {
    const RunData run =
        run_scenario_for_gui(scenario_run(source_path("scenarios/redis/lost-reply.yaml")));
    REQUIRE(run.ok);
    const TimelineModel m(run.trace, run.report, run.end);
    REQUIRE(m.partitions().size() == 1);
    const Span& loss = m.partitions()[0];
    CHECK(loss.style == Style::loss);
    CHECK(loss.begin_ns == ms(1000));
    CHECK(loss.end_ns == ms(1100));
    CHECK(m.trace().event_name(m.trace().events()[loss.begin_event]) == "loss_begin");
    CHECK(m.trace().event_name(m.trace().events()[loss.end_event]) == "loss_end");
    const Lane& net = m.lanes()[lane_named(m, "network")];
    REQUIRE(net.bands.size() == 1);
    CHECK(net.bands[0].style == Style::loss);
    Hit hover;
    hover.kind = HitKind::partition;
    hover.lane = lane_named(m, "network");
    hover.span = loss;
    CHECK_THAT(describe_hit(m, hover), Catch::Contains("messages from redis to c1 are being lost"));
}
