#include "checker/metrics.hpp"

#include <algorithm>
#include <charconv>

namespace lockstep {
namespace {

Duration percentile(const std::vector<Duration>& sorted, unsigned pct) {
    if (sorted.empty()) {
        return Duration::zero();
    }
    // Nearest rank: the smallest value with at least pct% of the samples at or below it.
    const size_t rank = (sorted.size() * pct + 99) / 100;
    return sorted[std::max<size_t>(rank, 1) - 1];
}

// Time during which someone waited and nobody believed it held the lock.
Duration unavailable_time(const Facts& facts) {
    struct Edge {
        Time at;
        int waiting;
        int holding;
    };
    std::vector<Edge> edges;
    for (const Wait& w : facts.waits) {
        edges.push_back({w.begin, +1, 0});
        edges.push_back({w.end, -1, 0});
    }
    for (const Belief& b : facts.beliefs) {
        edges.push_back({b.begin, 0, +1});
        edges.push_back({b.end, 0, -1});
    }
    std::sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) { return a.at < b.at; });
    Duration total;
    int waiting = 0;
    int holding = 0;
    Time previous = Time::zero();
    for (const Edge& e : edges) {
        if (waiting > 0 && holding == 0) {
            total += e.at - previous;
        }
        waiting += e.waiting;
        holding += e.holding;
        previous = e.at;
    }
    return total;
}

} // namespace

Metrics compute_metrics(const Trace& trace, const Facts& facts, const Report& report) {
    Metrics m;
    std::vector<Duration> latencies;
    uint64_t contended = 0;
    for (const Wait& w : facts.waits) {
        ++m.cycles_started;
        if (w.succeeded) {
            latencies.push_back(w.end - w.begin);
        }
        if (w.failed_attempts > 0 || (!w.succeeded && !w.open)) {
            ++contended;
        }
        m.attempts_failed += w.failed_attempts;
    }
    std::sort(latencies.begin(), latencies.end());
    m.acquisitions = latencies.size();
    m.latency_p50 = percentile(latencies, 50);
    m.latency_p99 = percentile(latencies, 99);
    m.latency_max = latencies.empty() ? Duration::zero() : latencies.back();
    m.contention_pct =
        m.cycles_started == 0 ? 0.0 : 100.0 * double(contended) / double(m.cycles_started);
    for (const Belief& b : facts.beliefs) {
        if (b.end_reason == "released") {
            ++m.critical_sections;
        }
    }
    // Throughput over the busy span (first wait to last release), not the whole run: a flash
    // sale that is over in two seconds of a sixty-second run is not one sale every 24 seconds.
    Time first = facts.end;
    Time last = Time::zero();
    for (const Wait& w : facts.waits) {
        first = std::min(first, w.begin);
    }
    for (const Belief& b : facts.beliefs) {
        last = std::max(last, b.end);
    }
    const double seconds = last > first ? double((last - first).count_ns()) / 1e9 : 0.0;
    m.throughput_per_s = seconds > 0 ? double(m.critical_sections) / seconds : 0.0;
    for (const Write& w : facts.writes) {
        if (!w.accepted) {
            ++m.stale_writes_rejected;
        } else if (w.value != w.previous + 1) {
            ++m.lost_updates;
        }
    }
    for (const TraceEvent& e : trace.events()) {
        if (e.kind == TraceKind::send) {
            ++m.messages_sent;
        } else if (e.kind == TraceKind::model && trace.event_name(e) == "acquire_gave_up") {
            ++m.gave_up;
        }
    }
    // The world's own count, in the header, is what the nodes sent: the same number at every
    // trace level (a checker-level trace records no sends; a full one records a duplicated
    // message twice). A trace without it (hand-made, or a header edited into nonsense) counts
    // its send events.
    for (const auto& [key, value] : trace.meta()) {
        uint64_t sent = 0;
        const char* end = value.data() + value.size();
        if (key == "messages_sent" && std::from_chars(value.data(), end, sent).ptr == end) {
            m.messages_sent = sent;
        }
    }
    const auto marks = report.marks.find("stale_write_accepted");
    m.stale_writes_accepted = marks == report.marks.end() ? 0 : marks->second;
    const PropertyResult* deadlock = report.property(property_deadlock_free);
    if (deadlock != nullptr && deadlock->verdict == Verdict::violated) {
        for (const Wait& w : facts.waits) {
            m.deadlocked_clients += w.open ? 1 : 0;
        }
    }
    m.unavailable = unavailable_time(facts);
    return m;
}

} // namespace lockstep
