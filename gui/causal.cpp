#include "gui/causal.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

namespace lockstep::gui {

std::string_view relation_name(Relation r) {
    static constexpr std::array<std::string_view, 9> names = {
        "sent by", "delivered as", "dropped as", "granted by",
        "led to",  "ended by",     "began with", "written during the tenure of",
        "wrote"};
    return names[static_cast<size_t>(r)];
}

namespace {

bool is_cause(Relation r) {
    return r == Relation::sent_by || r == Relation::granted_by || r == Relation::began_with ||
           r == Relation::written_during;
}

} // namespace

CausalIndex::CausalIndex(const LaneInput& in, const std::vector<Lease>& leases,
                         const NodeEvents& events) {
    link_messages(in);
    link_tenures(in);
    for (const Belief& b : in.facts().beliefs) {
        if (b.end_event != SIZE_MAX) {
            link(static_cast<uint32_t>(b.begin_event), Relation::ended_by,
                 static_cast<uint32_t>(b.end_event), Relation::began_with);
        }
    }
    for (const Lease& l : leases) {
        if (l.span.end_event != no_event) {
            link(l.span.begin_event, Relation::ended_by, l.span.end_event, Relation::granted_by);
        }
    }
    for (const auto& bands : events.bands) {
        for (const Span& s : bands) {
            if (s.end_event != no_event) {
                link(s.begin_event, Relation::ended_by, s.end_event, Relation::began_with);
            }
        }
    }
    std::sort(edges_.begin(), edges_.end(), [](const Edge& a, const Edge& b) {
        return a.from != b.from ? a.from < b.from : a.to < b.to;
    });
}

void CausalIndex::link(uint32_t a, Relation forward, uint32_t b, Relation backward) {
    edges_.push_back({a, b, forward});
    edges_.push_back({b, a, backward});
}

void CausalIndex::link_messages(const LaneInput& in) {
    std::unordered_map<uint64_t, uint32_t> sends;
    const auto& events = in.trace().events();
    for (uint32_t i = 0; i < events.size(); ++i) {
        const TraceEvent& e = events[i];
        if (e.kind == TraceKind::send) {
            sends[e.msg] = i;
        } else if (e.kind == TraceKind::deliver || e.kind == TraceKind::drop) {
            const auto it = sends.find(e.msg);
            if (it != sends.end()) {
                link(it->second,
                     e.kind == TraceKind::deliver ? Relation::delivered_as : Relation::dropped_as,
                     i, Relation::sent_by);
            }
        }
    }
}

// Grants wait for the acquired they lead to (several, for Redlock's majority); a new
// acquire_start forgets grants that never turned into a belief. Writes belong to the writer's
// latest acquisition.
void CausalIndex::link_tenures(const LaneInput& in) {
    std::vector<std::vector<uint32_t>> pending(in.node_count());
    std::vector<uint32_t> tenure(in.node_count(), no_event);
    const auto& events = in.trace().events();
    for (uint32_t i = 0; i < events.size(); ++i) {
        const TraceEvent& e = events[i];
        if (e.kind != TraceKind::model || e.node >= in.node_count()) {
            continue;
        }
        const std::string_view name = in.trace().event_name(e);
        if (name == "lock_granted") {
            const NodeId holder = in.node_field(e, "holder");
            if (holder != no_node) {
                pending[holder].push_back(i);
            }
        } else if (name == "acquire_start") {
            pending[e.node].clear();
        } else if (name == "acquired") {
            for (uint32_t grant : pending[e.node]) {
                link(grant, Relation::led_to, i, Relation::granted_by);
            }
            pending[e.node].clear();
            tenure[e.node] = i;
        } else if (name == "write_accepted" || name == "write_rejected") {
            const NodeId writer = in.node_field(e, "client");
            if (writer != no_node && tenure[writer] != no_event) {
                link(tenure[writer], Relation::wrote, i, Relation::written_during);
            }
        }
    }
}

std::vector<Neighbour> CausalIndex::neighbours(uint32_t event) const {
    const auto first = std::lower_bound(edges_.begin(), edges_.end(), event,
                                        [](const Edge& e, uint32_t v) { return e.from < v; });
    std::vector<Neighbour> causes, effects;
    for (auto it = first; it != edges_.end() && it->from == event; ++it) {
        (is_cause(it->relation) ? causes : effects).push_back({it->relation, it->to});
    }
    causes.insert(causes.end(), effects.begin(), effects.end());
    return causes;
}

} // namespace lockstep::gui
