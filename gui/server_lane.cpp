#include "gui/server_lane.hpp"

namespace lockstep::gui {

bool begins_term(std::string_view name) {
    return name == "promoted" || name == "became_leader" || name == "leader_elected";
}

bool ends_term(std::string_view name) {
    return name == "demoted" || name == "stepped_down" || name == "became_follower";
}

ServerLaneBuilder::ServerLaneBuilder(const LaneInput& in, const std::vector<Lease>& leases)
    : in_(in), leases_(in.node_count()), terms_(in.node_count()) {
    for (const Lease& l : leases) {
        if (l.server < leases_.size()) {
            leases_[l.server].push_back(l.span);
        }
    }
    collect_terms();
}

// A term runs from its beginning to the next end, a crash, or a new term on the same node.
void ServerLaneBuilder::collect_terms() {
    std::vector<size_t> open(in_.node_count(), SIZE_MAX);
    const auto close = [&](NodeId node, uint32_t i, int64_t t) {
        if (node < open.size() && open[node] != SIZE_MAX) {
            terms_[node][open[node]].end_ns = t;
            terms_[node][open[node]].end_event = i;
            open[node] = SIZE_MAX;
        }
    };
    const auto& events = in_.trace().events();
    for (uint32_t i = 0; i < events.size(); ++i) {
        const TraceEvent& e = events[i];
        const int64_t t = e.time.since_epoch_ns();
        if (e.kind == TraceKind::crash) {
            close(e.node, i, t);
        }
        if (e.kind != TraceKind::model || e.node >= open.size()) {
            continue;
        }
        const std::string_view name = in_.trace().event_name(e);
        if (begins_term(name)) {
            close(e.node, i, t);
            open[e.node] = terms_[e.node].size();
            terms_[e.node].push_back({t, in_.end_ns(), i, no_event, Style::leader_term,
                                      in_.trace().integer(e, "term", -1), e.node});
        } else if (ends_term(name)) {
            close(e.node, i, t);
        }
    }
}

Lane ServerLaneBuilder::build(NodeId server, const NodeEvents& events) const {
    Lane lane;
    lane.kind = LaneKind::server;
    lane.node = server;
    lane.name = std::string(in_.trace().node_name(server));
    Track leases;
    leases.label = "leases";
    leases.height_px = 16;
    leases.spans = leases_[server];
    lane.tracks.push_back(std::move(leases));
    if (!terms_[server].empty()) {
        Track terms;
        terms.label = "leader";
        terms.height_px = 6;
        terms.spans = terms_[server];
        lane.tracks.push_back(std::move(terms));
    }
    Track marks;
    marks.label = "events";
    marks.kind = TrackKind::marks;
    marks.height_px = 12;
    marks.marks = events.marks[server];
    lane.tracks.push_back(std::move(marks));
    lane.bands = events.bands[server];
    lane.finish();
    return lane;
}

} // namespace lockstep::gui
