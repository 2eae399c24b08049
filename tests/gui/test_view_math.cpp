// The view transform, smooth zoom, the canvas layout, hit testing and pointer interaction: the
// geometry of the timeline, without ImGui.
#include <catch2/catch.hpp>

#include "gui/client_lane.hpp"
#include "gui/interaction.hpp"
#include "gui/network_lane.hpp"
#include "gui/resource_lane.hpp"
#include "tests/gui/gui_fixtures.hpp"

using namespace lockstep;
using namespace lockstep::gui;
using namespace lockstep::gui::test;

namespace {

constexpr double s_ns = 1e9;

TimeView view_0_to_100s() {
    TimeView v;
    v.set_limits(0, static_cast<int64_t>(120 * s_ns));
    v.set_canvas(100, 1000);
    v.show(0, 100 * s_ns);
    return v;
}

// The GC-pause run on a 1000 x 600 canvas at (0, 100), showing all of it.
struct Scene {
    const TimelineModel& model = gc_pause_model();
    TimelineLayout layout{model, Rect{0, 100, 1000, 600}};
    TimeView view;

    Scene() {
        view.set_limits(model.begin_ns(), model.end_ns());
        view.set_canvas(layout.time_x0_px(), layout.time_width_px());
        view.fit_all();
    }
    float x_of(int64_t t) const { return static_cast<float>(view.x_of(static_cast<double>(t))); }
    float track_mid(size_t lane, size_t track) const {
        return layout.track_top_px(lane, track) + model.lanes()[lane].tracks[track].height_px / 2;
    }
};

} // namespace

TEST_CASE("time and pixels map both ways") {
    const TimeView v = view_0_to_100s();
    CHECK(v.x_of(50 * s_ns) == Approx(600));
    CHECK(v.time_at(600) == Approx(50 * s_ns));
    CHECK(v.px_per_ns() == Approx(1000 / (100 * s_ns)));
}

TEST_CASE("zooming keeps the time under the pointer where it was") {
    TimeView v = view_0_to_100s();
    const double before = v.time_at(300);
    v.zoom_around(300, 2);
    CHECK(v.span_ns() == Approx(50 * s_ns));
    CHECK(v.time_at(300) == Approx(before));
    v.zoom_around(900, 0.5);
    CHECK(v.span_ns() == Approx(100 * s_ns));
    CHECK(v.time_at(900) == Approx(before + (900 - 300) * 50 * s_ns / 1000));
}

TEST_CASE("panning moves the content with the pointer and stops at the limits") {
    TimeView v = view_0_to_100s();
    v.pan_px(-100); // drag left: later times come into view
    CHECK(v.begin_ns() == Approx(10 * s_ns));
    v.pan_px(1e6); // far right: at most half a screen before the run
    CHECK(v.begin_ns() == Approx(-50 * s_ns));
    v.pan_px(-1e7);
    CHECK(v.end_ns() == Approx(120 * s_ns + 50 * s_ns));
}

TEST_CASE("zoom is clamped to a microsecond and to one and a half runs") {
    TimeView v = view_0_to_100s();
    v.zoom_around(500, 1e12);
    CHECK(v.span_ns() == Approx(TimeView::min_span_ns));
    v.zoom_around(500, 1e-12);
    CHECK(v.span_ns() == Approx(180 * s_ns));
}

TEST_CASE("ensure_visible pans the least it can") {
    TimeView v = view_0_to_100s();
    v.ensure_visible(50 * s_ns, 0.1);
    CHECK(v.begin_ns() == Approx(0));
    v.ensure_visible(115 * s_ns, 0.1);
    CHECK(v.end_ns() == Approx(125 * s_ns));
}

TEST_CASE("smooth zoom ends exactly where the notches say anchored at the pointer") {
    TimeView v = view_0_to_100s();
    ZoomAnimator zoom;
    const double anchor = v.time_at(700);
    zoom.add_notches(2, 700);
    zoom.step(v, 1.0 / 60);
    CHECK(zoom.busy());
    CHECK(v.time_at(700) == Approx(anchor));
    for (int i = 0; i < 120 && zoom.busy(); ++i) {
        zoom.step(v, 1.0 / 60);
    }
    CHECK_FALSE(zoom.busy());
    CHECK(v.span_ns() == Approx(100 * s_ns / std::exp2(2 * ZoomAnimator::notch_log2)));
    CHECK(v.time_at(700) == Approx(anchor));
}

TEST_CASE("the layout stacks lanes below the ruler and finds them again") {
    const Scene s;
    const auto& lanes = s.layout.lanes();
    REQUIRE(lanes.size() == s.model.lanes().size());
    CHECK(s.layout.lane_top_px(0) == Approx(100 + s.layout.metrics().ruler_height_px));
    for (size_t i = 1; i < lanes.size(); ++i) {
        CHECK(lanes[i].top_px == Approx(lanes[i - 1].top_px + lanes[i - 1].height_px));
    }
    for (size_t l = 0; l < lanes.size(); ++l) {
        for (size_t t = 0; t < lanes[l].tracks.size(); ++t) {
            const auto where = s.layout.at(s.track_mid(l, t));
            REQUIRE(where.has_value());
            CHECK(where->lane == l);
            CHECK(where->track == t);
        }
    }
    CHECK_FALSE(s.layout.at(99).has_value());
}

