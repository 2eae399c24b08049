#include "gui/timeline_model.hpp"

#include <algorithm>

#include "gui/client_lane.hpp"
#include "gui/clock_lane.hpp"
#include "gui/lane_input.hpp"
#include "gui/leases.hpp"
#include "gui/network_lane.hpp"
#include "gui/node_events.hpp"
#include "gui/resource_lane.hpp"
#include "gui/server_lane.hpp"

namespace lockstep::gui {
namespace {

constexpr size_t no_lane = SIZE_MAX;

// The run lasts until its stated end, or its last event if a trace says otherwise.
int64_t run_end_ns(const Trace& trace, Time end) {
    int64_t out = end.since_epoch_ns();
    if (!trace.events().empty()) {
        out = std::max(out, trace.events().back().time.since_epoch_ns());
    }
    return std::max<int64_t>(out, 1);
}

std::vector<uint32_t> witnesses_of(const std::vector<ViolationMarker>& violations) {
    std::vector<uint32_t> out;
    for (const ViolationMarker& v : violations) {
        out.insert(out.end(), v.witness.begin(), v.witness.end());
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

} // namespace

TimelineModel::TimelineModel(std::shared_ptr<const Trace> trace, Report report, Time end)
    : trace_(std::move(trace)), report_(std::move(report)) {
    end_ns_ = run_end_ns(*trace_, end);
    facts_ = extract_facts(*trace_, Time::from_ns(end_ns_));
    overlaps_ = find_belief_overlaps(facts_);
    violations_ = collect_violations(report_, *trace_, facts_, overlaps_);
    witnesses_ = witnesses_of(violations_);
    build_lanes();
}

// Nodes of one role in id order, except that the nodes a violation's witness names come first,
// in the witness's order: with forty clients, the two whose beliefs overlap sit side by side at
// the top instead of thirteen lanes apart.
std::vector<NodeId> TimelineModel::lane_order(const LaneInput& in, NodeRole role) const {
    std::vector<NodeId> out;
    std::vector<bool> placed(in.node_count(), false);
    for (const ViolationMarker& v : violations_) {
        for (uint32_t w : v.witness) {
            const NodeId n = trace_->events()[w].node;
            if (n < in.node_count() && in.role(n) == role && !placed[n]) {
                placed[n] = true;
                out.push_back(n);
            }
        }
    }
    for (NodeId n = 0; n < in.node_count(); ++n) {
        if (in.role(n) == role && !placed[n]) {
            out.push_back(n);
        }
    }
    return out;
}

void TimelineModel::build_lanes() {
    const LaneInput in(*trace_, facts_);
    const NodeEvents events = collect_node_events(in);
    const std::vector<Lease> leases = extract_leases(in);
    const ClientLaneBuilder clients(in, leases, overlaps_);
    const ServerLaneBuilder servers(in, leases);
    const ResourceLaneBuilder resources(in);
    lane_by_node_.assign(in.node_count(), no_lane);
    // Clients first (the story is theirs), then what the servers say, then the resource.
    for (NodeRole role : {NodeRole::client, NodeRole::server, NodeRole::resource}) {
        for (NodeId n : lane_order(in, role)) {
            lane_by_node_[n] = lanes_.size();
            lanes_.push_back(role == NodeRole::client   ? clients.build(n, events)
                             : role == NodeRole::server ? servers.build(n, events)
                                                        : resources.build(n, events));
        }
    }
    lanes_.push_back(NetworkLaneBuilder(in).build(events));
    lanes_.push_back(ClockLaneBuilder(in).build());
    partitions_ = events.partitions;
    causal_ = CausalIndex(in, leases, events);
}

std::optional<size_t> TimelineModel::lane_of_node(NodeId node) const {
    if (node >= lane_by_node_.size() || lane_by_node_[node] == no_lane) {
        return std::nullopt;
    }
    return lane_by_node_[node];
}

std::optional<size_t> TimelineModel::lane_of_kind(LaneKind kind) const {
    for (size_t i = 0; i < lanes_.size(); ++i) {
        if (lanes_[i].kind == kind) {
            return i;
        }
    }
    return std::nullopt;
}

std::optional<size_t> TimelineModel::lane_of_event(uint32_t event) const {
    if (event >= trace_->size()) {
        return std::nullopt;
    }
    // A message's send and delivery sit on the lanes its arrow joins.
    if (auto lane = lane_of_node(trace_->events()[event].node)) {
        return lane;
    }
    return lane_of_kind(LaneKind::network);
}

bool TimelineModel::is_witness(uint32_t event) const {
    return std::binary_search(witnesses_.begin(), witnesses_.end(), event);
}

int64_t TimelineModel::event_time_ns(uint32_t event) const {
    return trace_->events()[event].time.since_epoch_ns();
}

} // namespace lockstep::gui
