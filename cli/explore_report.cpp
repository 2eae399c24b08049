#include "cli/explore_report.hpp"

#include <fmt/format.h>

#include "cli/exit_codes.hpp"
#include "cli/explore_setup.hpp"
#include "cli/timeline_text.hpp"
#include "models/build.hpp"

namespace lockstep {
namespace {

std::string grouped(uint64_t n) {
    std::string digits = std::to_string(n);
    for (int i = int(digits.size()) - 3; i > 0; i -= 3) {
        digits.insert(size_t(i), ",");
    }
    return digits;
}

std::string names_of(const Scenario& scenario, const std::vector<NodeId>& ids) {
    const std::vector<std::string> names = node_names(scenario.system);
    std::string out;
    for (NodeId id : ids) {
        out += (out.empty() ? "" : ", ") + names[id];
    }
    return out;
}

std::string durations(const std::vector<Duration>& ds) {
    std::string out;
    for (Duration d : ds) {
        out += (out.empty() ? "" : ", ") + format_duration(d);
    }
    return out;
}

std::string points(const std::vector<std::string>& ps) {
    std::string out;
    for (const std::string& p : ps) {
        out += (out.empty() ? "" : ", ") + p;
    }
    return out.empty() ? "every point" : out;
}

std::string fault_line(const Scenario& scenario) {
    const ExploreSpec& e = scenario.explore;
    std::string out;
    if (!e.pauses.clients.empty() && !e.pauses.lengths.empty()) {
        out = "pause " + names_of(scenario, e.pauses.clients) + " for " +
              durations(e.pauses.lengths) + " at " + points(e.pauses.points);
    }
    if (!e.crashes.nodes.empty()) {
        out += (out.empty() ? "" : "; ") + std::string("crash ") +
               names_of(scenario, e.crashes.nodes) + " at " + points(e.crashes.points);
    }
    if (out.empty() || e.max_faults == 0) {
        return "none";
    }
    return out + fmt::format(" (at most {} per run)", e.max_faults);
}

} // namespace

std::string result_line(const ExploreResult& r) {
    if (r.budget_exhausted) {
        return "inconclusive: state budget exhausted";
    }
    if (r.stopped_early) {
        bool all = true;
        for (const PropertyVerdict& p : r.properties) {
            all = all && p.verdict == Verdict::violated;
        }
        return all ? "stopped: every property violated" : "stopped at the first violation";
    }
    return "exhaustive within bounds";
}

const Expectation& explore_expectation(const Scenario& scenario) {
    return scenario.explore.has_expect ? scenario.explore.expect : scenario.expect;
}

std::optional<ReplayedCounterexample> replay_counterexample(const Scenario& scenario,
                                                            const PropertyVerdict& verdict) {
    if (!verdict.counterexample) {
        return std::nullopt;
    }
    ReplayedCounterexample cex;
    cex.property = verdict.name;
    RunRequest request;
    request.choices = *verdict.counterexample;
    request.explored = true;
    request.level = TraceLevel::full;
    cex.run = run_scenario(scenario, request);
    cex.choices = cex.run.choices;
    const PropertyResult* p = cex.run.report.property(verdict.name);
    cex.reproduced = cex.run.divergence.empty() && p != nullptr && p->verdict == Verdict::violated;
    return cex;
}

std::string format_search(const Scenario& scenario, const ExploreOptions& options,
                          const ExploreRun& run) {
    const ExploreStats& s = run.result.stats;
    std::string out = fmt::format(
        "explore {}  ({}, {} thread{}{}{})\n", scenario.system.name,
        strategy_name(options.strategy), run.jobs, run.jobs == 1 ? "" : "s",
        options.por ? ", partial-order reduction" : "", options.symmetry ? ", symmetry" : "");
    out +=
        fmt::format("  bounds   depth {}, time {}, {} states\n", grouped(options.bounds.max_depth),
                    format_duration(options.bounds.max_time - Time::zero()),
                    grouped(options.bounds.max_states));
    out += "  faults   " + fault_line(scenario) + "\n";
    out += fmt::format("  states   {} stored, {} transitions", grouped(s.states),
                       grouped(s.transitions));
    if (s.revisits > 0) {
        out += fmt::format(", {} explored again from an earlier time", grouped(s.revisits));
    }
    if (s.reduced > 0) {
        out += fmt::format(", {} reduced to one event", grouped(s.reduced));
    }
    out += fmt::format("\n  depth    {} maximal", s.max_depth);
    if (s.depth_cut > 0) {
        out += fmt::format(" ({} states at the depth bound)", grouped(s.depth_cut));
    }
    const double rate = run.seconds > 0 ? double(s.states) / run.seconds : 0;
    out +=
        fmt::format("\n  time     {:.3f} s, {} states/s\n", run.seconds, grouped(uint64_t(rate)));
    const double per_state = s.states > 0 ? double(s.table_bytes) / double(s.states) : 0;
    out += fmt::format("  memory   {:.1f} bytes per stored state (visited set {:.1f} MB", per_state,
                       double(s.table_bytes) / 1e6);
    if (s.path_bytes > 0 && options.strategy == ExploreStrategy::bfs) {
        out += fmt::format(", parent links {:.1f} MB", double(s.path_bytes) / 1e6);
    }
    if (s.widest_layer > 0 && options.strategy == ExploreStrategy::bfs) {
        out += fmt::format(", widest layer {} states", grouped(s.widest_layer));
    }
    out += fmt::format("), peak RSS {:.1f} MB\n", double(run.peak_rss_bytes) / 1e6);
    out += "  result   " + result_line(run.result) + "\n";
    return out;
}

std::string format_properties(const Scenario& scenario, const ExploreRun& run,
                              const std::vector<ReplayedCounterexample>& replays, bool color) {
    auto paint = [&](const std::string& s, const char* code) {
        return color ? fmt::format("\x1b[{}m{}\x1b[0m", code, s) : s;
    };
    const Expectation full = full_expectation(explore_expectation(scenario));
    std::string out = "verdict\n";
    for (const PropertyVerdict& p : run.result.properties) {
        std::string shown(verdict_name(p.verdict));
        shown = p.verdict == Verdict::violated ? paint("VIOLATED", "1;31") : paint(shown, "32");
        std::string note;
        for (const Expectation::Property& want : full.properties) {
            if (want.name == p.name) {
                note = want.verdict == p.verdict ? " (as expected)" : " (UNEXPECTED)";
            }
        }
        std::string detail;
        for (const ReplayedCounterexample& r : replays) {
            if (r.property == p.name) {
                const PropertyResult* got = r.run.report.property(p.name);
                detail = fmt::format("{} steps: {}", p.depth, got != nullptr ? got->summary : "");
            }
        }
        if (p.verdict == Verdict::holds) {
            detail = "in every run within the bounds";
        }
        out += fmt::format("  {:<17} {}{}  {}\n", p.name, shown, note, detail);
        // The replayed counterexample's explanation, as `lockstep replay` prints it.
        for (const ReplayedCounterexample& r : replays) {
            const PropertyResult* got = r.property == p.name && p.verdict == Verdict::violated
                                            ? r.run.report.property(p.name)
                                            : nullptr;
            if (got != nullptr && !got->assumption.empty()) {
                out += fmt::format("  {:<17} because: {}\n", "", got->assumption);
            }
        }
    }
    return out;
}

std::string format_counterexample(const ReplayedCounterexample& cex, TimelineStyle style) {
    std::string out = fmt::format("counterexample for {}\n", cex.property);
    for (const PropertyResult& p : cex.run.report.properties) {
        if (p.verdict == Verdict::violated) {
            for (size_t index : p.witness) {
                style.notes[index] = p.name;
            }
        }
    }
    out += format_timeline(cex.run.world->trace(), style) + "\n";
    if (!cex.reproduced) {
        out += "  warning: replaying the choices did not reproduce the violation (a bug in "
               "lockstep; please report it)\n";
    }
    return out;
}

size_t headline_counterexample(const Scenario& scenario,
                               const std::vector<ReplayedCounterexample>& replays) {
    const Expectation full = full_expectation(explore_expectation(scenario));
    for (size_t i = 0; i < replays.size(); ++i) {
        for (const Expectation::Property& want : full.properties) {
            if (want.name == replays[i].property && want.verdict != Verdict::violated) {
                return i;
            }
        }
    }
    return 0;
}

std::string format_replays(const std::vector<ReplayedCounterexample>& replays,
                           const Scenario& scenario, const std::vector<std::string>& overrides) {
    std::string out = "replay\n";
    for (const ReplayedCounterexample& r : replays) {
        out += fmt::format("  {}:\n    {}\n", r.property,
                           replay_choices_command(scenario, r.choices, overrides));
    }
    return out;
}

int explore_exit_code(const Scenario& scenario, const ExploreResult& result) {
    const Expectation full = full_expectation(explore_expectation(scenario));
    bool met = true;
    bool undecided = false;
    for (const PropertyVerdict& p : result.properties) {
        for (const Expectation::Property& want : full.properties) {
            if (want.name != p.name) {
                continue;
            }
            if (p.verdict == Verdict::inconclusive) {
                undecided = true;
            } else if (p.verdict != want.verdict) {
                met = false;
            }
        }
    }
    if (!met) {
        return exit_violated;
    }
    return undecided ? exit_inconclusive : exit_ok;
}

} // namespace lockstep
