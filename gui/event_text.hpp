#pragma once
// Events as people read them: one line for the log and tooltips, and the full list of fields for
// the selection panel. Fields whose key ends in _ns are shown as durations.
#include <string>
#include <utility>
#include <vector>

#include "sim/trace.hpp"

namespace lockstep::gui {

// "30.780468595s  c2  acquired  cycle=1 token=34 attempts=20 validity=29.998464727s"
std::string event_line(const Trace& trace, const TraceEvent& e);

// What the event is, in a word or two: "acquired", "send redis.set_nx_px", "pause_begin".
std::string event_title(const Trace& trace, const TraceEvent& e);

// Every field, the fixed ones (time, local clock, node, peer, message) first.
std::vector<std::pair<std::string, std::string>> event_fields(const Trace& trace,
                                                              const TraceEvent& e);

// A field's value as text ("34", "c1", "true", "30s" for a *_ns key).
std::string field_text(const Trace& trace, const TraceField& f);

} // namespace lockstep::gui
