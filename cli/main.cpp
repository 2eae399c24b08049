#include <cstdio>
#include <exception>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/options.hpp"
#include "cli/runner.hpp"

int main(int argc, char** argv) {
    using lockstep::CommandLine;
    lockstep::keep_heap_between_runs(); // every command may run many scenarios
    try {
        const CommandLine cl = lockstep::parse_command_line(argc, argv);
        if (cl.finished) {
            return cl.exit_code;
        }
        switch (cl.command) {
        case CommandLine::Command::run: return lockstep::run_run(cl);
        case CommandLine::Command::replay: return lockstep::run_replay(cl);
        case CommandLine::Command::lint: return lockstep::run_lint(cl);
        case CommandLine::Command::check: return lockstep::run_check(cl);
        case CommandLine::Command::explore: return lockstep::run_explore(cl);
        case CommandLine::Command::none: break;
        }
        std::fprintf(stderr, "lockstep: no command given; see lockstep --help\n");
        return lockstep::exit_bad_input;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "lockstep: internal error: %s\n", e.what());
        return lockstep::exit_internal;
    }
}
