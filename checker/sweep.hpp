#pragma once
// Many seeds on many threads, with results that do not depend on the thread count: outcomes are
// kept by seed, and "the first failure" is the smallest failing seed, not the first to finish.
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "checker/report.hpp"
#include "checker/verdict.hpp"

namespace lockstep {

// One seed's result, kept for every seed of a sweep: fixed-size, so that a million of them cost
// no allocation to make, tally or free.
struct SeedOutcome {
    static constexpr size_t max_properties = 8;
    uint64_t seed = 0;
    std::array<Verdict, max_properties> verdicts{}; // by property_names() index
    uint32_t marks_hit = 0;                         // bit i: mark_names()[i] was hit
    Metrics metrics;
    bool failed = false; // broke the scenario's expectations
    bool completed = false;
};

// The outcome's verdicts and marks from a run's report.
void record_report(const Report& report, SeedOutcome& out);

struct SweepOptions {
    uint64_t first_seed = 1;
    uint64_t count = 100;
    unsigned jobs = 1;
    bool stop_at_first_failure = true;
    // Called from worker threads after each seed with the number completed so far.
    std::function<void(uint64_t completed, uint64_t failures)> on_progress;
};

struct SweepResult {
    std::vector<SeedOutcome> outcomes; // by seed; only completed ones count
    uint64_t completed = 0;
    std::optional<uint64_t> first_failure;
};

// Runs `run_one(seed)` for every seed; run_one must be thread-safe and deterministic in its seed.
SweepResult sweep_seeds(const SweepOptions& options,
                        const std::function<SeedOutcome(uint64_t seed)>& run_one);

// Wilson score interval for k successes in n trials at 95% confidence, as [low, high].
std::pair<double, double> wilson_interval(uint64_t k, uint64_t n);

} // namespace lockstep
