#include "gui/belief_overlap.hpp"

#include <algorithm>

namespace lockstep::gui {

std::vector<BeliefOverlap> find_belief_overlaps(const Facts& facts) {
    std::vector<size_t> order(facts.beliefs.size());
    for (size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return facts.beliefs[a].begin < facts.beliefs[b].begin;
    });
    std::vector<BeliefOverlap> out;
    std::vector<size_t> active; // beliefs that have begun and may not have ended
    for (size_t index : order) {
        const Belief& b = facts.beliefs[index];
        std::erase_if(active, [&](size_t a) { return facts.beliefs[a].end <= b.begin; });
        for (size_t a : active) {
            const Belief& other = facts.beliefs[a];
            if (other.client == b.client) {
                continue;
            }
            const Time end = std::min(other.end, b.end);
            if (b.begin < end) {
                out.push_back({a, index, b.begin.since_epoch_ns(), end.since_epoch_ns()});
            }
        }
        active.push_back(index);
    }
    return out;
}

std::vector<std::pair<int64_t, int64_t>> uncovered_parts(int64_t begin_ns, int64_t end_ns,
                                                         const std::vector<Span>& cover) {
    std::vector<std::pair<int64_t, int64_t>> out;
    int64_t at = begin_ns;
    for (const Span& c : cover) {
        if (c.begin_ns >= end_ns) {
            break;
        }
        if (c.end_ns <= at) {
            continue;
        }
        if (c.begin_ns > at) {
            out.emplace_back(at, c.begin_ns);
        }
        at = std::max(at, c.end_ns);
    }
    if (at < end_ns) {
        out.emplace_back(at, end_ns);
    }
    return out;
}

} // namespace lockstep::gui
