// Messages as arrows from the sender's lane to the receiver's, under the tracks' bars so that
// beliefs stay readable. Lost messages end in a cross. When too many are visible to read one by
// one, the network lane shows a tick per send instead (hit testing follows the same rule).
#include <cmath>

#include "gui/hit_test.hpp"
#include "gui/network_lane.hpp"
#include "gui/view_parts.hpp"

namespace lockstep::gui {
namespace {

void arrow_head(ImDrawList* dl, ImVec2 from, ImVec2 to, ImU32 colour) {
    const float dx = to.x - from.x, dy = to.y - from.y;
    const float length = std::sqrt(dx * dx + dy * dy);
    if (length < 6) {
        return;
    }
    const float ux = dx / length, uy = dy / length;
    const float s = 5;
    dl->AddTriangleFilled(to, {to.x - ux * s - uy * s * 0.5f, to.y - uy * s + ux * s * 0.5f},
                          {to.x - ux * s + uy * s * 0.5f, to.y - uy * s - ux * s * 0.5f}, colour);
}

void send_ticks(ImDrawList* dl, std::span<const Arrow> arrows, const TimeView& view, float top,
                float bottom) {
    int last_column = INT32_MIN;
    for (const Arrow& a : arrows) {
        const float x = static_cast<float>(view.x_of(static_cast<double>(a.send_ns)));
        const int column = static_cast<int>(std::floor(x));
        if (column != last_column) {
            dl->AddLine({x, top}, {x, bottom}, imu32(style_colour(Style::message)));
            last_column = column;
        }
    }
}

} // namespace

void draw_arrows(ImDrawList* dl, const TimelineModel& model, const TimelineLayout& layout,
                 const TimeView& view) {
    const auto network = model.lane_of_kind(LaneKind::network);
    if (!network) {
        return;
    }
    const Track& track = model.lanes()[*network].tracks[network_messages_track];
    const auto visible =
        track.arrows_in(static_cast<int64_t>(view.begin_ns()), static_cast<int64_t>(view.end_ns()));
    const float top = layout.track_top_px(*network, network_messages_track);
    if (!arrows_drawn(visible.size())) {
        send_ticks(dl, visible, view, top, top + track.height_px);
        return;
    }
    // Many arrows at once cross every lane: fainter, so the bars stay readable.
    const uint8_t message_alpha = visible.size() > 200 ? 60 : 110;
    for (const Arrow& a : visible) {
        if (over_budget(dl)) {
            break;
        }
        const auto from = model.lane_of_node(a.from);
        const auto to = model.lane_of_node(a.to);
        if (!from || !to) {
            continue;
        }
        const ImVec2 p0{static_cast<float>(view.x_of(static_cast<double>(a.send_ns))),
                        layout.lane_anchor_px(*from)};
        const ImVec2 p1{static_cast<float>(view.x_of(static_cast<double>(a.end_ns))),
                        layout.lane_anchor_px(*to)};
        const ImU32 colour = imu32(style_colour(a.dropped ? Style::drop : Style::message),
                                   a.dropped ? 220 : message_alpha);
        dl->AddLine(p0, p1, colour, 1.0f);
        if (a.dropped) {
            dl->AddLine({p1.x - 4, p1.y - 4}, {p1.x + 4, p1.y + 4}, colour, 1.5f);
            dl->AddLine({p1.x - 4, p1.y + 4}, {p1.x + 4, p1.y - 4}, colour, 1.5f);
        } else {
            arrow_head(dl, p0, p1, colour);
        }
    }
    send_ticks(dl, visible, view, top, top + track.height_px);
}

} // namespace lockstep::gui
