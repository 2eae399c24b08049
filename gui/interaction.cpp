#include "gui/interaction.hpp"

#include <cmath>

namespace lockstep::gui {

InteractionResult CanvasInteraction::update(const PointerInput& in, const TimelineModel& model,
                                            TimelineLayout& layout, TimeView& view,
                                            ZoomAnimator& zoom) {
    InteractionResult out;
    if (in.hovered && in.wheel_notches != 0) {
        zoom.add_notches(in.wheel_notches, in.x_px);
    }
    if (in.hovered && in.wheel_h_notches != 0) {
        view.pan_px(in.wheel_h_notches * pan_per_notch_px);
    }
    if (in.pressed) {
        pressed_inside_ = in.hovered && layout.canvas().contains(in.x_px, in.y_px);
        travel_px_ = 0;
    }
    if (pressed_inside_ && in.down && !in.pressed) {
        travel_px_ += std::abs(in.dx_px) + std::abs(in.dy_px);
        if (travel_px_ > click_travel_px) {
            view.pan_px(in.dx_px);
            layout.set_scroll(layout.scroll_px() - in.dy_px);
            out.dragging = true;
        }
    }
    if (in.hovered) {
        out.hover = hit_test(model, layout, view, in.x_px, in.y_px);
    }
    if (in.released && pressed_inside_) {
        if (travel_px_ <= click_travel_px && in.hovered) {
            out.clicked = out.hover;
        }
        pressed_inside_ = false;
    }
    return out;
}

} // namespace lockstep::gui
