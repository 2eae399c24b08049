#pragma once
// The readable timeline `lockstep run` prints: one line per significant event, with true time,
// the node, its local clock where it differs, and what happened in words.
#include <map>
#include <string>

#include "sim/trace.hpp"

namespace lockstep {

struct TimelineStyle {
    bool color = false;
    bool verbose = false;                // failed attempts, busy replies, program points, drops
    bool messages = false;               // every send and delivery
    std::map<size_t, std::string> notes; // event index -> note shown beside it (witnesses)
};

std::string format_timeline(const Trace& trace, const TimelineStyle& style);

// For a network fault's event (node: the sending end, peer: the receiving end): "c1" or
// "any node", and for a loss window its chance, "" when every message is lost, else "25%".
std::string link_end(const Trace& trace, NodeId node);
std::string loss_percent(const Trace& trace, const TraceEvent& loss_begin);

// One event in words, without time and node ("acquired the lock, token 34"); empty when the
// style leaves the event out.
std::string describe_event(const Trace& trace, const TraceEvent& event, const TimelineStyle& style);

} // namespace lockstep
