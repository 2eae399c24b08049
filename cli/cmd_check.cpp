// `lockstep check`: many seeds in parallel (optionally with swarm faults), results identical for
// any thread count; the first failure is re-run in full, shrunk and printed with its replay.
#include <algorithm>
#include <cstdio>
#include <thread>

#include <fmt/format.h>
#include <unistd.h>

#include "checker/sweep.hpp"
#include "cli/cmd_support.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/progress.hpp"
#include "cli/report_output.hpp"
#include "cli/shrink.hpp"
#include "cli/timeline_text.hpp"
#include "sim/trace_io.hpp"

namespace lockstep {
namespace {

const Verdict* expected_verdict(const Expectation& full, std::string_view property) {
    for (const auto& p : full.properties) {
        if (p.name == property) {
            return &p.verdict;
        }
    }
    return nullptr;
}

// A seed fails when it violates a property the scenario expects to hold.
SeedOutcome judge(const RunOutcome& run, const Expectation& full) {
    SeedOutcome o;
    record_report(run.report, o);
    for (size_t i = 0; i < property_names().size(); ++i) {
        const Verdict* want = expected_verdict(full, property_names()[i]);
        o.failed = o.failed || (want != nullptr && *want == Verdict::holds &&
                                o.verdicts[i] == Verdict::violated);
    }
    o.metrics = run.report.metrics;
    return o;
}

struct Tally {
    std::vector<uint64_t> violated; // per property
    std::map<std::string, uint64_t> marks;
    uint64_t runs = 0;
    std::vector<Duration> p50s, p99s;
    std::vector<Duration> unavailable; // per run
    std::vector<double> throughputs;   // critical sections per second, per run
    uint64_t messages_sent = 0;
    Duration worst_latency;
    double contention_sum = 0;
    uint64_t deadlocked = 0, stale_accepted = 0, stale_rejected = 0, lost_updates = 0;
    // The sweep stopped at its first failing seed: what needs "some seed" (a property expected
    // violated, a mark) was not given every seed, so it is not judged.
    bool stopped_early = false;
};

// The upper median; linear time (a sweep may hand it a million values).
template <class T>
T median(std::vector<T> v) {
    if (v.empty()) {
        return T{};
    }
    const auto middle = v.begin() + long(v.size() / 2);
    std::nth_element(v.begin(), middle, v.end());
    return *middle;
}

Duration longest(const std::vector<Duration>& v) {
    return v.empty() ? Duration::zero() : *std::max_element(v.begin(), v.end());
}

// Metrics over many runs: medians of the per-run percentiles, worst case, totals.
std::string aggregate_metrics(const Tally& t) {
    return fmt::format(
        "metrics over {}\n  latency p50 (median of runs) {}, p99 (median of runs) {}, "
        "worst {}\n  mean contention {:.1f}%, deadlocked clients {}, stale writes accepted {} "
        "rejected {}, lost updates {}\n  throughput (median of runs) {:.3f} critical sections/s, "
        "unavailable (median of runs) {}, worst {}, messages sent {} ({:.0f} per run)\n",
        count_noun(t.runs, "run", "runs"), format_duration_short(median(t.p50s)),
        format_duration_short(median(t.p99s)), format_duration_short(t.worst_latency),
        t.runs ? t.contention_sum / double(t.runs) : 0.0, t.deadlocked, t.stale_accepted,
        t.stale_rejected, t.lost_updates, median(t.throughputs),
        format_duration_short(median(t.unavailable)), format_duration_short(longest(t.unavailable)),
        t.messages_sent, t.runs ? double(t.messages_sent) / double(t.runs) : 0.0);
}

Tally tally(const SweepResult& result) {
    Tally t;
    t.violated.assign(property_names().size(), 0);
    for (const SeedOutcome& o : result.outcomes) {
        if (!o.completed) {
            continue;
        }
        ++t.runs;
        for (size_t i = 0; i < property_names().size(); ++i) {
            t.violated[i] += o.verdicts[i] == Verdict::violated ? 1 : 0;
        }
        for (size_t i = 0; i < mark_names().size(); ++i) {
            if ((o.marks_hit >> i & 1u) != 0) {
                ++t.marks[std::string(mark_names()[i])];
            }
        }
        const Metrics& m = o.metrics;
        if (m.acquisitions > 0) {
            t.p50s.push_back(m.latency_p50);
            t.p99s.push_back(m.latency_p99);
        }
        t.worst_latency = std::max(t.worst_latency, m.latency_max);
        t.contention_sum += m.contention_pct;
        t.deadlocked += m.deadlocked_clients;
        t.stale_accepted += m.stale_writes_accepted;
        t.stale_rejected += m.stale_writes_rejected;
        t.lost_updates += m.lost_updates;
        t.unavailable.push_back(m.unavailable);
        t.throughputs.push_back(m.throughput_per_s);
        t.messages_sent += m.messages_sent;
    }
    return t;
}

constexpr std::string_view not_judged =
    "not judged (stopped at the first failure; --all runs every seed)";

// Holds-properties must hold in every seed; violated-properties and marks need one witness seed.
bool expectations_met(const Tally& t, const Expectation& full, const Expectation& stated,
                      std::string& out) {
    bool met = true;
    for (size_t i = 0; i < property_names().size(); ++i) {
        const std::string_view name = property_names()[i];
        const Verdict want = *expected_verdict(full, name);
        const auto [low, high] = wilson_interval(t.violated[i], t.runs);
        const bool ok = want == Verdict::holds ? t.violated[i] == 0 : t.violated[i] > 0;
        met = met && ok;
        const bool judged = ok || want == Verdict::holds || !t.stopped_early;
        out += fmt::format(
            "  {:<17} violated in {}/{} seeds ({:.1f}%, 95% CI {:.1f}-{:.1f}%)  "
            "expected {}: {}\n",
            name, t.violated[i], t.runs,
            t.runs ? 100.0 * double(t.violated[i]) / double(t.runs) : 0.0, 100 * low, 100 * high,
            want == Verdict::holds ? "to hold in every seed" : "violated in some seed",
            ok       ? "yes"
            : judged ? "NO"
                     : not_judged);
    }
    for (const std::string& mark : stated.marks) {
        const auto it = t.marks.find(mark);
        const bool ok = it != t.marks.end();
        met = met && ok;
        const std::string verdict = ok                ? ""
                                    : t.stopped_early ? "  " + std::string(not_judged)
                                                      : "  NOT hit";
        out += fmt::format("  mark {:<28} hit in {}{}\n", mark,
                           count_noun(ok ? it->second : 0, "seed", "seeds"), verdict);
    }
    return met;
}

// Prints the failing seed's run; false when its --trace file could not be written.
bool print_failure(const CommandLine& cl, const Scenario& scenario, const RunRequest& base,
                   uint64_t seed) {
    RunRequest request = base;
    request.seed = seed;
    request.level = TraceLevel::full;
    request.record_choices = true; // the sweep did not need them; the --trace header does
    const RunOutcome run = run_scenario(scenario, request);
    TimelineStyle style;
    style.color = use_color(cl.color);
    style.verbose = cl.verbose;
    style.messages = cl.messages;
    const bool written =
        cl.trace_path.empty() || write_file(cl.trace_path, trace_to_jsonl(run.world->trace()));
    for (const PropertyResult& p : run.report.properties) {
        if (p.verdict == Verdict::violated) {
            for (size_t w : p.witness) {
                style.notes[w] = p.name;
            }
        }
    }
    std::string out = fmt::format("\nfirst failing seed: {}\n", seed);
    if (!cl.quiet) {
        out += "\n" + format_timeline(run.world->trace(), style) + "\n";
    }
    out += format_summary(run, SummaryStyle{style.color});
    out += "replay\n  " + replay_command(scenario, seed, cl.overrides, cl.swarm) + "\n";
    std::fputs(out.c_str(), stdout);
    return written;
}

std::string check_json(const Scenario& scenario, const Tally& t, const SweepResult& result,
                       const CommandLine& cl, bool met) {
    std::string out = "{\n  \"format\": \"lockstep-check\",\n  \"version\": 1,\n";
    auto json = [](std::string_view text) {
        std::string quoted;
        append_json_string(quoted, text);
        return quoted;
    };
    out += fmt::format("  \"scenario\": {},\n  \"file\": {},\n", json(scenario.system.name),
                       json(scenario.path));
    out += fmt::format("  \"seeds\": {},\n  \"swarm\": {},\n  \"expectations_met\": {},\n", t.runs,
                       json(cl.swarm), met ? "true" : "false");
    out += "  \"first_failing_seed\": " +
           (result.first_failure ? std::to_string(*result.first_failure) : std::string("null")) +
           ",\n  \"violations\": {";
    for (size_t i = 0; i < property_names().size(); ++i) {
        out += fmt::format("{}\"{}\": {}", i ? ", " : "", property_names()[i], t.violated[i]);
    }
    out += "},\n  \"marks\": {";
    size_t k = 0;
    for (const auto& [mark, count] : t.marks) {
        out += fmt::format("{}\"{}\": {}", k++ ? ", " : "", mark, count);
    }
    out += "},\n";
    out += fmt::format(
        "  \"metrics\": {{\"latency_p50_median_ns\": {}, \"latency_p99_median_ns\": {}, "
        "\"latency_max_ns\": {}, \"contention_pct_mean\": {:.3f}, "
        "\"throughput_median_per_s\": {:.6f}, \"unavailable_median_ns\": {}, "
        "\"unavailable_max_ns\": {}, \"deadlocked_clients\": {}, "
        "\"stale_writes_accepted\": {}, \"stale_writes_rejected\": {}, \"lost_updates\": {}, "
        "\"messages_sent\": {}}}\n}}\n",
        median(t.p50s).count_ns(), median(t.p99s).count_ns(), t.worst_latency.count_ns(),
        t.runs ? t.contention_sum / double(t.runs) : 0.0, median(t.throughputs),
        median(t.unavailable).count_ns(), longest(t.unavailable).count_ns(), t.deadlocked,
        t.stale_accepted, t.stale_rejected, t.lost_updates, t.messages_sent);
    return out;
}

std::vector<JunitCase> check_cases(const Scenario& scenario, const Tally& t,
                                   const Expectation& full, const std::string& replay) {
    std::vector<JunitCase> cases;
    for (size_t i = 0; i < property_names().size(); ++i) {
        const std::string_view name = property_names()[i];
        const Verdict want = *expected_verdict(full, name);
        JunitCase c;
        c.scenario = scenario.system.name;
        c.file = scenario.path;
        c.property = std::string(name);
        const bool unmet = want == Verdict::holds ? t.violated[i] > 0 : t.violated[i] == 0;
        c.skipped = unmet && want != Verdict::holds && t.stopped_early;
        c.failed = unmet && !c.skipped;
        if (c.failed) {
            c.message = fmt::format("violated in {} of {} seeds; expected {}", t.violated[i],
                                    t.runs, want == Verdict::holds ? "none" : "some");
            c.detail = "replay: " + replay;
        } else if (c.skipped) {
            c.message = std::string(not_judged);
        }
        cases.push_back(c);
    }
    for (const std::string& mark : scenario.expect.marks) {
        JunitCase c;
        c.scenario = scenario.system.name;
        c.file = scenario.path;
        c.property = "mark " + mark;
        const bool unmet = t.marks.find(mark) == t.marks.end();
        c.skipped = unmet && t.stopped_early;
        c.failed = unmet && !c.skipped;
        if (c.failed) {
            c.message =
                fmt::format("coverage mark never hit in {}", count_noun(t.runs, "seed", "seeds"));
            c.detail = "replay: " + replay;
        } else if (c.skipped) {
            c.message = std::string(not_judged);
        }
        cases.push_back(c);
    }
    return cases;
}

// One scenario's sweep, report and files; its JUnit cases join `junit`. One line goes to
// `summary` for the table printed after several scenarios.
int check_file(const CommandLine& cl, const std::string& file, RunRequest base,
               std::vector<JunitCase>& junit, std::string& summary) {
    const auto unusable = [&] {
        junit.push_back(unusable_file_case(file));
        summary += fmt::format("  {:<36} could not be loaded or run\n", file);
        return exit_bad_input;
    };
    const std::optional<Scenario> scenario = load_or_report(cl, file);
    if (!scenario) {
        return unusable();
    }
    base.level = TraceLevel::checker;
    base.record_choices = false;
    const Expectation full = full_expectation(scenario->expect);
    SweepOptions options;
    options.first_seed = cl.seed.value_or(1);
    options.count = cl.seeds;
    options.jobs = cl.jobs != 0 ? cl.jobs : std::max(1u, std::thread::hardware_concurrency());
    options.stop_at_first_failure = !cl.all;
    Progress progress(options.count, isatty(STDERR_FILENO) != 0);
    options.on_progress = [&](uint64_t done, uint64_t failures) {
        progress.update(done, failures);
    };
    std::printf("check %s: seeds %llu..%llu on %u thread(s)%s\n", scenario->system.name.c_str(),
                (unsigned long long)options.first_seed,
                (unsigned long long)(options.first_seed + options.count - 1), options.jobs,
                cl.swarm.empty() ? "" : (", swarm " + cl.swarm).c_str());
    std::fflush(stdout);
    SweepResult result;
    try {
        result = sweep_seeds(options, [&](uint64_t seed) {
            RunRequest request = base;
            request.seed = seed;
            return judge(run_scenario(*scenario, request), full);
        });
    } catch (const std::invalid_argument& e) {
        progress.finish();
        std::fprintf(stderr, "%s: error: %s\n", scenario->path.c_str(), e.what());
        return unusable();
    }
    progress.finish();
    Tally t = tally(result);
    t.stopped_early = !cl.all && result.first_failure && t.runs < options.count;
    std::string out =
        fmt::format("ran {} in {:.2f}s ({:.0f} seeds/s)\n", count_noun(t.runs, "seed", "seeds"),
                    progress.seconds(), double(t.runs) / std::max(progress.seconds(), 1e-9));
    const bool met = expectations_met(t, full, scenario->expect, out) && !result.first_failure;
    out += aggregate_metrics(t);
    std::fputs(out.c_str(), stdout);
    const uint64_t witness_seed = result.first_failure.value_or(options.first_seed);
    const std::string replay = replay_command(*scenario, witness_seed, cl.overrides, cl.swarm);
    bool written = true;
    if (result.first_failure) {
        written = print_failure(cl, *scenario, base, *result.first_failure);
        if (cl.shrink) {
            shrink_and_report(cl, *scenario, base, *result.first_failure);
        }
    }
    const std::vector<JunitCase> cases = check_cases(*scenario, t, full, replay);
    junit.insert(junit.end(), cases.begin(), cases.end());
    summary += fmt::format(
        "  {:<36} {:>9}  {:<22} {}\n", scenario->system.name, count_noun(t.runs, "seed", "seeds"),
        result.first_failure ? "first failing seed " + std::to_string(*result.first_failure)
                             : std::string("no failing seed"),
        met ? "met" : "NOT met");
    written = (cl.verdict_path.empty() ||
               write_file(cl.verdict_path, check_json(*scenario, t, result, cl, met))) &&
              written;
    std::puts(met ? "expectations met" : "expectations NOT met");
    if (!written) {
        return exit_bad_input;
    }
    return met ? exit_ok : exit_violated;
}

} // namespace

int run_check(const CommandLine& cl) {
    if (cl.files.size() > 1 &&
        (!cl.trace_path.empty() || !cl.verdict_path.empty() || !cl.shrunk_path.empty())) {
        std::fprintf(stderr,
                     "error: --trace, --verdict and --shrunk take one scenario at a time\n");
        return exit_bad_input;
    }
    RunRequest base;
    if (!parse_swarm_option(cl, base)) {
        return exit_bad_input; // once, not once per file
    }
    int worst = exit_ok;
    std::vector<JunitCase> junit;
    std::string summary;
    for (size_t i = 0; i < cl.files.size(); ++i) {
        if (i > 0) {
            std::fputs("\n", stdout);
        }
        worst = std::max(worst, check_file(cl, cl.files[i], base, junit, summary));
    }
    if (cl.files.size() > 1) {
        std::printf("\nsummary\n%s", summary.c_str());
    }
    if (!cl.junit_path.empty() && !write_file(cl.junit_path, junit_xml(junit))) {
        worst = exit_bad_input;
    }
    return worst;
}

} // namespace lockstep
