// `lockstep explore`: every interleaving and fault placement within the scenario's bounds
// (docs/explore.md). The search itself lives in checker/explore.hpp; this file loads the
// scenario, times the search (real clocks are allowed here, in cli/ only), verifies each
// counterexample by replaying it through the runner, and prints.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <string>

#include <unistd.h>

#include "cli/cmd_support.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/explore_output.hpp"
#include "cli/explore_report.hpp"
#include "cli/explore_setup.hpp"
#include "cli/explore_sweep.hpp"
#include "sim/trace_io.hpp"

namespace lockstep {
namespace {

// Bounds given on the command line become `--set explore.*` overrides: the loader checks them
// like the file, and the replay command carries them.
CommandLine with_bound_overrides(const CommandLine& cl) {
    CommandLine out = cl;
    auto add = [&](const char* key, const std::string& value) {
        out.overrides.push_back(std::string("explore.") + key + "=" + value);
    };
    if (!cl.strategy.empty()) {
        add("strategy", cl.strategy);
    }
    if (cl.max_depth) {
        add("max_depth", std::to_string(*cl.max_depth));
    }
    if (cl.max_states) {
        add("max_states", std::to_string(*cl.max_states));
    }
    if (cl.max_time) {
        add("max_time", *cl.max_time);
    }
    if (cl.max_faults) {
        add("max_faults", std::to_string(*cl.max_faults));
    }
    if (cl.symmetry) {
        add("symmetry", "true");
    }
    if (cl.por) {
        add("por", "true");
    }
    return out;
}

size_t peak_rss_bytes() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) {
            return size_t(std::stoull(line.substr(6))) * 1024;
        }
    }
    return 0;
}

// A progress line on a terminal, at most a few times a second.
std::function<void(uint64_t, uint64_t)> progress_printer() {
    if (isatty(STDERR_FILENO) == 0) {
        return {};
    }
    struct State {
        std::mutex mutex;
        std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
        std::chrono::steady_clock::time_point last = start;
    };
    auto state = std::make_shared<State>();
    return [state](uint64_t states, uint64_t transitions) {
        std::lock_guard lock(state->mutex);
        const auto now = std::chrono::steady_clock::now();
        if (now - state->last < std::chrono::milliseconds(250)) {
            return;
        }
        state->last = now;
        const double seconds = std::chrono::duration<double>(now - state->start).count();
        std::fprintf(stderr, "\r  %llu states, %llu transitions, %.0f states/s   ",
                     (unsigned long long)states, (unsigned long long)transitions,
                     seconds > 0 ? double(states) / seconds : 0.0);
    };
}

ExploreRun search(const Scenario& scenario, ExploreSetup& setup, unsigned jobs) {
    setup.options.jobs = jobs;
    setup.options.on_progress = progress_printer();
    const WorldFactory factory = [&] {
        return build_explore_world(scenario, setup, TraceLevel::checker);
    };
    ExploreRun run;
    run.jobs = jobs;
    const auto start = std::chrono::steady_clock::now();
    run.result = explore(factory, setup.options);
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    run.peak_rss_bytes = peak_rss_bytes();
    if (setup.options.on_progress) {
        std::fputs("\r\x1b[K", stderr);
    }
    return run;
}

// --verdict, --junit and --trace (the counterexample shown in full); false: a file could not be
// written (write_file said why).
bool write_outputs(const CommandLine& cl, const Scenario& scenario, const ExploreSetup& setup,
                   const ExploreRun& run, const std::vector<ReplayedCounterexample>& replays) {
    bool written = true;
    if (!cl.verdict_path.empty()) {
        written = write_file(cl.verdict_path, explore_verdict_json(scenario, setup.options, run,
                                                                   replays, cl.overrides)) &&
                  written;
    }
    if (!cl.junit_path.empty()) {
        written =
            write_file(cl.junit_path,
                       junit_xml(explore_junit_cases(scenario, run, replays, cl.overrides))) &&
            written;
    }
    if (!cl.trace_path.empty()) {
        if (replays.empty()) {
            std::fprintf(stderr, "lockstep explore: no counterexample, so no trace for %s\n",
                         cl.trace_path.c_str());
        } else {
            const ReplayedCounterexample& shown =
                replays[headline_counterexample(scenario, replays)];
            written =
                write_file(cl.trace_path, trace_to_jsonl(shown.run.world->trace())) && written;
        }
    }
    return written;
}

int report(const CommandLine& cl, const Scenario& scenario, const ExploreSetup& setup,
           const ExploreRun& run) {
    const bool color = use_color(cl.color);
    std::vector<ReplayedCounterexample> replays;
    for (const PropertyVerdict& p : run.result.properties) {
        if (auto cex = replay_counterexample(scenario, p)) {
            replays.push_back(std::move(*cex));
        }
    }
    std::string out = format_search(scenario, setup.options, run);
    out += format_properties(scenario, run, replays, color);
    if (!replays.empty()) {
        const ReplayedCounterexample& headline =
            replays[headline_counterexample(scenario, replays)];
        if (!cl.quiet) {
            TimelineStyle style;
            style.color = color;
            style.verbose = cl.verbose;
            style.messages = cl.messages;
            out += "\n" + format_counterexample(headline, style);
        }
        out += format_replays(replays, scenario, cl.overrides);
    }
    std::fputs(out.c_str(), stdout);
    std::fflush(stdout);
    const bool written = write_outputs(cl, scenario, setup, run, replays);
    for (const ReplayedCounterexample& r : replays) {
        if (!r.reproduced) {
            return exit_internal; // a bug in lockstep outranks everything else
        }
    }
    return written ? explore_exit_code(scenario, run.result) : exit_bad_input;
}

} // namespace

int run_explore(const CommandLine& original) {
    if (original.seed || !original.swarm.empty()) {
        std::fprintf(stderr,
                     "lockstep explore: error: %s does not apply to explore: it tries every "
                     "choice a seed would draw, and places the faults of the scenario's "
                     "explore: section (see docs/explore.md)\n",
                     original.seed ? "--seed" : "--swarm");
        return exit_bad_input;
    }
    if (!original.pause_sweep.empty() &&
        !(original.verdict_path.empty() && original.junit_path.empty() &&
          original.trace_path.empty())) {
        std::fprintf(stderr, "lockstep explore: error: --pause-sweep prints a table only; run "
                             "explore without it for --verdict, --junit and --trace\n");
        return exit_bad_input;
    }
    const CommandLine cl = with_bound_overrides(original);
    const std::optional<Scenario> scenario = load_or_report(cl, cl.files.front());
    if (!scenario) {
        return exit_bad_input;
    }
    if (!cl.pause_sweep.empty()) {
        return run_pause_sweep(cl, *scenario);
    }
    ExploreSetup setup = make_explore_setup(*scenario);
    try {
        const ExploreRun run = search(*scenario, setup, cl.jobs == 0 ? 1 : cl.jobs);
        return report(cl, *scenario, setup, run);
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "%s: error: %s\n", scenario->path.c_str(), e.what());
        return exit_bad_input;
    }
}

} // namespace lockstep
