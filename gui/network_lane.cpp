#include "gui/network_lane.hpp"

#include <unordered_map>

namespace lockstep::gui {

// Sends open arrows; a deliver or drop with the same message id closes one. A duplicated
// message is delivered twice: the second delivery gets an arrow of its own.
Track NetworkLaneBuilder::messages_track() const {
    Track t;
    t.label = "messages";
    t.kind = TrackKind::arrows;
    t.height_px = 14;
    std::unordered_map<uint64_t, uint32_t> by_msg; // message id -> its first arrow
    const auto& events = in_.trace().events();
    for (uint32_t i = 0; i < events.size(); ++i) {
        const TraceEvent& e = events[i];
        const int64_t time_ns = e.time.since_epoch_ns();
        if (e.kind == TraceKind::send) {
            by_msg[e.msg] = static_cast<uint32_t>(t.arrows.size());
            t.arrows.push_back({time_ns, in_.end_ns(), i, no_event, e.node, e.peer, false});
            continue;
        }
        if (e.kind != TraceKind::deliver && e.kind != TraceKind::drop) {
            continue;
        }
        const auto it = by_msg.find(e.msg);
        if (it == by_msg.end()) {
            continue; // its send was not recorded
        }
        Arrow a = t.arrows[it->second];
        a.end_ns = time_ns;
        a.end_event = i;
        a.dropped = e.kind == TraceKind::drop;
        a.to = e.kind == TraceKind::deliver ? e.node : a.to;
        if (t.arrows[it->second].end_event == no_event) {
            t.arrows[it->second] = a;
        } else {
            t.arrows.push_back(a);
        }
        if (a.dropped) {
            t.marks.push_back({time_ns, i, Style::drop, -1});
        }
    }
    return t;
}

Lane NetworkLaneBuilder::build(const NodeEvents& events) const {
    Lane lane;
    lane.kind = LaneKind::network;
    lane.name = "network";
    lane.tracks.push_back(messages_track());
    Track faults;
    faults.label = "faults";
    faults.kind = TrackKind::marks;
    faults.height_px = 10;
    faults.marks = events.global_marks;
    lane.tracks.push_back(std::move(faults));
    lane.bands = events.partitions;
    lane.finish();
    return lane;
}

} // namespace lockstep::gui
