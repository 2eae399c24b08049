// The tracks' items: bars, marks and plots. Items come culled to the visible time range from
// the model, and sub-pixel items of one style merge into one rectangle, so a frame costs about
// one primitive per pixel column per track however long the run is.
#include <algorithm>
#include <cmath>
#include <string>

#include "gui/event_text.hpp"
#include "gui/view_parts.hpp"

namespace lockstep::gui {
namespace {

struct Row {
    float left, right; // the time area's x range
    float top, bottom;
};

struct PendingRect {
    float x0 = 0, x1 = -1;
    Style style = Style::belief;
    bool active = false;
};

void flush(ImDrawList* dl, PendingRect& p, const Row& row) {
    if (p.active) {
        dl->AddRectFilled({p.x0, row.top}, {p.x1, row.bottom}, imu32(style_colour(p.style)));
        p.active = false;
    }
}

std::string span_label(const Trace& trace, const Span& s) {
    const std::string token = s.value >= 0 ? "token " + std::to_string(s.value) : "";
    switch (s.style) {
    case Style::lease: return std::string(trace.node_name(s.other)) + "  " + token;
    case Style::leader_term: return s.value >= 0 ? "term " + std::to_string(s.value) : "leader";
    case Style::belief_overlap: return "overlaps " + std::string(trace.node_name(s.other));
    case Style::belief_stale: return "no server agrees";
    default: return token;
    }
}

void label_span(ImDrawList* dl, const Trace& trace, const Span& s, float x0, float x1,
                const Row& row) {
    const std::string text = span_label(trace, s);
    const float left = std::max(x0, row.left) + 3;
    ImFont* font = font_fitting(row.bottom - row.top + 1);
    if (text.empty() || font == nullptr) {
        return;
    }
    const ImVec2 extent = font->CalcTextSizeA(font->FontSize, 1e9f, 0, text.c_str());
    if (std::min(x1, row.right) - left < extent.x + 3) {
        return;
    }
    dl->AddText(font, font->FontSize, {left, row.top + (row.bottom - row.top - extent.y) / 2},
                IM_COL32(10, 12, 16, 255), text.c_str());
}

void draw_spans(ImDrawList* dl, const Trace& trace, std::span<const Span> spans,
                const TimeView& view, const Row& row) {
    PendingRect pending;
    for (const Span& s : spans) {
        if (over_budget(dl)) {
            break;
        }
        float x0 = static_cast<float>(view.x_of(static_cast<double>(s.begin_ns)));
        float x1 = static_cast<float>(view.x_of(static_cast<double>(s.end_ns)));
        if (x1 < row.left || x0 > row.right) {
            continue;
        }
        x0 = std::max(x0, row.left - 1);
        x1 = std::min(std::max(x1, x0 + 1), row.right + 1);
        const bool thin = x1 - x0 < 2;
        if (thin && pending.active && pending.style == s.style && x0 <= pending.x1 + 0.5f) {
            pending.x1 = std::max(pending.x1, x1);
            continue;
        }
        flush(dl, pending, row);
        pending = {x0, x1, s.style, true};
        if (!thin) {
            flush(dl, pending, row);
            label_span(dl, trace, s, x0, x1, row);
        }
    }
    flush(dl, pending, row);
}

void draw_cross(ImDrawList* dl, float x, const Row& row, ImU32 colour) {
    const float h = std::min(4.0f, (row.bottom - row.top) / 2);
    const float y = (row.top + row.bottom) / 2;
    dl->AddLine({x - h, y - h}, {x + h, y + h}, colour, 1.5f);
    dl->AddLine({x - h, y + h}, {x + h, y - h}, colour, 1.5f);
}

void draw_mark(ImDrawList* dl, const Mark& m, float x, const Row& row) {
    const ImU32 colour = imu32(style_colour(m.style));
    switch (m.style) {
    case Style::crash:
    case Style::drop:
    case Style::write_rejected: draw_cross(dl, x, row, colour); return;
    case Style::clock_step: {
        const float y = (row.top + row.bottom) / 2, r = 4;
        dl->AddQuadFilled({x, y - r}, {x + r, y}, {x, y + r}, {x - r, y}, colour);
        return;
    }
    case Style::write_stale:
        dl->AddRectFilled({x - 2, row.top - 2}, {x + 2, row.bottom + 2}, colour);
        return;
    default: dl->AddRectFilled({x - 0.5f, row.top}, {x + 1.5f, row.bottom}, colour); return;
    }
}

// Names of program points and tokens of writes, where there is room before the next mark.
void label_mark(ImDrawList* dl, const Trace& trace, const Mark& m, float x, float room,
                const Row& row) {
    std::string text;
    if (m.style == Style::point) {
        text = std::string(trace.event_name(trace.events()[m.event]));
    } else if (m.value >= 0) {
        text = std::to_string(m.value);
    }
    ImFont* font = font_fitting(std::min(11.0f, row.bottom - row.top + 1));
    if (text.empty() || font == nullptr) {
        return;
    }
    const ImVec2 extent = font->CalcTextSizeA(font->FontSize, 1e9f, 0, text.c_str());
    if (extent.x + 8 < room) {
        dl->AddText(font, font->FontSize, {x + 4, row.top + (row.bottom - row.top - extent.y) / 2},
                    imu32(label_text, 190), text.c_str());
    }
}

void draw_marks(ImDrawList* dl, const Trace& trace, std::span<const Mark> marks,
                const TimeView& view, const Row& row) {
    int last_column = INT32_MIN;
    Style last_style = Style::point;
    for (size_t i = 0; i < marks.size() && !over_budget(dl); ++i) {
        const Mark& m = marks[i];
        const float x = static_cast<float>(view.x_of(static_cast<double>(m.time_ns)));
        const int column = static_cast<int>(std::floor(x));
        if (column == last_column && m.style == last_style) {
            continue; // one mark per pixel column and style is all the eye can see
        }
        last_column = column;
        last_style = m.style;
        draw_mark(dl, m, x, row);
        const float next =
            i + 1 < marks.size()
                ? static_cast<float>(view.x_of(static_cast<double>(marks[i + 1].time_ns)))
                : row.right;
        label_mark(dl, trace, m, x, next - x, row);
    }
}

} // namespace

void draw_tracks(ImDrawList* dl, const TimelineModel& model, const TimelineLayout& layout,
                 const TimeView& view) {
    const auto begin = static_cast<int64_t>(std::floor(view.begin_ns()));
    const auto end = static_cast<int64_t>(std::ceil(view.end_ns()));
    const Rect area = layout.time_area();
    for (size_t l = 0; l < model.lanes().size(); ++l) {
        const Lane& lane = model.lanes()[l];
        const float lane_top = layout.lane_top_px(l);
        if (lane_top > area.bottom() || lane_top + layout.lanes()[l].height_px < area.y) {
            continue; // scrolled out of sight
        }
        for (size_t t = 0; t < lane.tracks.size(); ++t) {
            const Track& track = lane.tracks[t];
            const float top = layout.track_top_px(l, t);
            const Row row{area.x, area.right(), top, top + track.height_px};
            if (track.kind == TrackKind::plot) {
                draw_plot(dl, track, view, row.left, row.right, row.top, row.bottom);
                continue;
            }
            draw_spans(dl, model.trace(), track.spans_in(begin, end), view, row);
            draw_spans(dl, model.trace(), track.overlay_in(begin, end), view, row);
            draw_marks(dl, model.trace(), track.marks_in(begin, end), view, row);
        }
    }
}

} // namespace lockstep::gui
