#pragma once
// The ImGui view: thin drawing over AppState. Call between ImGui::NewFrame and ImGui::Render;
// it lays the window out from io.DisplaySize (gui/app_layout.hpp).
#include "gui/app_state.hpp"

struct ImGuiIO;

namespace lockstep::gui {

void draw_app(AppState& app);

// Adds the fonts the view uses to io.Fonts: ImGui's default (13 px) first, then the same face
// rasterised at 11 px for track labels, which must not be scaled from the 13 px atlas (the window
// samples the atlas with nearest filtering, see gui/gl_window.cpp). Call before the atlas is built.
void add_fonts(ImGuiIO& io);

// The names of the fixed windows, for tests that look them up.
inline constexpr const char* toolbar_window = "##toolbar";
inline constexpr const char* log_window = "Event log";
inline constexpr const char* side_window = "##side";
const char* pane_window(size_t pane);

} // namespace lockstep::gui
