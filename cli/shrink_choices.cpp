#include "cli/shrink_choices.hpp"

#include <algorithm>
#include <optional>

namespace lockstep {
namespace {

// Smaller means fewer non-default decisions, then a shorter string, then smaller values: a
// strict order, so accepting only smaller candidates always terminates.
bool smaller(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
    const size_t da = count_decided(a);
    const size_t db = count_decided(b);
    if (da != db) {
        return da < db;
    }
    if (a.size() != b.size()) {
        return a.size() < b.size();
    }
    return a < b;
}

void trim_defaults(std::vector<uint64_t>& values) {
    while (!values.empty() && values.back() == 0) {
        values.pop_back(); // past the end of a script every choice is 0 anyway
    }
}

class ChoiceShrinker {
  public:
    ChoiceShrinker(const Scenario& scenario, uint64_t seed, std::string property, size_t max_runs)
        : scenario_(scenario), seed_(seed), property_(std::move(property)), max_runs_(max_runs) {}

    // The decisions the run with `script` actually took, when it still violates the property.
    // A script that no longer fits (a zeroed latency changes what comes next) is clamped by the
    // replaying chooser; the run's own log is the exact string to keep.
    std::optional<std::vector<uint64_t>> failing_run(const std::vector<uint64_t>& script) {
        ++runs_;
        RunRequest request;
        request.seed = seed_;
        request.level = TraceLevel::checker;
        request.choices = script;
        const RunOutcome run = run_scenario(scenario_, request);
        const PropertyResult* p = run.report.property(property_);
        if (p == nullptr || p->verdict != Verdict::violated) {
            return std::nullopt;
        }
        std::vector<uint64_t> taken = decode_choices(run.choices).values;
        trim_defaults(taken);
        return taken;
    }

    bool budget_left() const { return runs_ < max_runs_; }
    size_t runs() const { return runs_; }

    // Accepts `script` when its run still fails and took a smaller path than `current`.
    bool try_script(std::vector<uint64_t>& current, const std::vector<uint64_t>& script) {
        if (!budget_left()) {
            return false;
        }
        const auto taken = failing_run(script);
        if (taken && smaller(*taken, current)) {
            current = *taken;
            return true;
        }
        return false;
    }

    // Delta debugging over the non-default decisions: zero them in chunks, halving the chunk
    // whenever no chunk of that size can go.
    void zero_chunks(std::vector<uint64_t>& current) {
        size_t chunk = std::max<size_t>(1, count_decided(current) / 2);
        while (budget_left()) {
            bool progress = false;
            std::vector<size_t> decided = positions(current);
            size_t start = 0;
            while (start < decided.size() && budget_left()) {
                std::vector<uint64_t> candidate = current;
                for (size_t k = start; k < std::min(decided.size(), start + chunk); ++k) {
                    candidate[decided[k]] = 0;
                }
                if (try_script(current, candidate)) {
                    progress = true;
                    decided = positions(current); // the next chunk now starts at `start`
                } else {
                    start += chunk;
                }
            }
            if (!progress) {
                if (chunk == 1) {
                    return;
                }
                chunk /= 2;
            }
        }
    }

    // What cannot be zeroed may still be smaller: the least value of each that still fails
    // (a latency just long enough, the first reordering that matters).
    void lower_values(std::vector<uint64_t>& current) {
        for (size_t i = 0; i < current.size() && budget_left(); ++i) {
            uint64_t lo = 0; // the largest value known not to fail (0 was tried by zero_chunks)
            while (budget_left() && i < current.size() && current[i] > lo + 1) {
                const uint64_t mid = lo + (current[i] - lo) / 2;
                std::vector<uint64_t> candidate = current;
                candidate[i] = mid;
                if (!try_script(current, candidate)) {
                    lo = mid;
                }
            }
        }
    }

  private:
    static std::vector<size_t> positions(const std::vector<uint64_t>& values) {
        std::vector<size_t> out;
        for (size_t i = 0; i < values.size(); ++i) {
            if (values[i] != 0) {
                out.push_back(i);
            }
        }
        return out;
    }

    const Scenario& scenario_;
    uint64_t seed_;
    std::string property_;
    size_t max_runs_;
    size_t runs_ = 0;
};

} // namespace

size_t count_decided(const std::vector<uint64_t>& values) {
    return size_t(std::count_if(values.begin(), values.end(), [](uint64_t v) { return v != 0; }));
}

ChoiceShrink shrink_choices(const Scenario& scenario, uint64_t seed, const std::string& property,
                            size_t max_runs) {
    ChoiceShrink out;
    RunRequest request;
    request.seed = seed;
    request.level = TraceLevel::checker;
    const RunOutcome original = run_scenario(scenario, request);
    std::vector<uint64_t> current = decode_choices(original.choices).values;
    trim_defaults(current);
    out.decided_before = count_decided(current);
    ChoiceShrinker shrinker(scenario, seed, property, max_runs);
    // The replayed seed must fail too, or there is nothing to shrink.
    if (!shrinker.failing_run(current)) {
        out.runs = shrinker.runs();
        return out;
    }
    if (!shrinker.try_script(current, {})) {
        shrinker.zero_chunks(current);
        shrinker.lower_values(current);
    }
    out.ok = true;
    out.choices = encode_choices(current);
    out.decided_after = count_decided(current);
    out.runs = shrinker.runs();
    return out;
}

} // namespace lockstep
