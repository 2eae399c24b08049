#pragma once
// One pass over the trace that files every event that is not part of a bar or an arrow as a mark
// on its node, and collects the bands: pauses and downtime per node, partitions for everyone.
// Together with beliefs, leases and messages this puts every event of the trace somewhere on the
// timeline, so that selecting any event in the log has something to point at.
#include <string_view>
#include <vector>

#include "gui/lane.hpp"
#include "gui/lane_input.hpp"

namespace lockstep::gui {

struct NodeEvents {
    std::vector<std::vector<Mark>> marks; // per node, in time order
    std::vector<std::vector<Span>> bands; // per node: pauses, downtime
    std::vector<Span> partitions;         // global bands; `value` is the rule id
    std::vector<Mark> global_marks;       // events with no node: partition, heal
};

NodeEvents collect_node_events(const LaneInput& in);

// The style of a model event's mark; beliefs and leases, drawn as bars, are not marks.
Style model_event_style(std::string_view name);
bool is_bar_event(std::string_view name);

} // namespace lockstep::gui
