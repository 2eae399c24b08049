#pragma once
// Where the window's parts go, as a pure function of the window size: the toolbar on top, one or
// two timelines (the run, and the run it is compared with) with a header line each, the event
// log below them, and the side panel (selection, what-if) on the right. Fixed, so that a
// screenshot test can compute where things are drawn.
#include <cstddef>

#include "gui/rect.hpp"

namespace lockstep::gui {

struct PaneRects {
    Rect header; // the run's title and verdicts
    Rect canvas; // the timeline
};

struct AppLayout {
    Rect toolbar;
    PaneRects panes[2];
    size_t pane_count = 1;
    Rect log;
    Rect side;
};

inline constexpr float toolbar_height_px = 62;
inline constexpr float pane_header_height_px = 22;
inline constexpr float side_width_px = 360;

AppLayout compute_app_layout(float width_px, float height_px, size_t panes);

} // namespace lockstep::gui
