#include "cli/options.hpp"

#include <CLI/CLI.hpp>

#include "cli/exit_codes.hpp"

namespace lockstep {
namespace {

// The options every command that runs a scenario shares. `explore` takes no seed and no swarm:
// it enumerates the choices a seed would draw, and its faults come from the explore: menu.
void add_output_options(CLI::App& sub, CommandLine& out) {
    sub.add_option("--set", out.overrides,
                   "Override a scenario value, e.g. --set resource.fencing=token (repeatable)");
    sub.add_option("--trace", out.trace_path,
                   "Write the trace as JSON Lines to FILE (check: the first failing seed's; "
                   "explore: the counterexample shown)");
    sub.add_option("--verdict", out.verdict_path, "Write the verdict as JSON to FILE");
    sub.add_option("--junit", out.junit_path, "Write a JUnit XML report to FILE");
    sub.add_flag("-q,--quiet", out.quiet, "Print no timeline, only the verdict");
    sub.add_flag("-v,--verbose", out.verbose,
                 "Show failed attempts, busy replies, program points and dropped messages");
    sub.add_flag("--messages", out.messages, "Show every message sent and received");
    sub.add_option("--color", out.color, "Colour output: auto, always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
}

void add_run_options(CLI::App& sub, CommandLine& out, const char* seed_help) {
    add_output_options(sub, out);
    sub.add_option("--seed", out.seed, seed_help);
    sub.add_option("--swarm", out.swarm,
                   "Add seed-drawn faults of these kinds: all, or a list such as pause,clock_step,"
                   "clock_drift,delay,loss,partition,crash");
}

} // namespace

CommandLine parse_command_line(int argc, char** argv) {
    CommandLine out;
    CLI::App app{"lockstep: a deterministic distributed-lock simulator and model checker.\n"
                 "Exit codes: 0 expectations met, 1 violated, 2 bad input, 3 inconclusive.",
                 "lockstep"};
    app.set_version_flag("--version", std::string("lockstep ") + LOCKSTEP_VERSION);
    app.require_subcommand(0, 1); // none: main() says so; 1 here would hide unknown flags

    CLI::App* run = app.add_subcommand(
        "run", "Run scenarios deterministically, print their timelines and check them");
    run->add_option("scenarios", out.files, "Scenario files (YAML); several print a comparison")
        ->required();
    add_run_options(*run, out, "Seed (default: the scenario's)");
    run->callback([&] { out.command = CommandLine::Command::run; });

    CLI::App* replay =
        app.add_subcommand("replay", "Reproduce a run exactly from a scenario and a choice string");
    replay->add_option("scenario", out.files, "Scenario file (YAML)")->required()->expected(1);
    add_run_options(*replay, out, "Seed (default: the scenario's)");
    replay->add_option("--choices", out.choices, "The choice string printed by check or explore")
        ->required();
    replay->callback([&] { out.command = CommandLine::Command::replay; });

    CLI::App* check = app.add_subcommand(
        "check", "Run many seeds in parallel, stop at the first failure, shrink it");
    check->add_option("scenarios", out.files, "Scenario files (YAML); several print a summary")
        ->required();
    add_run_options(*check, out, "First seed of the sweep (default 1)");
    check->add_option("--seeds", out.seeds, "How many seeds (default 100)")
        ->check(CLI::PositiveNumber);
    check->add_option("-j,--jobs", out.jobs, "Worker threads (default: one per core)");
    check->add_flag("--all", out.all, "Run every seed and report violation rates");
    check->add_flag("!--no-shrink", out.shrink, "Do not shrink the first failure");
    check->add_option("--shrunk", out.shrunk_path, "Write the shrunk scenario to FILE");
    check->callback([&] { out.command = CommandLine::Command::check; });

    CLI::App* explore = app.add_subcommand(
        "explore", "Explore every interleaving and fault placement within bounds");
    explore->add_option("scenario", out.files, "Scenario file (YAML)")->required()->expected(1);
    add_output_options(*explore, out);
    // Accepted only to be refused with a reason (run_explore): a stray --seed would otherwise be
    // read as a second scenario file.
    explore->add_option("--seed", out.seed, "Not used: exploration tries every choice")->group("");
    explore->add_option("--swarm", out.swarm, "Not used: faults come from the explore: menu")
        ->group("");
    explore->add_option("--strategy", out.strategy, "bfs (shortest counterexample), dfs, stateless")
        ->check(CLI::IsMember({"bfs", "dfs", "stateless"}));
    explore->add_option("--max-depth", out.max_depth, "Bound on events per run");
    explore->add_option("--max-states", out.max_states, "State budget (inconclusive past it)");
    explore->add_option("--max-time", out.max_time, "Bound on simulated time, e.g. 20s");
    explore->add_option("--max-faults", out.max_faults, "Bound on injected faults per run");
    explore->add_option("-j,--jobs", out.jobs, "Worker threads (default 1)");
    explore->add_flag("--symmetry", out.symmetry,
                      "Treat identical clients as one (canonical order)");
    explore->add_flag("--por", out.por, "Skip interleavings of independent events");
    explore->add_option("--pause-sweep", out.pause_sweep,
                        "For CLIENT, try a pause at each of its program points and tabulate");
    explore->callback([&] { out.command = CommandLine::Command::explore; });

    CLI::App* lint = app.add_subcommand("lint", "Check scenario files without running them");
    lint->add_option("scenarios", out.files, "Scenario files (YAML)")->required();
    lint->add_option("--set", out.overrides, "Override a scenario value (repeatable)");
    lint->callback([&] { out.command = CommandLine::Command::lint; });

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        out.exit_code = app.exit(e);
        out.finished = true;
    } catch (const CLI::CallForVersion& e) {
        out.exit_code = app.exit(e);
        out.finished = true;
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        out.exit_code = exit_bad_input;
        out.finished = true;
    }
    return out;
}

} // namespace lockstep
