#pragma once
// Screen rectangles in pixels, y down, shared by the layout, hit testing and the view.

namespace lockstep::gui {

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;

    float right() const { return x + w; }
    float bottom() const { return y + h; }
    bool contains(float px, float py) const {
        return px >= x && px < right() && py >= y && py < bottom();
    }
};

} // namespace lockstep::gui
