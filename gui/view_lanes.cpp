// The lanes' furniture: backgrounds, grid, bands behind the tracks (pauses, downtime,
// partitions, the overlap of beliefs), labels, the witness markers and the selection marker.
#include <algorithm>
#include <cmath>
#include <string>

#include "gui/view_parts.hpp"

namespace lockstep::gui {
namespace {

struct XSpan {
    float x0, x1;
};

// A time span on screen, at least `min_px` wide so that a short span still shows.
XSpan screen_span(const TimeView& view, int64_t begin_ns, int64_t end_ns, float min_px) {
    float x0 = static_cast<float>(view.x_of(static_cast<double>(begin_ns)));
    float x1 = static_cast<float>(view.x_of(static_cast<double>(end_ns)));
    if (x1 - x0 < min_px) {
        const float mid = (x0 + x1) / 2;
        x0 = mid - min_px / 2;
        x1 = mid + min_px / 2;
    }
    return {x0, x1};
}

bool lane_visible(const TimelineLayout& layout, size_t lane) {
    const float top = layout.lane_top_px(lane);
    const Rect area = layout.lanes_area();
    return top < area.bottom() && top + layout.lanes()[lane].height_px > area.y;
}

} // namespace

// Lanes are told apart by a line between them and a stripe behind every other label; the time
// area itself stays the clear colour. Filling it would cost a quarter of the frame under a
// software rasteriser (Mesa llvmpipe), for a tint.
void draw_lane_backgrounds(ImDrawList* dl, const TimelineModel& model,
                           const TimelineLayout& layout) {
    const Rect area = layout.lanes_area();
    const float w = layout.metrics().label_width_px;
    for (size_t i = 1; i < model.lanes().size(); i += 2) {
        if (!lane_visible(layout, i)) {
            continue;
        }
        const float top = layout.lane_top_px(i);
        dl->AddRectFilled({area.x, top}, {area.x + w, top + layout.lanes()[i].height_px},
                          imu32(lane_background_odd));
    }
}

void draw_grid(ImDrawList* dl, const TimelineLayout& layout, const TimeView& view) {
    const double step = ruler_step_ns(view, 110);
    const Rect area = layout.time_area();
    for (double t = std::ceil(view.begin_ns() / step) * step; t <= view.end_ns(); t += step) {
        const float x = std::round(static_cast<float>(view.x_of(t)));
        dl->AddLine({x, area.y}, {x, area.bottom()}, imu32(grid_line));
    }
}

void draw_lane_bands(ImDrawList* dl, const TimelineModel& model, const TimelineLayout& layout,
                     const TimeView& view) {
    const auto begin = static_cast<int64_t>(view.begin_ns());
    const auto end = static_cast<int64_t>(view.end_ns()) + 1;
    const Rect area = layout.time_area();
    for (const Span& p : model.partitions()) {
        const XSpan x = screen_span(view, p.begin_ns, p.end_ns, 2);
        dl->AddRectFilled({x.x0, area.y}, {x.x1, area.bottom()}, imu32(style_colour(p.style)));
    }
    // The overlap of beliefs, faintly across every lane: the instants the violation spans.
    for (const BeliefOverlap& o : model.overlaps()) {
        const XSpan x = screen_span(view, o.begin_ns, o.end_ns, 2);
        dl->AddRectFilled({x.x0, area.y}, {x.x1, area.bottom()}, imu32(violation_colour, 36));
    }
    for (size_t i = 0; i < model.lanes().size(); ++i) {
        if (!lane_visible(layout, i)) {
            continue;
        }
        const float top = layout.lane_top_px(i);
        const float bottom = top + layout.lanes()[i].height_px;
        for (const Span& s : model.lanes()[i].bands_in(begin, end)) {
            const XSpan x = screen_span(view, s.begin_ns, s.end_ns, 2);
            dl->AddRectFilled({x.x0, top}, {x.x1, bottom}, imu32(style_colour(s.style)));
        }
    }
}

void draw_labels(ImDrawList* dl, const TimelineModel& model, const TimelineLayout& layout) {
    const Rect area = layout.lanes_area();
    const float w = layout.metrics().label_width_px;
    dl->AddLine({area.x + w, area.y}, {area.x + w, area.bottom()}, imu32(grid_line));
    ImFont* font = small_font();
    for (size_t i = 0; i < model.lanes().size(); ++i) {
        if (!lane_visible(layout, i)) {
            continue;
        }
        const Lane& lane = model.lanes()[i];
        const float top = layout.lane_top_px(i);
        dl->AddText({area.x + 6, top + 2}, imu32(label_text), lane.name.c_str());
        for (size_t t = 0; t < lane.tracks.size(); ++t) {
            const float y = layout.track_top_px(i, t);
            const float h = lane.tracks[t].height_px;
            const std::string& label = lane.tracks[t].label;
            const ImVec2 text = font->CalcTextSizeA(font->FontSize, 1e9f, 0, label.c_str());
            dl->AddText(font, font->FontSize, {area.x + w - text.x - 6, y + (h - text.y) / 2},
                        imu32(label_text, 140), label.c_str());
        }
        dl->AddLine({area.x, top}, {area.right(), top}, imu32(grid_line));
    }
}

// A small violation-coloured triangle above each witness event, in its lane's top padding.
void draw_witnesses(ImDrawList* dl, const TimelineModel& model, const TimelineLayout& layout,
                    const TimeView& view) {
    for (const ViolationMarker& v : model.violations()) {
        for (uint32_t w : v.witness) {
            const auto lane = model.lane_of_event(w);
            if (!lane) {
                continue;
            }
            const float x =
                static_cast<float>(view.x_of(static_cast<double>(model.event_time_ns(w))));
            const float top = layout.lane_top_px(*lane);
            dl->AddTriangleFilled({x - 4, top}, {x + 4, top}, {x, top + 5},
                                  imu32(violation_colour));
        }
    }
}

// A vertical marker through the event's lane, and a ring at its time on the lane's top edge.
void draw_event_marker(ImDrawList* dl, const TimelineModel& model, const TimelineLayout& layout,
                       const TimeView& view, uint32_t event, ImU32 colour) {
    const auto lane = model.lane_of_event(event);
    if (!lane) {
        return;
    }
    const float x = static_cast<float>(view.x_of(static_cast<double>(model.event_time_ns(event))));
    const float top = layout.lane_top_px(*lane);
    const float bottom = top + layout.lanes()[*lane].height_px;
    dl->AddLine({x, top}, {x, bottom}, colour, 1.5f);
    dl->AddRect({x - 4, top + 1}, {x + 4, bottom - 1}, colour, 2.0f, 0, 1.5f);
}

} // namespace lockstep::gui
