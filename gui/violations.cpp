#include "gui/violations.hpp"

#include <algorithm>

namespace lockstep::gui {
namespace {

bool contains(const std::vector<uint32_t>& sorted, size_t event) {
    return std::binary_search(sorted.begin(), sorted.end(), static_cast<uint32_t>(event));
}

// The overlaps between beliefs the witness names; all overlaps if it names none of them.
std::vector<TimeRange> overlap_ranges(const ViolationMarker& v, const Facts& facts,
                                      const std::vector<BeliefOverlap>& overlaps) {
    std::vector<TimeRange> named, all;
    for (const BeliefOverlap& o : overlaps) {
        all.push_back({o.begin_ns, o.end_ns});
        if (contains(v.witness, facts.beliefs[o.first].begin_event) &&
            contains(v.witness, facts.beliefs[o.second].begin_event)) {
            named.push_back({o.begin_ns, o.end_ns});
        }
    }
    return named.empty() ? all : named;
}

TimeRange hull(const std::vector<TimeRange>& ranges) {
    TimeRange h = ranges.front();
    for (const TimeRange& r : ranges) {
        h.begin_ns = std::min(h.begin_ns, r.begin_ns);
        h.end_ns = std::max(h.end_ns, r.end_ns);
    }
    return h;
}

} // namespace

std::vector<ViolationMarker> collect_violations(const Report& report, const Trace& trace,
                                                const Facts& facts,
                                                const std::vector<BeliefOverlap>& overlaps) {
    std::vector<ViolationMarker> out;
    for (const PropertyResult& p : report.properties) {
        if (p.verdict != Verdict::violated) {
            continue;
        }
        ViolationMarker v{p.name, p.summary, p.assumption, {}, {}, {}};
        for (size_t w : p.witness) {
            if (w < trace.size()) {
                v.witness.push_back(static_cast<uint32_t>(w));
            }
        }
        std::sort(v.witness.begin(), v.witness.end());
        if (p.name == property_mutual_exclusion) {
            v.ranges = overlap_ranges(v, facts, overlaps);
        }
        if (v.ranges.empty()) {
            for (uint32_t w : v.witness) {
                const int64_t t = trace.events()[w].time.since_epoch_ns();
                v.ranges.push_back({t, t});
            }
        }
        if (v.ranges.empty()) {
            v.ranges.push_back({0, facts.end.since_epoch_ns()}); // a verdict with no witness
        }
        v.focus = hull(v.ranges);
        out.push_back(std::move(v));
    }
    return out;
}

TimeRange padded_focus(const ViolationMarker& v) {
    const int64_t width = v.focus.end_ns - v.focus.begin_ns;
    const int64_t pad = std::max<int64_t>(width, 1'000'000); // at least 1 ms either side
    return {v.focus.begin_ns - pad, v.focus.end_ns + pad};
}

uint32_t focal_witness(const ViolationMarker& v, const Trace& trace) {
    for (uint32_t w : v.witness) {
        const int64_t t = trace.events()[w].time.since_epoch_ns();
        if (t >= v.focus.begin_ns && t <= v.focus.end_ns) {
            return w;
        }
    }
    return v.witness.empty() ? no_event : v.witness.front();
}

} // namespace lockstep::gui
