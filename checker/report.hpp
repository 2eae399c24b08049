#pragma once
// What the checker says about one run: every property with its verdict and witness, the coverage
// marks, and the metrics. Computed from the trace alone (DESIGN principle 10).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "checker/verdict.hpp"
#include "sim/time.hpp"
#include "sim/trace.hpp"

namespace lockstep {

struct PropertyResult {
    std::string name;
    Verdict verdict = Verdict::holds;
    std::string summary;         // one line a person reads: what happened, when, to whom
    std::vector<size_t> witness; // indices into the trace's events
    std::string assumption;      // the model assumption the run broke, when known
};

struct Metrics {
    uint64_t cycles_started = 0;
    uint64_t acquisitions = 0;
    uint64_t critical_sections = 0; // completed with a release
    uint64_t attempts_failed = 0;
    uint64_t gave_up = 0;
    double contention_pct = 0;                      // cycles whose first attempt did not succeed
    Duration latency_p50, latency_p99, latency_max; // acquire_start -> acquired
    double throughput_per_s = 0;                    // critical sections per simulated second
    uint64_t deadlocked_clients = 0;                // waiting at the end while nobody held the lock
    Duration unavailable; // time someone waited while nobody held the lock
    uint64_t stale_writes_accepted = 0;
    uint64_t stale_writes_rejected = 0;
    uint64_t lost_updates = 0;
    uint64_t messages_sent = 0;
};

struct Report {
    std::vector<PropertyResult> properties;
    std::map<std::string, uint64_t> marks; // mark name -> times hit
    Metrics metrics;

    const PropertyResult* property(std::string_view name) const;
    bool hit(std::string_view mark) const;
};

// Checks a finished run. `end` is when the run stopped (beliefs still open end there).
Report check_trace(const Trace& trace, Time end);

struct ExpectationResult {
    bool met = true;
    std::vector<std::string> failures; // "mutual_exclusion: expected holds, got violated"
};
ExpectationResult compare(const Report& report, const Expectation& expect);

} // namespace lockstep
