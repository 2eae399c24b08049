#pragma once
// Interval arithmetic on beliefs: where two clients believe at once (the lock-level violation),
// and where a client believes while no server says it holds the lock (the gap).
#include <cstdint>
#include <vector>

#include "checker/timeline.hpp"
#include "gui/lane.hpp"

namespace lockstep::gui {

struct BeliefOverlap {
    size_t first = 0; // indices into Facts::beliefs, first.begin <= second.begin
    size_t second = 0;
    int64_t begin_ns = 0;
    int64_t end_ns = 0;
};

// Every pair of beliefs of different clients that overlap in true time, by a sweep over the
// beliefs in order of their beginning (the checker's facts keep them in that order).
std::vector<BeliefOverlap> find_belief_overlaps(const Facts& facts);

// The parts of [begin_ns, end_ns) that no interval of `cover` covers; `cover` is sorted by begin.
std::vector<std::pair<int64_t, int64_t>> uncovered_parts(int64_t begin_ns, int64_t end_ns,
                                                         const std::vector<Span>& cover);

} // namespace lockstep::gui
