#include "gui/time_view.hpp"

#include <algorithm>
#include <cmath>

namespace lockstep::gui {

void TimeView::set_limits(int64_t begin_ns, int64_t end_ns) {
    limit_begin_ns_ = static_cast<double>(begin_ns);
    limit_end_ns_ = static_cast<double>(std::max(end_ns, begin_ns + 1));
    clamp();
}

void TimeView::set_canvas(double x0_px, double width_px) {
    x0_px_ = x0_px;
    width_px_ = std::max(width_px, 1.0);
}

double TimeView::max_span_ns() const {
    return (limit_end_ns_ - limit_begin_ns_) * 1.5;
}

void TimeView::clamp() {
    span_ns_ = std::clamp(span_ns_, min_span_ns, std::max(max_span_ns(), min_span_ns));
    const double lowest = limit_begin_ns_ - span_ns_ / 2;
    const double highest = limit_end_ns_ + span_ns_ / 2 - span_ns_;
    begin_ns_ = std::clamp(begin_ns_, lowest, std::max(lowest, highest));
}

void TimeView::show(double begin_ns, double end_ns) {
    begin_ns_ = begin_ns;
    span_ns_ = std::max(end_ns - begin_ns, min_span_ns);
    clamp();
}

void TimeView::fit_all() {
    const double margin = (limit_end_ns_ - limit_begin_ns_) * 0.02;
    show(limit_begin_ns_ - margin, limit_end_ns_ + margin);
}

void TimeView::zoom_around(double x_px, double factor) {
    if (!(factor > 0)) {
        return;
    }
    const double anchor_ns = time_at(x_px);
    span_ns_ = std::clamp(span_ns_ / factor, min_span_ns, std::max(max_span_ns(), min_span_ns));
    begin_ns_ = anchor_ns - (x_px - x0_px_) / px_per_ns();
    clamp();
}

void TimeView::pan_px(double dx_px) {
    begin_ns_ -= dx_px / px_per_ns();
    clamp();
}

void TimeView::ensure_visible(double time_ns, double margin_fraction) {
    const double margin = span_ns_ * margin_fraction;
    if (time_ns < begin_ns_ + margin) {
        begin_ns_ = time_ns - margin;
    } else if (time_ns > end_ns() - margin) {
        begin_ns_ = time_ns + margin - span_ns_;
    }
    clamp();
}

void ZoomAnimator::add_notches(double notches, double anchor_x_px) {
    pending_log2_ += notches * notch_log2;
    anchor_x_px_ = anchor_x_px;
}

void ZoomAnimator::step(TimeView& view, double dt_s) {
    if (pending_log2_ == 0.0) {
        return;
    }
    const double share = 1.0 - std::exp(-std::max(dt_s, 0.0) / time_constant_s);
    double apply = pending_log2_ * share;
    if (std::abs(pending_log2_ - apply) < 1e-3) {
        apply = pending_log2_; // close enough: finish, so the animation ends exactly
    }
    pending_log2_ -= apply;
    view.zoom_around(anchor_x_px_, std::exp2(apply));
}

} // namespace lockstep::gui
