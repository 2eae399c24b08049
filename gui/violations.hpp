#pragma once
// The violated properties as the timeline shows them: the witness events to highlight, the time
// ranges to mark in the ruler (where two beliefs overlap, or the instants of the stale writes),
// and the span "jump to violation" brings into view.
#include <string>
#include <vector>

#include "checker/report.hpp"
#include "gui/belief_overlap.hpp"

namespace lockstep::gui {

struct TimeRange {
    int64_t begin_ns = 0;
    int64_t end_ns = 0; // equal to begin_ns for an instant
};

struct ViolationMarker {
    std::string property;
    std::string summary;
    std::string assumption;
    std::vector<uint32_t> witness; // event indices, sorted
    std::vector<TimeRange> ranges; // what the ruler marks
    TimeRange focus;               // what "jump to violation" shows (before padding)
};

std::vector<ViolationMarker> collect_violations(const Report& report, const Trace& trace,
                                                const Facts& facts,
                                                const std::vector<BeliefOverlap>& overlaps);

// The view span for a violation: its focus with room around it, so the ranges sit in the middle
// third and an instant still gets a readable neighbourhood.
TimeRange padded_focus(const ViolationMarker& v);

// The witness to select when jumping to a violation: the first one inside its focus (the
// overlapping belief rather than a belief that began long before), else the first.
uint32_t focal_witness(const ViolationMarker& v, const Trace& trace);

} // namespace lockstep::gui
