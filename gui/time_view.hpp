#pragma once
// The view transform: which span of true time the canvas shows, and where. Times are int64 ns in
// the trace; here they are doubles, which are exact to the nanosecond for runs up to 104 days
// and keep zooming continuous.
#include <cstdint>

namespace lockstep::gui {

class TimeView {
  public:
    static constexpr double min_span_ns = 1000.0; // 1 us across the canvas is the deepest zoom

    // The run's extent: the view may not wander further than half a screen beyond it.
    void set_limits(int64_t begin_ns, int64_t end_ns);
    // Where the time axis is on screen.
    void set_canvas(double x0_px, double width_px);

    void show(double begin_ns, double end_ns); // clamped
    void fit_all();                            // the whole run, with a small margin

    double x_of(double time_ns) const { return x0_px_ + (time_ns - begin_ns_) * px_per_ns(); }
    double time_at(double x_px) const { return begin_ns_ + (x_px - x0_px_) / px_per_ns(); }

    // factor > 1 zooms in; the time under x_px stays under x_px (unless a limit intervenes).
    void zoom_around(double x_px, double factor);
    // Dragging right by dx_px moves the content right: earlier times come into view.
    void pan_px(double dx_px);
    // Pans the least amount that puts `time_ns` inside the view, margin_fraction from its edges.
    void ensure_visible(double time_ns, double margin_fraction = 0.1);

    double begin_ns() const { return begin_ns_; }
    double end_ns() const { return begin_ns_ + span_ns_; }
    double span_ns() const { return span_ns_; }
    double px_per_ns() const { return width_px_ / span_ns_; }
    double x0_px() const { return x0_px_; }
    double width_px() const { return width_px_; }
    double max_span_ns() const;

  private:
    void clamp();

    double limit_begin_ns_ = 0;
    double limit_end_ns_ = 1e9;
    double begin_ns_ = 0;
    double span_ns_ = 1e9;
    double x0_px_ = 0;
    double width_px_ = 1000;
};

// Smooth zoom: wheel notches accumulate as a pending zoom (in powers of two) that is applied a
// little each frame around the last pointer position, so the time under the pointer stays put
// through the whole animation.
class ZoomAnimator {
  public:
    static constexpr double notch_log2 = 0.35; // one wheel notch zooms by 2^0.35 (about 1.27)
    static constexpr double time_constant_s = 0.05;

    void add_notches(double notches, double anchor_x_px);
    // Applies the share of the pending zoom that `dt_s` seconds account for.
    void step(TimeView& view, double dt_s);
    bool busy() const { return pending_log2_ != 0.0; }

  private:
    double pending_log2_ = 0;
    double anchor_x_px_ = 0;
};

} // namespace lockstep::gui
