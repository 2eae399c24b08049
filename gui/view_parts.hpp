#pragma once
// The pieces of the ImGui view, one file each (view_*.cpp), and the helpers they share.
#include <imgui.h>

#include "gui/app_layout.hpp"
#include "gui/app_state.hpp"
#include "gui/palette.hpp"
#include "gui/timeline_layout.hpp"

namespace lockstep::gui {

inline ImU32 imu32(Rgba c) {
    return IM_COL32(c.r, c.g, c.b, c.a);
}
inline ImU32 imu32(Rgba c, uint8_t alpha) {
    return IM_COL32(c.r, c.g, c.b, alpha);
}
inline ImVec2 top_left(const Rect& r) {
    return {r.x, r.y};
}
inline ImVec2 bottom_right(const Rect& r) {
    return {r.right(), r.bottom()};
}
inline ImVec4 vec4(Rgba c) {
    return {static_cast<float>(c.r) / 255.0f, static_cast<float>(c.g) / 255.0f,
            static_cast<float>(c.b) / 255.0f, static_cast<float>(c.a) / 255.0f};
}

// A window pinned to `rect` with no title bar, no moving, no saved settings and no background
// (the frame is cleared to canvas_background, see gui/palette.hpp).
bool begin_fixed_window(const char* name, const Rect& rect, ImVec2 padding);
void end_fixed_window();

void draw_toolbar(AppState& app, const Rect& rect);
void draw_pane(AppState& app, size_t pane, const PaneRects& rects);
void draw_log(AppState& app, const Rect& rect);
void draw_side(AppState& app, const Rect& rect);
void draw_details(AppState& app);
void draw_what_if(AppState& app);

// The canvas, in the order the timeline paints it.
void draw_lane_backgrounds(ImDrawList* dl, const TimelineModel& model,
                           const TimelineLayout& layout);
void draw_grid(ImDrawList* dl, const TimelineLayout& layout, const TimeView& view);
void draw_lane_bands(ImDrawList* dl, const TimelineModel& model, const TimelineLayout& layout,
                     const TimeView& view);
void draw_arrows(ImDrawList* dl, const TimelineModel& model, const TimelineLayout& layout,
                 const TimeView& view);
void draw_tracks(ImDrawList* dl, const TimelineModel& model, const TimelineLayout& layout,
                 const TimeView& view);
void draw_witnesses(ImDrawList* dl, const TimelineModel& model, const TimelineLayout& layout,
                    const TimeView& view);
void draw_labels(ImDrawList* dl, const TimelineModel& model, const TimelineLayout& layout);
void draw_ruler(ImDrawList* dl, const TimelineModel& model, const TimelineLayout& layout,
                const TimeView& view);
void draw_event_marker(ImDrawList* dl, const TimelineModel& model, const TimelineLayout& layout,
                       const TimeView& view, uint32_t event, ImU32 colour);

void draw_plot(ImDrawList* dl, const Track& track, const TimeView& view, float left, float right,
               float top, float bottom);

// ImGui's draw lists index vertices with 16 bits: past 65,536 vertices in one list, a renderer
// without ImGuiBackendFlags_RendererHasVtxOffset (or no renderer, in tests) trips an assertion.
// The canvas stops adding detail at this many, leaving room for its text and chrome.
inline constexpr int canvas_vertex_budget = 48000;
inline bool over_budget(const ImDrawList* dl) {
    return dl->VtxBuffer.Size > canvas_vertex_budget;
}

// The largest of the view's fonts no taller than `height_px`, or nullptr when none fits.
ImFont* font_fitting(float height_px);
// The small font for labels (the default one if add_fonts was not called).
ImFont* small_font();

// The tick spacing of the ruler: 1, 2 or 5 times a power of ten, about `target_px` apart.
double ruler_step_ns(const TimeView& view, double target_px);

// A hover tooltip for whatever `hit` points at.
void hit_tooltip(const TimelineModel& model, const Hit& hit);

} // namespace lockstep::gui
