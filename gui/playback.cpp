#include "gui/playback.hpp"

#include <algorithm>

namespace lockstep::gui {

void Playback::set_speed(double simulated_per_real) {
    speed_ = std::clamp(simulated_per_real, 1e-6, 1e6);
}

bool Playback::advance(double dt_s, double end_ns) {
    if (!playing_ || dt_s <= 0) {
        return false;
    }
    const double before = cursor_ns_;
    cursor_ns_ = std::min(cursor_ns_ + dt_s * speed_ * 1e9, end_ns);
    if (cursor_ns_ >= end_ns) {
        playing_ = false; // the end of the run
    }
    return cursor_ns_ != before;
}

} // namespace lockstep::gui
