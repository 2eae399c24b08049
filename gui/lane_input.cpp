#include "gui/lane_input.hpp"

namespace lockstep::gui {

bool is_resource_event(std::string_view name) {
    return name == "resource_read" || name == "write_accepted" || name == "write_rejected";
}

LaneInput::LaneInput(const Trace& trace, const Facts& facts)
    : trace_(trace), facts_(facts), roles_(trace.node_names().size(), NodeRole::server) {
    for (NodeId n = 0; n < roles_.size(); ++n) {
        by_name_.emplace(trace.node_name(n), n);
        if (n < facts.is_client.size() && facts.is_client[n]) {
            roles_[n] = NodeRole::client;
        }
    }
    // The resource is whoever decides writes: a node with no client events that emits them.
    for (const TraceEvent& e : trace.events()) {
        if (e.kind == TraceKind::model && e.node < roles_.size() &&
            roles_[e.node] == NodeRole::server && is_resource_event(trace.event_name(e))) {
            roles_[e.node] = NodeRole::resource;
        }
    }
}

NodeId LaneInput::node_named(std::string_view name) const {
    const auto it = by_name_.find(name);
    return it == by_name_.end() ? no_node : it->second;
}

NodeId LaneInput::node_field(const TraceEvent& e, std::string_view key) const {
    const TraceField* f = trace_.find(e, key);
    if (f == nullptr || f->value.type != FieldValue::Type::text) {
        return no_node;
    }
    return node_named(trace_.text(static_cast<uint32_t>(f->value.number)));
}

} // namespace lockstep::gui
