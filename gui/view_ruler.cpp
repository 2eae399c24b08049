// The time axis above the lanes: tick labels in simulated time, and the violation strip, which
// marks in the violation colour where two beliefs overlap (or the instants of other violations).
#include <cmath>

#include "gui/view_parts.hpp"

namespace lockstep::gui {

double ruler_step_ns(const TimeView& view, double target_px) {
    const double raw = target_px / view.px_per_ns();
    const double power = std::pow(10.0, std::floor(std::log10(std::max(raw, 1.0))));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (power * m >= raw) {
            return power * m;
        }
    }
    return power * 10;
}

void draw_ruler(ImDrawList* dl, const TimelineModel& model, const TimelineLayout& layout,
                const TimeView& view) {
    const Rect r = layout.ruler();
    dl->AddRectFilled(top_left(r), bottom_right(r), imu32(ruler_background));
    const float x0 = static_cast<float>(layout.time_x0_px());
    dl->PushClipRect({x0, r.y}, bottom_right(r), true);
    const double step = ruler_step_ns(view, 110);
    for (double t = std::ceil(view.begin_ns() / step) * step; t <= view.end_ns(); t += step) {
        const float x = std::round(static_cast<float>(view.x_of(t)));
        dl->AddLine({x, r.bottom() - 5}, {x, r.bottom()}, imu32(ruler_text));
        const std::string label =
            format_duration(Duration::ns(static_cast<int64_t>(std::llround(t))));
        dl->AddText({x + 3, r.y + 2}, imu32(ruler_text), label.c_str());
    }
    const Rect strip = layout.violation_strip();
    for (const ViolationMarker& v : model.violations()) {
        for (const TimeRange& range : v.ranges) {
            float a = static_cast<float>(view.x_of(static_cast<double>(range.begin_ns)));
            float b = static_cast<float>(view.x_of(static_cast<double>(range.end_ns)));
            if (b - a < 3) {
                const float mid = (a + b) / 2;
                a = mid - 1.5f;
                b = mid + 1.5f;
            }
            dl->AddRectFilled({a, strip.y}, {b, strip.bottom()}, imu32(violation_colour));
        }
    }
    dl->PopClipRect();
    dl->AddText({r.x + 6, r.y + 5}, imu32(ruler_text), "true time");
}

} // namespace lockstep::gui
