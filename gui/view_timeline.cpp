// One run's timeline: its header line, then the canvas, where the pointer zooms, pans, hovers
// and selects. Geometry comes from TimelineLayout and TimeView; this file only paints and
// forwards input.
#include <string>

#include "gui/view.hpp"
#include "gui/view_parts.hpp"

namespace lockstep::gui {
namespace {

void verdict_badges(const Report& report) {
    for (const PropertyResult& p : report.properties) {
        ImGui::SameLine();
        const bool violated = p.verdict == Verdict::violated;
        const Rgba colour = violated                      ? violation_colour
                            : p.verdict == Verdict::holds ? Rgba{90, 210, 90, 255}
                                                          : Rgba{230, 200, 80, 255};
        ImGui::TextColored(vec4(colour), "%s %s", p.name.c_str(),
                           violated ? "VIOLATED" : std::string(verdict_name(p.verdict)).c_str());
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("%s%s%s", p.summary.c_str(),
                              p.assumption.empty() ? "" : "\nbecause: ", p.assumption.c_str());
        }
    }
}

void draw_header(const RunPane& pane, size_t index, const Rect& rect) {
    ImGui::SetCursorScreenPos({rect.x + 6, rect.y + 3});
    ImGui::TextUnformatted(index == 0 ? "A" : "B");
    ImGui::SameLine();
    ImGui::TextUnformatted(pane.data.title.c_str());
    if (pane.ok()) {
        verdict_badges(pane.model->report());
    }
}

void draw_error(const RunPane& pane, const Rect& canvas) {
    ImGui::SetCursorScreenPos({canvas.x + 12, canvas.y + 12});
    ImGui::BeginGroup(); // keeps every line at the indented x
    ImGui::PushTextWrapPos(canvas.right() - 12);
    ImGui::TextColored(vec4(violation_colour), "Could not show %s", pane.data.source.c_str());
    ImGui::TextUnformatted(pane.data.error.c_str());
    if (pane.data.settings) {
        ImGui::TextDisabled("Fix the file and press Reload in the side panel.");
    }
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
}

PointerInput pointer_input(bool hovered) {
    const ImGuiIO& io = ImGui::GetIO();
    PointerInput in;
    in.x_px = io.MousePos.x;
    in.y_px = io.MousePos.y;
    in.hovered = hovered;
    in.wheel_notches = io.MouseWheel;
    in.wheel_h_notches = io.MouseWheelH;
    in.pressed = ImGui::IsMouseClicked(ImGuiMouseButton_Left);
    in.down = ImGui::IsMouseDown(ImGuiMouseButton_Left);
    in.released = ImGui::IsMouseReleased(ImGuiMouseButton_Left);
    in.dx_px = io.MouseDelta.x;
    in.dy_px = io.MouseDelta.y;
    return in;
}

void paint_canvas(ImDrawList* dl, const AppState& app, size_t index, const TimelineLayout& layout) {
    const RunPane& pane = app.pane(index);
    const TimelineModel& model = *pane.model;
    dl->PushClipRect(top_left(layout.canvas()), bottom_right(layout.canvas()), true);
    dl->PushClipRect(top_left(layout.lanes_area()), bottom_right(layout.lanes_area()), true);
    draw_lane_backgrounds(dl, model, layout);
    dl->PushClipRect(top_left(layout.time_area()), bottom_right(layout.time_area()), true);
    draw_grid(dl, layout, app.view);
    draw_lane_bands(dl, model, layout, app.view);
    draw_arrows(dl, model, layout, app.view);
    draw_tracks(dl, model, layout, app.view);
    draw_witnesses(dl, model, layout, app.view);
    if (pane.hover.hit_event()) {
        draw_event_marker(dl, model, layout, app.view, pane.hover.event, imu32(hover_outline));
    }
    if (app.selection.pane == index && app.selection.event) {
        draw_event_marker(dl, model, layout, app.view, *app.selection.event,
                          imu32(selection_outline));
    }
    if (app.playback.playing() || app.playback.cursor_ns() > 0) {
        const float x = static_cast<float>(app.view.x_of(app.playback.cursor_ns()));
        dl->AddLine({x, layout.time_area().y}, {x, layout.time_area().bottom()},
                    imu32(playback_cursor, 160));
    }
    dl->PopClipRect();
    draw_labels(dl, model, layout);
    dl->PopClipRect();
    draw_ruler(dl, model, layout, app.view);
    dl->PopClipRect();
}

void handle_input(AppState& app, size_t index, TimelineLayout& layout) {
    RunPane& pane = app.pane(index);
    const Rect& c = layout.canvas();
    ImGui::SetCursorScreenPos(top_left(c));
    ImGui::InvisibleButton("canvas", {std::max(c.w, 1.0f), std::max(c.h, 1.0f)});
    const bool hovered = ImGui::IsItemHovered();
    const InteractionResult r =
        pane.interaction.update(pointer_input(hovered), *pane.model, layout, app.view, app.zoom);
    pane.hover = r.hover;
    if (r.clicked) {
        app.select(index, r.clicked->hit_event() ? std::optional(r.clicked->event) : std::nullopt,
                   SelectOrigin::timeline);
    }
    if (hovered && !r.dragging && r.hover.kind != HitKind::none) {
        hit_tooltip(*pane.model, r.hover);
    }
}

} // namespace

void draw_pane(AppState& app, size_t index, const PaneRects& rects) {
    RunPane& pane = app.pane(index);
    Rect whole = rects.header;
    whole.h = rects.canvas.bottom() - rects.header.y;
    if (!begin_fixed_window(pane_window(index), whole, {0, 0})) {
        end_fixed_window();
        return;
    }
    draw_header(pane, index, rects.header);
    if (!pane.ok()) {
        draw_error(pane, rects.canvas);
        end_fixed_window();
        return;
    }
    TimelineLayout layout(*pane.model, rects.canvas);
    layout.set_scroll(pane.scroll_px);
    if (pane.reveal_lane) {
        layout.reveal_lane(*pane.reveal_lane);
        pane.reveal_lane.reset();
    }
    app.view.set_canvas(layout.time_x0_px(), layout.time_width_px());
    handle_input(app, index, layout);
    pane.scroll_px = layout.scroll_px();
    paint_canvas(ImGui::GetWindowDrawList(), app, index, layout);
    end_fixed_window();
}

} // namespace lockstep::gui
