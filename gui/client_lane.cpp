#include "gui/client_lane.hpp"

#include <algorithm>

namespace lockstep::gui {
namespace {

uint32_t event_index(size_t index) {
    return index == SIZE_MAX ? no_event : static_cast<uint32_t>(index);
}

Span belief_span(const Belief& b) {
    return {b.begin.since_epoch_ns(),
            b.end.since_epoch_ns(),
            event_index(b.begin_event),
            event_index(b.end_event),
            Style::belief,
            b.token,
            b.client};
}

} // namespace

ClientLaneBuilder::ClientLaneBuilder(const LaneInput& in, const std::vector<Lease>& leases,
                                     const std::vector<BeliefOverlap>& overlaps)
    : in_(in), beliefs_(in.node_count()), holds_(in.node_count()), overlaps_(in.node_count()) {
    for (const Belief& b : in.facts().beliefs) {
        if (b.client < beliefs_.size()) {
            beliefs_[b.client].push_back(belief_span(b));
        }
    }
    for (const Lease& l : leases) {
        if (l.holder < holds_.size()) {
            Span s = l.span;
            s.style = Style::server_hold;
            s.other = l.server;
            holds_[l.holder].push_back(s);
        }
    }
    for (auto& h : holds_) {
        std::stable_sort(h.begin(), h.end(),
                         [](const Span& a, const Span& b) { return a.begin_ns < b.begin_ns; });
    }
    // Each overlap paints the overlapping part of both beliefs, naming the other client.
    const auto& beliefs = in.facts().beliefs;
    for (const BeliefOverlap& o : overlaps) {
        const Belief& a = beliefs[o.first];
        const Belief& b = beliefs[o.second];
        overlaps_[a.client].push_back({o.begin_ns, o.end_ns, event_index(a.begin_event),
                                       event_index(a.end_event), Style::belief_overlap, a.token,
                                       b.client});
        overlaps_[b.client].push_back({o.begin_ns, o.end_ns, event_index(b.begin_event),
                                       event_index(b.end_event), Style::belief_overlap, b.token,
                                       a.client});
    }
}

// Beliefs with their stale parts (which begin inside them, so sorting keeps them on top), and
// the overlaps as an overlay so that the violation is never painted over.
Track ClientLaneBuilder::belief_track(NodeId client) const {
    Track t;
    t.label = "believes";
    t.kind = TrackKind::bars;
    t.height_px = 18;
    t.spans = beliefs_[client];
    std::vector<Span> stale;
    for (const Span& b : beliefs_[client]) {
        for (const auto& [begin, end] : uncovered_parts(b.begin_ns, b.end_ns, holds_[client])) {
            Span s = b;
            s.begin_ns = begin;
            s.end_ns = end;
            s.style = Style::belief_stale;
            stale.push_back(s);
        }
    }
    t.spans.insert(t.spans.end(), stale.begin(), stale.end());
    t.overlay = overlaps_[client];
    return t;
}

Track ClientLaneBuilder::server_track(NodeId client) const {
    Track t;
    t.label = "server says";
    t.kind = TrackKind::bars;
    t.height_px = 10;
    t.spans = holds_[client];
    return t;
}

Lane ClientLaneBuilder::build(NodeId client, const NodeEvents& events) const {
    Lane lane;
    lane.kind = LaneKind::client;
    lane.node = client;
    lane.name = std::string(in_.trace().node_name(client));
    lane.tracks.push_back(belief_track(client));
    lane.tracks.push_back(server_track(client));
    Track marks;
    marks.label = "events";
    marks.kind = TrackKind::marks;
    marks.height_px = 12;
    marks.marks = events.marks[client];
    lane.tracks.push_back(std::move(marks));
    lane.bands = events.bands[client];
    lane.finish();
    return lane;
}

} // namespace lockstep::gui