TEST_CASE("scrolling is clamped to the content and reveals a lane") {
    const TimelineModel& m = gc_pause_model();
    TimelineLayout small(m, Rect{0, 0, 800, 120}); // too short for all lanes
    CHECK(small.max_scroll_px() > 0);
    small.set_scroll(-50);
    CHECK(small.scroll_px() == 0);
    small.set_scroll(1e6f);
    CHECK(small.scroll_px() == Approx(small.max_scroll_px()));
    small.set_scroll(0);
    const size_t clocks = m.lanes().size() - 1;
    small.reveal_lane(clocks);
    const float top = small.lane_top_px(clocks);
    CHECK(top >= small.lanes_area().y);
    CHECK(top + small.lanes()[clocks].height_px <= small.lanes_area().bottom() + 0.01f);
}

TEST_CASE("hovering finds the overlap the beliefs marks the ruler and the labels") {
    const Scene s;
    const Trace& t = s.model.trace();
    const ViolationMarker& me = s.model.violations()[0];
    const float mid = (s.x_of(me.ranges[0].begin_ns) + s.x_of(me.ranges[0].end_ns)) / 2;
    const Hit overlap =
        hit_test(s.model, s.layout, s.view, mid, s.track_mid(1, client_belief_track));
    CHECK(overlap.kind == HitKind::overlay);
    CHECK(overlap.event == find_event(t, "c2", "acquired"));
    CHECK(overlap.end_event == find_event(t, "c2", "belief_end"));

    const Hit belief = hit_test(s.model, s.layout, s.view, s.x_of(15'000'000'000),
                                s.track_mid(0, client_belief_track));
    CHECK(belief.kind == HitKind::span);
    CHECK(belief.span.style == Style::belief);
    CHECK(belief.event == find_event(t, "c1", "acquired"));

    const Hit stale = hit_test(s.model, s.layout, s.view, s.x_of(38'000'000'000),
                               s.track_mid(0, client_belief_track));
    CHECK(stale.span.style == Style::belief_stale);

    const uint32_t write = find_event(t, "storage", "write_accepted", 1);
    const size_t storage = lane_named(s.model, "storage");
    const Hit mark = hit_test(s.model, s.layout, s.view, s.x_of(s.model.event_time_ns(write)) + 2,
                              s.track_mid(storage, resource_writes_track));
    CHECK(mark.kind == HitKind::mark);
    CHECK(mark.event == write);
    CHECK(mark.mark.style == Style::write_stale);

    CHECK(hit_test(s.model, s.layout, s.view, 500, 105).kind == HitKind::ruler);
    const Hit label = hit_test(s.model, s.layout, s.view, 20, s.track_mid(2, 0));
    CHECK(label.kind == HitKind::label);
    CHECK(label.lane == 2);
    CHECK(hit_test(s.model, s.layout, s.view, 500, 50).kind == HitKind::none);
    // Empty space in a lane with nothing behind it.
    CHECK_FALSE(hit_test(s.model, s.layout, s.view, s.x_of(100'000'000'000),
                         s.track_mid(1, client_belief_track))
                    .hit_event());
}

TEST_CASE("zoomed in a message is an arrow that can be hovered") {
    Scene s;
    const Trace& t = s.model.trace();
    const uint32_t send = find_event(t, "c1", "send");
    const uint32_t deliver = find_event(t, "redis", "deliver");
    s.view.show(-100'000, 1'000'000); // the first millisecond
    const float x0 = s.x_of(s.model.event_time_ns(send));
    const float x1 = s.x_of(s.model.event_time_ns(deliver));
    const float y0 = s.layout.lane_anchor_px(0);
    const float y1 = s.layout.lane_anchor_px(lane_named(s.model, "redis"));
    // A point on the arrow, away from any mark, in the gap between lanes' tracks.
    const float u = 0.5f;
    const Hit hit = hit_test(s.model, s.layout, s.view, x0 + (x1 - x0) * u, y0 + (y1 - y0) * u);
    CHECK(hit.kind == HitKind::arrow);
    CHECK(hit.event == send);
    CHECK(hit.end_event == deliver);
}

TEST_CASE("a press and release in place clicks - a drag pans and does not") {
    Scene s;
    ZoomAnimator zoom;
    CanvasInteraction ia;
    const float x = s.x_of(15'000'000'000), y = s.track_mid(0, client_belief_track);
    PointerInput in{x, y, true};
    in.pressed = in.down = true;
    CHECK_FALSE(ia.update(in, s.model, s.layout, s.view, zoom).clicked);
    in.pressed = in.down = false;
    in.released = true;
    const auto click = ia.update(in, s.model, s.layout, s.view, zoom);
    REQUIRE(click.clicked);
    CHECK(click.clicked->event == find_event(s.model.trace(), "c1", "acquired"));

    const double begin = s.view.begin_ns();
    PointerInput drag{x, y, true};
    drag.pressed = drag.down = true;
    ia.update(drag, s.model, s.layout, s.view, zoom);
    drag.pressed = false;
    drag.dx_px = 40;
    CHECK(ia.update(drag, s.model, s.layout, s.view, zoom).dragging);
    drag.down = false;
    drag.released = true;
    drag.dx_px = 0;
    CHECK_FALSE(ia.update(drag, s.model, s.layout, s.view, zoom).clicked);
    CHECK(s.view.begin_ns() == Approx(begin - 40 / s.view.px_per_ns()));

    PointerInput wheel{x, y, true};
    wheel.wheel_notches = 1;
    ia.update(wheel, s.model, s.layout, s.view, zoom);
    CHECK(zoom.busy());
}
