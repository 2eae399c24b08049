#include "checker/sweep.hpp"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace lockstep {

SweepResult sweep_seeds(const SweepOptions& options,
                        const std::function<SeedOutcome(uint64_t seed)>& run_one) {
    SweepResult result;
    result.outcomes.resize(options.count);
    std::atomic<uint64_t> next{0};
    std::atomic<uint64_t> done{0};
    std::atomic<uint64_t> failures{0};
    // Seeds are handed out in increasing order; once seed index k failed, no index above k is
    // started, and every index below k was already handed out and will finish. So the smallest
    // failing seed is found whatever the thread count.
    std::atomic<uint64_t> stop_above{options.count};
    auto worker = [&] {
        for (;;) {
            const uint64_t index = next.fetch_add(1);
            if (index >= options.count || index > stop_above.load()) {
                return;
            }
            SeedOutcome outcome = run_one(options.first_seed + index);
            outcome.seed = options.first_seed + index;
            outcome.completed = true;
            if (outcome.failed) {
                failures.fetch_add(1);
                if (options.stop_at_first_failure) {
                    uint64_t current = stop_above.load();
                    while (index < current && !stop_above.compare_exchange_weak(current, index)) {
                    }
                }
            }
            result.outcomes[index] = std::move(outcome);
            const uint64_t completed = done.fetch_add(1) + 1;
            if (options.on_progress) {
                options.on_progress(completed, failures.load());
            }
        }
    };
    const unsigned jobs = std::max(1u, options.jobs);
    std::vector<std::thread> threads;
    for (unsigned j = 1; j < jobs; ++j) {
        threads.emplace_back(worker);
    }
    worker();
    for (std::thread& t : threads) {
        t.join();
    }
    // Keep exactly the seeds up to the first failure (when stopping), so results match for any
    // thread count even though faster threads may have finished later seeds.
    const uint64_t keep = options.stop_at_first_failure && stop_above.load() < options.count
                              ? stop_above.load() + 1
                              : options.count;
    result.outcomes.resize(keep);
    for (const SeedOutcome& o : result.outcomes) {
        result.completed += o.completed ? 1 : 0;
        if (o.failed && !result.first_failure) {
            result.first_failure = o.seed;
        }
    }
    return result;
}

void record_report(const Report& report, SeedOutcome& out) {
    const auto& properties = property_names();
    const auto& marks = mark_names();
    // Fixed sizes keep a million outcomes allocation-free; a new property or mark past them
    // must widen SeedOutcome, not index past it (asserts are off in release builds).
    if (properties.size() > SeedOutcome::max_properties || marks.size() > 32) {
        throw std::logic_error("SeedOutcome is too small for the checker's properties or marks");
    }
    for (size_t i = 0; i < properties.size(); ++i) {
        const PropertyResult* p = report.property(properties[i]);
        out.verdicts[i] = p == nullptr ? Verdict::inconclusive : p->verdict;
    }
    for (const auto& [mark, count] : report.marks) {
        const auto it = std::find(marks.begin(), marks.end(), mark);
        if (it != marks.end() && count > 0) {
            out.marks_hit |= uint32_t(1) << (it - marks.begin());
        }
    }
}

std::pair<double, double> wilson_interval(uint64_t k, uint64_t n) {
    if (n == 0) {
        return {0.0, 1.0};
    }
    const double z = 1.959963984540054;
    const double p = double(k) / double(n);
    const double denom = 1 + z * z / double(n);
    const double centre = (p + z * z / (2 * double(n))) / denom;
    const double half =
        z * std::sqrt(p * (1 - p) / double(n) + z * z / (4 * double(n) * double(n))) / denom;
    return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

} // namespace lockstep
