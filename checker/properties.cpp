#include "checker/properties.hpp"

#include <algorithm>

#include "checker/assumptions.hpp"

namespace lockstep {
namespace {

std::string node(const Trace& trace, NodeId id) {
    return std::string(trace.node_name(id));
}

} // namespace

PropertyResult check_mutual_exclusion(const Trace& trace, const Facts& facts) {
    PropertyResult r;
    r.name = std::string(property_mutual_exclusion);
    const auto& beliefs = facts.beliefs;
    for (size_t i = 0; i < beliefs.size(); ++i) {
        for (size_t j = i + 1; j < beliefs.size(); ++j) {
            const Belief& a = beliefs[i];
            const Belief& b = beliefs[j]; // b began no earlier than a
            if (b.begin >= a.end) {
                break; // beliefs are sorted by beginning: no later one overlaps a either
            }
            if (a.client == b.client) {
                continue;
            }
            const Time overlap_end = std::min(a.end, b.end);
            r.verdict = Verdict::violated;
            r.summary = node(trace, a.client) + " and " + node(trace, b.client) +
                        " both believed they held the lock from " + format_time_short(b.begin) +
                        " to " + format_time_short(overlap_end) + " (" +
                        format_duration_short(overlap_end - b.begin) + ")";
            r.witness = {a.begin_event, b.begin_event};
            for (size_t end_event : {a.end_event, b.end_event}) {
                if (end_event != SIZE_MAX) {
                    r.witness.push_back(end_event);
                }
            }
            r.assumption = explain_overlap(trace, facts, a, b);
            return r;
        }
    }
    r.summary = beliefs.empty() ? "no client ever held the lock"
                                : count_noun(beliefs.size(), "tenure", "tenures") +
                                      ", no two overlapping in true time";
    return r;
}

PropertyResult check_resource_safety(const Trace& trace, const Facts& facts) {
    PropertyResult r;
    r.name = std::string(property_resource_safety);
    auto tenure_begin = [&](NodeId client, int64_t cycle) {
        for (const Belief& b : facts.beliefs) {
            if (b.client == client && b.cycle == cycle) {
                return b.begin;
            }
        }
        return Time::never();
    };
    Time newest_tenure = Time::zero();
    const Write* newest_writer = nullptr;
    int64_t highest_token = -1;
    size_t accepted = 0;
    for (const Write& w : facts.writes) {
        if (!w.accepted) {
            continue;
        }
        ++accepted;
        const Time tenure = tenure_begin(w.client, w.cycle);
        std::string problem;
        if (newest_writer != nullptr && tenure < newest_tenure) {
            problem = "the resource accepted " + node(trace, w.client) + "'s write at " +
                      format_time_short(w.time) + " from a tenure that began at " +
                      format_time_short(tenure) + ", after accepting " +
                      node(trace, newest_writer->client) + "'s write from a newer tenure (began " +
                      format_time_short(newest_tenure) + ")";
        } else if (w.value != w.previous + 1) {
            problem = "lost update: " + node(trace, w.client) + " wrote " +
                      std::to_string(w.value) + " over " + std::to_string(w.previous) + " at " +
                      format_time_short(w.time) + " (read-modify-write on a stale read)";
        } else if (w.token >= 0 && w.token < highest_token) {
            problem = "accepted token " + std::to_string(w.token) + " after token " +
                      std::to_string(highest_token);
        }
        if (!problem.empty()) {
            r.verdict = Verdict::violated;
            r.summary = problem;
            const bool stale = newest_writer != nullptr && tenure < newest_tenure;
            r.assumption = stale ? explain_stale_write(trace, w, *newest_writer)
                           : w.value != w.previous + 1 ? explain_lost_update(trace, w)
                                                       : std::string();
            r.witness = {w.event};
            if (newest_writer != nullptr) {
                r.witness.insert(r.witness.begin(), newest_writer->event);
            }
            return r;
        }
        if (tenure >= newest_tenure) {
            newest_tenure = tenure;
            newest_writer = &w;
        }
        highest_token = std::max(highest_token, w.token);
    }
    r.summary = accepted == 0
                    ? "the resource accepted no write"
                    : count_noun(accepted, "write", "writes") + " accepted, none stale or lost";
    return r;
}

PropertyResult check_deadlock_free(const Trace& trace, const Facts& facts, Duration stall) {
    PropertyResult r;
    r.name = std::string(property_deadlock_free);
    // A lock server that is down is unavailability (see the metrics), not a deadlock.
    for (size_t n = 0; n < facts.down_at_end.size(); ++n) {
        if (facts.down_at_end[n] && facts.is_lock_server[n]) {
            r.summary = node(trace, NodeId(n)) +
                        " was down when the run ended: unavailable, not deadlocked";
            return r;
        }
    }
    Time last_held = Time::zero();
    for (const Belief& b : facts.beliefs) {
        last_held = std::max(last_held, b.end);
    }
    for (const Wait& w : facts.waits) {
        if (!w.open) {
            continue;
        }
        const Time stuck_since = std::max(w.begin, last_held);
        if (facts.end - stuck_since >= stall && last_held < facts.end) {
            r.verdict = Verdict::violated;
            r.summary = node(trace, w.client) + " waited from " + format_time_short(w.begin) +
                        " to the end of the run (" + format_time_short(facts.end) +
                        ") while nobody held the lock for " +
                        format_duration_short(facts.end - stuck_since);
            r.witness = {w.begin_event};
            r.assumption = explain_deadlock(trace);
            return r;
        }
    }
    r.summary = "no client stuck waiting for a lock nobody held";
    return r;
}

PropertyResult check_starvation_free(const Trace& trace, const Facts& facts, Duration bound) {
    PropertyResult r;
    r.name = std::string(property_starvation_free);
    Duration longest;
    for (const Wait& w : facts.waits) {
        const Duration waited = w.end - w.begin;
        longest = std::max(longest, waited);
        if (waited <= bound) {
            continue;
        }
        size_t others = 0;
        size_t first_other = SIZE_MAX;
        for (const Belief& b : facts.beliefs) {
            if (b.client != w.client && b.begin > w.begin && b.begin < w.end) {
                ++others;
                first_other = std::min(first_other, b.begin_event);
            }
        }
        if (others == 0) {
            continue; // nobody got the lock either: that is deadlock or unavailability
        }
        r.verdict = Verdict::violated;
        r.summary = node(trace, w.client) + " waited " + format_duration_short(waited) +
                    " (more than " + format_duration_short(bound) +
                    ") while others acquired the lock " + count_noun(others, "time", "times");
        r.witness = {w.begin_event, first_other};
        return r;
    }
    r.summary =
        "no client waited over " + format_duration_short(bound) +
        " while others got the lock (longest wait of any kind: " + format_duration_short(longest) +
        ")";
    return r;
}

} // namespace lockstep
