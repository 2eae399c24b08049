// The toolbar: what is open, navigation (jump to the violation, fit, step through events),
// playback at a chosen speed, and a status line.
#include <algorithm>
#include <string>

#include "gui/view.hpp"
#include "gui/view_parts.hpp"

namespace lockstep::gui {
namespace {

void navigation(AppState& app) {
    if (ImGui::Button("Jump to violation (V)")) {
        app.jump_to_violation();
    }
    ImGui::SameLine();
    if (ImGui::Button("Fit (F)")) {
        app.fit_all();
    }
    ImGui::SameLine();
    if (ImGui::ArrowButton("##back", ImGuiDir_Left)) {
        app.step(-1);
    }
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("previous event in the log (left arrow)");
    }
    ImGui::SameLine();
    if (ImGui::ArrowButton("##forward", ImGuiDir_Right)) {
        app.step(+1);
    }
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("next event in the log (right arrow)");
    }
}

struct LegendEntry {
    Style style;
    const char* text;
};

// What the colours mean, right-aligned on the toolbar's first row.
void legend() {
    static constexpr LegendEntry entries[] = {
        {Style::belief, "believes"},
        {Style::belief_stale, "no server agrees"},
        {Style::belief_overlap, "two believe (violation)"},
        {Style::server_hold, "server says"},
        {Style::pause, "paused"},
        {Style::write_accepted, "write"},
        {Style::write_stale, "stale write"},
        {Style::write_rejected, "rejected"},
    };
    // Each entry: a 12 px swatch, item spacing, its text, 12 px before the next.
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    float width = 0;
    for (const LegendEntry& e : entries) {
        width += 12 + spacing + ImGui::CalcTextSize(e.text).x + 12;
    }
    ImGui::SameLine(std::max(ImGui::GetWindowWidth() - width - 8, ImGui::GetCursorPosX() + 20));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (const LegendEntry& e : entries) {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        Rgba colour = style_colour(e.style);
        colour.a = 255; // the pause band is translucent on the canvas, not in the legend
        dl->AddRectFilled({at.x, at.y + 3}, {at.x + 10, at.y + 13}, imu32(colour));
        ImGui::Dummy({12, 10});
        ImGui::SameLine();
        ImGui::TextUnformatted(e.text);
        ImGui::SameLine(0, 12);
    }
    ImGui::NewLine();
}

void playback(AppState& app) {
    ImGui::SameLine(0, 20);
    if (ImGui::Button(app.playback.playing() ? "Pause (space)" : "Play (space)")) {
        app.playback.toggle();
    }
    ImGui::SameLine();
    float speed = static_cast<float>(app.playback.speed());
    ImGui::SetNextItemWidth(150);
    if (ImGui::SliderFloat("speed", &speed, 0.001f, 100.0f, "%.3gx",
                           ImGuiSliderFlags_Logarithmic)) {
        app.playback.set_speed(speed);
    }
    ImGui::SameLine();
    ImGui::Text("t = %s",
                format_time(Time::from_ns(static_cast<int64_t>(app.playback.cursor_ns()))).c_str());
}

} // namespace

void draw_toolbar(AppState& app, const Rect& rect) {
    if (!begin_fixed_window(toolbar_window, rect, {8, 6})) {
        end_fixed_window();
        return;
    }
    ImGui::TextUnformatted("lockstep");
    ImGui::SameLine();
    const std::string source = app.pane_count() > 0 ? app.pane(0).data.source : std::string();
    ImGui::TextDisabled("%s", source.c_str());
    legend();
    navigation(app);
    playback(app);
    ImGui::SameLine(0, 24);
    ImGui::TextUnformatted(app.status.c_str());
    end_fixed_window();
}

} // namespace lockstep::gui
