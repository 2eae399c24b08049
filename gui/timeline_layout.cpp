#include "gui/timeline_layout.hpp"

#include <algorithm>

namespace lockstep::gui {

TimelineLayout::TimelineLayout(const TimelineModel& model, Rect canvas, LayoutMetrics metrics)
    : canvas_(canvas), metrics_(metrics) {
    float y = 0;
    for (const Lane& lane : model.lanes()) {
        LaneBox box;
        box.top_px = y;
        float t = y + metrics_.lane_padding_px;
        for (const Track& track : lane.tracks) {
            box.tracks.push_back({t, track.height_px});
            t += track.height_px + metrics_.track_gap_px;
        }
        box.height_px = t - metrics_.track_gap_px + metrics_.lane_padding_px - y;
        y += box.height_px;
        lanes_.push_back(std::move(box));
    }
    content_height_px_ = y;
}

Rect TimelineLayout::ruler() const {
    return {canvas_.x, canvas_.y, canvas_.w, metrics_.ruler_height_px};
}

Rect TimelineLayout::violation_strip() const {
    const float x = static_cast<float>(time_x0_px());
    return {x, canvas_.y + metrics_.ruler_height_px - metrics_.violation_strip_px,
            canvas_.right() - x, metrics_.violation_strip_px};
}

Rect TimelineLayout::lanes_area() const {
    return {canvas_.x, canvas_.y + metrics_.ruler_height_px, canvas_.w,
            std::max(canvas_.h - metrics_.ruler_height_px, 0.0f)};
}

Rect TimelineLayout::time_area() const {
    Rect r = lanes_area();
    r.x += metrics_.label_width_px;
    r.w = std::max(r.w - metrics_.label_width_px, 0.0f);
    return r;
}

float TimelineLayout::lane_top_px(size_t lane) const {
    return lanes_area().y + lanes_[lane].top_px - scroll_px_;
}

float TimelineLayout::track_top_px(size_t lane, size_t track) const {
    return lanes_area().y + lanes_[lane].tracks[track].top_px - scroll_px_;
}

float TimelineLayout::lane_anchor_px(size_t lane) const {
    return lane_top_px(lane) + lanes_[lane].height_px / 2;
}

float TimelineLayout::max_scroll_px() const {
    return std::max(content_height_px_ - lanes_area().h, 0.0f);
}

void TimelineLayout::set_scroll(float scroll_px) {
    scroll_px_ = std::clamp(scroll_px, 0.0f, max_scroll_px());
}

void TimelineLayout::reveal_lane(size_t lane) {
    const LaneBox& box = lanes_[lane];
    const float visible = lanes_area().h;
    if (box.top_px < scroll_px_) {
        set_scroll(box.top_px);
    } else if (box.top_px + box.height_px > scroll_px_ + visible) {
        set_scroll(std::min(box.top_px, box.top_px + box.height_px - visible));
    }
}

std::optional<LaneTrack> TimelineLayout::at(float y_px) const {
    const float content_y = y_px - lanes_area().y + scroll_px_;
    for (size_t i = 0; i < lanes_.size(); ++i) {
        const LaneBox& box = lanes_[i];
        if (content_y < box.top_px || content_y >= box.top_px + box.height_px) {
            continue;
        }
        for (size_t t = 0; t < box.tracks.size(); ++t) {
            const TrackBox& tb = box.tracks[t];
            if (content_y >= tb.top_px && content_y < tb.top_px + tb.height_px) {
                return LaneTrack{i, t};
            }
        }
        return LaneTrack{i, std::nullopt};
    }
    return std::nullopt;
}

} // namespace lockstep::gui
