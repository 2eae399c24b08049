#pragma once
// Pointer input on a timeline canvas, turned into view changes and a hover and a click: the
// wheel zooms around the pointer (smoothly, through the ZoomAnimator), a drag pans in time and
// scrolls the lanes, a press and release without travel is a click. The ImGui view fills a
// PointerInput from ImGuiIO; tests fill it by hand.
#include <optional>

#include "gui/hit_test.hpp"

namespace lockstep::gui {

struct PointerInput {
    float x_px = 0;
    float y_px = 0;
    bool hovered = false;      // the pointer is over this canvas and nothing covers it
    float wheel_notches = 0;   // positive: zoom in
    float wheel_h_notches = 0; // horizontal wheel: pan
    bool pressed = false;      // the left button went down this frame
    bool down = false;         // the left button is held
    bool released = false;     // the left button went up this frame
    float dx_px = 0;           // pointer motion since the last frame
    float dy_px = 0;
};

struct InteractionResult {
    Hit hover;
    std::optional<Hit> clicked;
    bool dragging = false;
};

class CanvasInteraction {
  public:
    static constexpr float click_travel_px = 3;
    static constexpr float pan_per_notch_px = 60;

    InteractionResult update(const PointerInput& in, const TimelineModel& model,
                             TimelineLayout& layout, TimeView& view, ZoomAnimator& zoom);

  private:
    bool pressed_inside_ = false;
    float travel_px_ = 0;
};

} // namespace lockstep::gui
