#include "gui/resource_lane.hpp"

#include <algorithm>

namespace lockstep::gui {
namespace {

bool is_resource_style(Style s) {
    return s == Style::write_accepted || s == Style::write_rejected || s == Style::read;
}

} // namespace

// The writer's tenure is its latest belief that began by the time of the write. Writes come
// in time order, so each client's beliefs are walked once.
std::vector<uint32_t> stale_write_events(const Facts& facts) {
    std::vector<std::vector<Time>> begins(facts.is_client.size());
    for (const Belief& b : facts.beliefs) {
        if (b.client < begins.size()) {
            begins[b.client].push_back(b.begin);
        }
    }
    std::vector<size_t> next(begins.size(), 0);
    std::vector<uint32_t> out;
    bool seen = false;
    Time newest;
    for (const Write& w : facts.writes) {
        if (!w.accepted || w.client >= begins.size()) {
            continue;
        }
        const std::vector<Time>& own = begins[w.client];
        size_t& i = next[w.client];
        while (i < own.size() && own[i] <= w.time) {
            ++i;
        }
        if (i == 0) {
            continue; // a write with no tenure behind it
        }
        const Time tenure = own[i - 1];
        if (seen && tenure < newest) {
            out.push_back(static_cast<uint32_t>(w.event));
        } else {
            newest = seen ? std::max(newest, tenure) : tenure;
            seen = true;
        }
    }
    return out;
}

ResourceLaneBuilder::ResourceLaneBuilder(const LaneInput& in)
    : in_(in), stale_writes_(stale_write_events(in.facts())) {}

Track ResourceLaneBuilder::counter_track(NodeId resource) const {
    Track t;
    t.label = "counter";
    t.kind = TrackKind::plot;
    t.height_px = 26;
    Series counter;
    counter.label = "value";
    counter.steps = true;
    counter.points.push_back({0, 0, no_event});
    const auto& events = in_.trace().events();
    for (uint32_t i = 0; i < events.size(); ++i) {
        const TraceEvent& e = events[i];
        if (e.node == resource && e.kind == TraceKind::model &&
            in_.trace().event_name(e) == "write_accepted") {
            counter.points.push_back({e.time.since_epoch_ns(),
                                      static_cast<double>(in_.trace().integer(e, "value", 0)), i});
        }
    }
    t.series.push_back(std::move(counter));
    return t;
}

Lane ResourceLaneBuilder::build(NodeId resource, const NodeEvents& events) const {
    Lane lane;
    lane.kind = LaneKind::resource;
    lane.node = resource;
    lane.name = std::string(in_.trace().node_name(resource));
    Track writes;
    writes.label = "writes";
    writes.kind = TrackKind::marks;
    writes.height_px = 14;
    Track other;
    other.label = "events";
    other.kind = TrackKind::marks;
    other.height_px = 10;
    for (Mark m : events.marks[resource]) {
        if (!is_resource_style(m.style)) {
            other.marks.push_back(m);
            continue;
        }
        if (std::binary_search(stale_writes_.begin(), stale_writes_.end(), m.event) &&
            m.style == Style::write_accepted) {
            m.style = Style::write_stale;
        }
        writes.marks.push_back(m);
    }
    lane.tracks.push_back(std::move(writes));
    lane.tracks.push_back(counter_track(resource));
    lane.tracks.push_back(std::move(other));
    lane.bands = events.bands[resource];
    lane.finish();
    return lane;
}

} // namespace lockstep::gui
