// The whole window: fixed panels laid out by compute_app_layout, and the keyboard shortcuts.
#include "gui/view.hpp"
#include "gui/view_parts.hpp"

namespace lockstep::gui {

const char* pane_window(size_t pane) {
    return pane == 0 ? "##pane0" : "##pane1";
}

void add_fonts(ImGuiIO& io) {
    io.Fonts->AddFontDefault();
    ImFontConfig small;
    small.SizePixels = 11;
    io.Fonts->AddFontDefault(&small);
}

ImFont* small_font() {
    const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    return atlas->Fonts.Size > 1 ? atlas->Fonts[1] : ImGui::GetFont();
}

ImFont* font_fitting(float height_px) {
    ImFont* best = nullptr;
    for (ImFont* f : ImGui::GetIO().Fonts->Fonts) {
        if (f->FontSize <= height_px && (best == nullptr || f->FontSize > best->FontSize)) {
            best = f;
        }
    }
    return best;
}

bool begin_fixed_window(const char* name, const Rect& rect, ImVec2 padding) {
    ImGui::SetNextWindowPos(top_left(rect));
    ImGui::SetNextWindowSize({rect.w, rect.h});
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, padding);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    const ImGuiWindowFlags flags =
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
        ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground;
    const bool open = ImGui::Begin(name, nullptr, flags);
    ImGui::PopStyleVar(2);
    return open;
}

void end_fixed_window() {
    ImGui::End();
}

namespace {

// Keys as GLFW numbers them (ASCII for letters and space); the 1.86 API reads io.KeysDown.
void handle_shortcuts(AppState& app) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) {
        return;
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) {
        app.step(+1);
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) {
        app.step(-1);
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) {
        app.playback.toggle();
    }
    if (ImGui::IsKeyPressed('V', false)) {
        app.jump_to_violation();
    }
    if (ImGui::IsKeyPressed('F', false)) {
        app.fit_all();
    }
}

} // namespace

void draw_app(AppState& app) {
    const ImGuiIO& io = ImGui::GetIO();
    const AppLayout layout = compute_app_layout(io.DisplaySize.x, io.DisplaySize.y,
                                                std::max<size_t>(app.pane_count(), 1));
    draw_toolbar(app, layout.toolbar);
    for (size_t i = 0; i < layout.pane_count && i < app.pane_count(); ++i) {
        draw_pane(app, i, layout.panes[i]);
    }
    draw_log(app, layout.log);
    draw_side(app, layout.side);
    handle_shortcuts(app);
}

} // namespace lockstep::gui
