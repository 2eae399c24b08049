// `lockstep run` and `lockstep replay`: one deterministic run, its timeline, verdict and replay.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>

#include <fmt/format.h>

#include "cli/cmd_support.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/explore_setup.hpp"
#include "cli/report_output.hpp"
#include "cli/runner.hpp"
#include "cli/timeline_text.hpp"
#include "sim/trace_io.hpp"

namespace lockstep {
namespace {

bool write_outputs(const CommandLine& cl, const RunOutcome& run, const Scenario& scenario,
                   const std::string& replay) {
    bool ok = true;
    if (!cl.trace_path.empty()) {
        ok = write_file(cl.trace_path, trace_to_jsonl(run.world->trace())) && ok;
    }
    if (!cl.verdict_path.empty()) {
        ok = write_file(cl.verdict_path, verdict_json(run, scenario, replay)) && ok;
    }
    return ok;
}

// One line per scenario when several ran: the difference at a glance.
struct Row {
    std::string name;
    std::vector<Verdict> verdicts; // in property_names() order
    bool met = false;
};

std::string comparison_table(const std::vector<Row>& rows, bool color) {
    size_t width = 8;
    for (const Row& r : rows) {
        width = std::max(width, r.name.size());
    }
    std::string out = fmt::format("\n{:<{}}", "scenario", width);
    for (std::string_view p : property_names()) {
        out += fmt::format("  {:<17}", p);
    }
    out += "  expectations\n";
    for (const Row& r : rows) {
        out += fmt::format("{:<{}}", r.name, width);
        for (Verdict v : r.verdicts) {
            const std::string text =
                v == Verdict::violated ? "VIOLATED" : std::string(verdict_name(v));
            const std::string padded = fmt::format("{:<17}", text);
            out += "  " +
                   (color && v == Verdict::violated ? "\x1b[1;31m" + padded + "\x1b[0m" : padded);
        }
        out += r.met ? "  met\n" : "  NOT met\n";
    }
    return out;
}

// Witness events of violated properties get a note in the timeline.
std::map<size_t, std::string> witness_notes(const Report& report) {
    std::map<size_t, std::string> notes;
    for (const PropertyResult& p : report.properties) {
        if (p.verdict == Verdict::violated) {
            for (size_t index : p.witness) {
                notes[index] = p.name;
            }
        }
    }
    return notes;
}

int report_run(const CommandLine& cl, const Scenario& scenario, const RunOutcome& run,
               double seconds, std::vector<JunitCase>& junit) {
    const bool color = use_color(cl.color);
    std::string replay = cl.command == CommandLine::Command::replay
                             ? replay_choices_command(scenario, run.choices, cl.overrides)
                             : replay_command(scenario, run.seed, cl.overrides, cl.swarm);
    if (cl.command == CommandLine::Command::replay && !cl.swarm.empty()) {
        // Swarm faults are drawn from the seed, beside the choices.
        replay += " --seed " + std::to_string(run.seed) + " --swarm " + shell_word(cl.swarm);
    }
    for (JunitCase c : junit_cases(run, scenario, replay)) {
        c.seconds = seconds;
        junit.push_back(std::move(c));
    }
    std::string out = fmt::format("scenario {}  (seed {}, {} simulated)\n", scenario.system.name,
                                  run.seed, format_duration(scenario.system.duration));
    if (!scenario.system.description.empty()) {
        out += "  " + scenario.system.description + "\n";
    }
    if (!cl.quiet) {
        TimelineStyle style;
        style.color = color;
        style.verbose = cl.verbose;
        style.messages = cl.messages;
        style.notes = witness_notes(run.report);
        out += "\n" + format_timeline(run.world->trace(), style) + "\n";
    }
    out += format_summary(run, SummaryStyle{color});
    out += "replay\n  " + replay + "\n";
    std::fputs(out.c_str(), stdout);
    std::fflush(stdout);
    if (!write_outputs(cl, run, scenario, replay)) {
        return exit_bad_input;
    }
    return run.expectation.met ? exit_ok : exit_violated;
}

// Runs one file; fills `row` when it ran.
int run_file(const CommandLine& cl, const std::string& file, const RunRequest& request, Row& row,
             std::vector<JunitCase>& junit) {
    const std::optional<Scenario> scenario = load_or_report(cl, file);
    if (!scenario) {
        junit.push_back(unusable_file_case(file));
        return exit_bad_input;
    }
    RunOutcome run;
    const auto start = std::chrono::steady_clock::now();
    try {
        run = run_scenario(*scenario, request);
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "%s: error: %s\n", scenario->path.c_str(), e.what());
        junit.push_back(unusable_file_case(file));
        return exit_bad_input;
    }
    if (!run.divergence.empty()) {
        std::fprintf(stderr, "%s: error: the choice string does not fit this scenario: %s\n",
                     scenario->path.c_str(), run.divergence.c_str());
        junit.push_back(unusable_file_case(file));
        return exit_bad_input;
    }
    row.name = scenario->system.name;
    for (const PropertyResult& p : run.report.properties) {
        row.verdicts.push_back(p.verdict);
    }
    row.met = run.expectation.met;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report_run(cl, *scenario, run, seconds, junit);
}

int run_all(const CommandLine& cl, const RunRequest& request) {
    if (cl.files.size() > 1 && (!cl.trace_path.empty() || !cl.verdict_path.empty())) {
        std::fprintf(stderr, "error: --trace and --verdict take one scenario at a time\n");
        return exit_bad_input;
    }
    int worst = exit_ok;
    std::vector<Row> rows;
    std::vector<JunitCase> junit;
    for (size_t i = 0; i < cl.files.size(); ++i) {
        if (i > 0) {
            std::fputs("\n", stdout);
        }
        Row row;
        const int code = run_file(cl, cl.files[i], request, row, junit);
        worst = std::max(worst, code);
        if (!row.name.empty()) {
            rows.push_back(std::move(row));
        }
    }
    if (rows.size() > 1) {
        std::fputs(comparison_table(rows, use_color(cl.color)).c_str(), stdout);
    }
    if (!cl.junit_path.empty() && !write_file(cl.junit_path, junit_xml(junit))) {
        worst = exit_bad_input;
    }
    return worst;
}

} // namespace

int run_run(const CommandLine& cl) {
    RunRequest request;
    request.seed = cl.seed;
    if (!parse_swarm_option(cl, request)) {
        return exit_bad_input;
    }
    return run_all(cl, request);
}

int run_replay(const CommandLine& cl) {
    // "e:..." came from `lockstep explore`: the run of the explored world (cli/explore_setup.hpp).
    std::string_view text = cl.choices;
    const bool explored = text.starts_with(explore_choices_prefix);
    if (explored) {
        text.remove_prefix(explore_choices_prefix.size());
    }
    const ChoiceParse parsed = decode_choices(text);
    if (!parsed.ok) {
        std::fprintf(stderr, "--choices: error: %s\n", parsed.error.c_str());
        return exit_bad_input;
    }
    RunRequest request;
    request.seed = cl.seed;
    request.choices = parsed.values;
    request.explored = explored;
    if (!parse_swarm_option(cl, request)) {
        return exit_bad_input;
    }
    return run_all(cl, request);
}

} // namespace lockstep
