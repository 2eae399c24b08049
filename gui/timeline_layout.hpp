#pragma once
// Where each lane and track sits on the canvas. The canvas is a label column on the left, a
// ruler on top, and the lanes below it, scrolled vertically when they do not fit. The view draws
// from this and hit testing reads it, so a pixel means the same thing to both (and to the
// screenshot test, which computes expected positions from it).
#include <optional>
#include <vector>

#include "gui/rect.hpp"
#include "gui/timeline_model.hpp"

namespace lockstep::gui {

struct LayoutMetrics {
    float label_width_px = 132;
    float ruler_height_px = 26;
    float violation_strip_px = 7; // at the bottom of the ruler
    float lane_padding_px = 5;
    float track_gap_px = 2;
};

struct TrackBox {
    float top_px = 0; // from the top of the lanes area, unscrolled
    float height_px = 0;
};

struct LaneBox {
    float top_px = 0;
    float height_px = 0;
    std::vector<TrackBox> tracks;
};

struct LaneTrack {
    size_t lane = 0;
    std::optional<size_t> track; // nullopt: the lane's padding
};

class TimelineLayout {
  public:
    TimelineLayout() = default;
    TimelineLayout(const TimelineModel& model, Rect canvas, LayoutMetrics metrics = {});

    const Rect& canvas() const { return canvas_; }
    const LayoutMetrics& metrics() const { return metrics_; }
    const std::vector<LaneBox>& lanes() const { return lanes_; }

    // The screen rectangles of the parts of the canvas.
    Rect ruler() const;
    Rect violation_strip() const;
    Rect lanes_area() const; // below the ruler, full width
    Rect time_area() const;  // below the ruler, right of the labels
    double time_x0_px() const { return canvas_.x + metrics_.label_width_px; }
    double time_width_px() const { return canvas_.w - metrics_.label_width_px; }

    // Screen y of a lane's or track's top, after scrolling.
    float lane_top_px(size_t lane) const;
    float track_top_px(size_t lane, size_t track) const;
    float lane_anchor_px(size_t lane) const; // where message arrows meet the lane

    // Vertical scrolling of the lanes; clamped to the content.
    void set_scroll(float scroll_px);
    float scroll_px() const { return scroll_px_; }
    float max_scroll_px() const;
    // Scrolls the least amount that shows `lane` whole (or its top, if it is taller).
    void reveal_lane(size_t lane);

    // The lane and track under a screen y inside the lanes area.
    std::optional<LaneTrack> at(float y_px) const;

  private:
    Rect canvas_;
    LayoutMetrics metrics_;
    std::vector<LaneBox> lanes_;
    float content_height_px_ = 0;
    float scroll_px_ = 0;
};

} // namespace lockstep::gui
