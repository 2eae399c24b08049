#pragma once
// What every lane builder reads: the trace, the checker's facts (so that the beliefs drawn are
// exactly the beliefs judged), each node's role, and node lookup by the names events carry.
#include <string_view>
#include <unordered_map>
#include <vector>

#include "checker/timeline.hpp"
#include "sim/trace.hpp"

namespace lockstep::gui {

enum class NodeRole : uint8_t { client, server, resource };

class LaneInput {
  public:
    LaneInput(const Trace& trace, const Facts& facts);

    const Trace& trace() const { return trace_; }
    const Facts& facts() const { return facts_; }
    size_t node_count() const { return roles_.size(); }
    NodeRole role(NodeId node) const { return roles_[node]; }
    // The node called `name`, or no_node (a holder named in a field, say).
    NodeId node_named(std::string_view name) const;
    // The node named by a text field of `e` ("holder", "client"), or no_node.
    NodeId node_field(const TraceEvent& e, std::string_view key) const;
    int64_t end_ns() const { return facts_.end.since_epoch_ns(); }

  private:
    const Trace& trace_;
    const Facts& facts_;
    std::vector<NodeRole> roles_;
    std::unordered_map<std::string_view, NodeId> by_name_;
};

// Whether a model event is the protected resource's (reads and writes).
bool is_resource_event(std::string_view name);

} // namespace lockstep::gui
