#pragma once
// The timeline of one run, with no ImGui in it: lanes (clients, servers, the resource, the
// network, the clocks), partitions, the violations with their witnesses, and the causal links
// between events. Built once from a trace and the checker's report; everything the view draws
// and every question a test asks comes from here.
#include <memory>
#include <optional>
#include <vector>

#include "checker/report.hpp"
#include "checker/timeline.hpp"
#include "gui/belief_overlap.hpp"
#include "gui/causal.hpp"
#include "gui/lane.hpp"
#include "gui/lane_input.hpp"
#include "gui/violations.hpp"

namespace lockstep::gui {

class TimelineModel {
  public:
    TimelineModel(std::shared_ptr<const Trace> trace, Report report, Time end);

    const Trace& trace() const { return *trace_; }
    const std::shared_ptr<const Trace>& shared_trace() const { return trace_; }
    const Report& report() const { return report_; }
    const Facts& facts() const { return facts_; }

    const std::vector<Lane>& lanes() const { return lanes_; }
    // The lane showing `node`, or nullopt.
    std::optional<size_t> lane_of_node(NodeId node) const;
    // The lane an event is drawn in: its node's, or the network's for partitions and heals.
    std::optional<size_t> lane_of_event(uint32_t event) const;
    // The first lane of a kind (the network, the clocks), or nullopt.
    std::optional<size_t> lane_of_kind(LaneKind kind) const;

    const std::vector<Span>& partitions() const { return partitions_; }
    const std::vector<BeliefOverlap>& overlaps() const { return overlaps_; }
    const std::vector<ViolationMarker>& violations() const { return violations_; }
    bool is_witness(uint32_t event) const;
    const CausalIndex& causal() const { return causal_; }

    int64_t begin_ns() const { return 0; }
    int64_t end_ns() const { return end_ns_; }
    int64_t event_time_ns(uint32_t event) const;

  private:
    void build_lanes();
    std::vector<NodeId> lane_order(const LaneInput& in, NodeRole role) const;

    std::shared_ptr<const Trace> trace_;
    Report report_;
    Facts facts_;
    int64_t end_ns_ = 0;
    std::vector<Lane> lanes_;
    std::vector<size_t> lane_by_node_;
    std::vector<Span> partitions_;
    std::vector<BeliefOverlap> overlaps_;
    std::vector<ViolationMarker> violations_;
    std::vector<uint32_t> witnesses_; // sorted
    CausalIndex causal_;
};

} // namespace lockstep::gui
