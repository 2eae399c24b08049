#include "gui/app_layout.hpp"

#include <algorithm>
#include <cmath>

namespace lockstep::gui {

AppLayout compute_app_layout(float width_px, float height_px, size_t panes) {
    AppLayout out;
    out.pane_count = std::clamp<size_t>(panes, 1, 2);
    // Whole pixels: ImGui snaps windows to them, and the screenshot test measures in them.
    const float side_w = std::floor(std::min(side_width_px, width_px * 0.35f));
    const float main_w = width_px - side_w;
    out.toolbar = {0, 0, width_px, toolbar_height_px};
    const float below = height_px - toolbar_height_px;
    const float log_h = std::floor(std::clamp(below * 0.26f, 120.0f, 240.0f));
    out.log = {0, height_px - log_h, main_w, log_h};
    out.side = {main_w, toolbar_height_px, side_w, below};
    const float panes_h = std::max(below - log_h, 0.0f);
    const float each_h = std::floor(panes_h / static_cast<float>(out.pane_count));
    for (size_t i = 0; i < out.pane_count; ++i) {
        const float top = toolbar_height_px + each_h * static_cast<float>(i);
        out.panes[i].header = {0, top, main_w, pane_header_height_px};
        out.panes[i].canvas = {0, top + pane_header_height_px, main_w,
                               std::max(each_h - pane_header_height_px, 0.0f)};
    }
    return out;
}

} // namespace lockstep::gui
