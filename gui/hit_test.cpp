#include "gui/hit_test.hpp"

#include <algorithm>
#include <cmath>

#include "gui/network_lane.hpp"

namespace lockstep::gui {

bool arrows_drawn(size_t visible_count) {
    return visible_count <= max_drawn_arrows;
}

namespace {

struct Probe {
    const TimelineModel& model;
    const TimelineLayout& layout;
    const TimeView& view;
    float x;
    float y;

    double t_lo() const { return view.time_at(x - mark_tolerance_px); }
    double t_hi() const { return view.time_at(x + mark_tolerance_px); }
    int64_t lo_ns() const { return static_cast<int64_t>(std::floor(t_lo())); }
    int64_t hi_ns() const { return static_cast<int64_t>(std::ceil(t_hi())); }
};

// A bar is at least 2 px wide on screen, however short it is in time.
bool span_under(const Probe& p, const Span& s) {
    const double x0 = p.view.x_of(static_cast<double>(s.begin_ns));
    const double x1 = std::max(p.view.x_of(static_cast<double>(s.end_ns)), x0 + 2);
    return p.x >= x0 - 1 && p.x <= x1 + 1;
}

Hit span_hit(HitKind kind, size_t lane, size_t track, const Span& s) {
    Hit h;
    h.kind = kind;
    h.lane = lane;
    h.track = track;
    h.event = s.begin_event;
    h.end_event = s.end_event;
    h.span = s;
    return h;
}

bool find_overlay(const Probe& p, size_t lane, size_t track, Hit& out) {
    for (const Span& s : p.model.lanes()[lane].tracks[track].overlay_in(p.lo_ns(), p.hi_ns())) {
        if (span_under(p, s)) {
            out = span_hit(HitKind::overlay, lane, track, s);
            return true;
        }
    }
    return false;
}

bool find_mark(const Probe& p, size_t lane, size_t track, Hit& out) {
    double best = mark_tolerance_px + 1;
    for (const Mark& m : p.model.lanes()[lane].tracks[track].marks_in(p.lo_ns(), p.hi_ns())) {
        const double d = std::abs(p.view.x_of(static_cast<double>(m.time_ns)) - p.x);
        if (d <= mark_tolerance_px && d < best) {
            best = d;
            out = Hit{};
            out.kind = HitKind::mark;
            out.lane = lane;
            out.track = track;
            out.event = m.event;
            out.mark = m;
        }
    }
    return best <= mark_tolerance_px;
}

// The last bar under the pointer wins: it is the one painted on top.
bool find_span(const Probe& p, size_t lane, size_t track, Hit& out) {
    bool found = false;
    for (const Span& s : p.model.lanes()[lane].tracks[track].spans_in(p.lo_ns(), p.hi_ns())) {
        if (span_under(p, s)) {
            out = span_hit(HitKind::span, lane, track, s);
            found = true;
        }
    }
    return found;
}

bool find_band(const Probe& p, size_t lane, Hit& out) {
    for (const Span& s : p.model.lanes()[lane].bands_in(p.lo_ns(), p.hi_ns())) {
        if (span_under(p, s)) {
            out = span_hit(HitKind::band, lane, 0, s);
            return true;
        }
    }
    return false;
}

double segment_distance(double px, double py, double x0, double y0, double x1, double y1) {
    const double dx = x1 - x0, dy = y1 - y0;
    const double length2 = dx * dx + dy * dy;
    const double t =
        length2 == 0 ? 0 : std::clamp(((px - x0) * dx + (py - y0) * dy) / length2, 0.0, 1.0);
    return std::hypot(px - (x0 + t * dx), py - (y0 + t * dy));
}

// Arrows run from the sender's lane to the receiver's; only drawn arrows can be hit.
bool find_arrow(const Probe& p, Hit& out) {
    const auto network = p.model.lane_of_kind(LaneKind::network);
    if (!network) {
        return false;
    }
    const Track& track = p.model.lanes()[*network].tracks[network_messages_track];
    const auto visible = track.arrows_in(static_cast<int64_t>(p.view.begin_ns()),
                                         static_cast<int64_t>(p.view.end_ns()));
    if (!arrows_drawn(visible.size())) {
        return false;
    }
    double best = arrow_tolerance_px + 1;
    for (const Arrow& a : visible) {
        const auto from = p.model.lane_of_node(a.from);
        const auto to = p.model.lane_of_node(a.to);
        if (!from || !to) {
            continue;
        }
        const double d = segment_distance(
            p.x, p.y, p.view.x_of(static_cast<double>(a.send_ns)), p.layout.lane_anchor_px(*from),
            p.view.x_of(static_cast<double>(a.end_ns)), p.layout.lane_anchor_px(*to));
        if (d < best) {
            best = d;
            out = Hit{};
            out.kind = HitKind::arrow;
            out.lane = *network;
            out.event = a.send_event;
            out.end_event = a.end_event;
            out.arrow = a;
        }
    }
    return best <= arrow_tolerance_px;
}

bool find_partition(const Probe& p, Hit& out) {
    for (const Span& s : p.model.partitions()) {
        if (span_under(p, s)) {
            out = span_hit(HitKind::partition, 0, 0, s);
            return true;
        }
    }
    return false;
}

Hit hit_in_lanes(const Probe& p) {
    Hit out;
    const auto where = p.layout.at(p.y);
    if (where && where->track) {
        const size_t lane = where->lane, track = *where->track;
        if (find_overlay(p, lane, track, out) || find_mark(p, lane, track, out) ||
            find_span(p, lane, track, out)) {
            return out;
        }
    }
    if (find_arrow(p, out)) {
        return out;
    }
    if (where && find_band(p, where->lane, out)) {
        return out;
    }
    if (find_partition(p, out)) {
        return out;
    }
    return out;
}

} // namespace

Hit hit_test(const TimelineModel& model, const TimelineLayout& layout, const TimeView& view,
             float x_px, float y_px) {
    const Probe p{model, layout, view, x_px, y_px};
    Hit out;
    if (!layout.canvas().contains(x_px, y_px)) {
        return out;
    }
    if (layout.ruler().contains(x_px, y_px)) {
        out.kind = HitKind::ruler;
    } else if (x_px < layout.time_x0_px()) {
        out.kind = HitKind::label;
        if (const auto where = layout.at(y_px)) {
            out.lane = where->lane;
        }
    } else {
        out = hit_in_lanes(p);
    }
    out.time_ns = view.time_at(x_px);
    return out;
}

} // namespace lockstep::gui
