#pragma once
// What is under a pixel: an overlapping-belief overlay, a mark, a bar, a message arrow, a band.
// Pure geometry over the model, the layout and the view transform, so hover and click are
// testable without a window.
#include <cstdint>

#include "gui/time_view.hpp"
#include "gui/timeline_layout.hpp"

namespace lockstep::gui {

// Marks are thin: the pointer may miss them by this much.
inline constexpr double mark_tolerance_px = 4.0;
inline constexpr double arrow_tolerance_px = 3.0;
// Beyond this many visible messages arrows are a smear, not information: the view draws send
// ticks in the network lane instead, and hit testing follows suit.
inline constexpr size_t max_drawn_arrows = 3000;

enum class HitKind : uint8_t { none, ruler, label, overlay, mark, span, arrow, band, partition };

struct Hit {
    HitKind kind = HitKind::none;
    size_t lane = 0;
    size_t track = 0;
    uint32_t event = no_event;     // what a click selects
    uint32_t end_event = no_event; // the other end of a bar or an arrow
    double time_ns = 0;            // the time under the pointer
    Span span;                     // for bars, overlays and bands
    Mark mark;
    Arrow arrow;

    bool hit_event() const { return event != no_event; }
};

Hit hit_test(const TimelineModel& model, const TimelineLayout& layout, const TimeView& view,
             float x_px, float y_px);

// Visible arrows (a span of Track::arrows) and whether the view draws them one by one.
bool arrows_drawn(size_t visible_count);

} // namespace lockstep::gui
