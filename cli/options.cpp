#include "cli/options.hpp"

#include <CLI/CLI.hpp>

#include "cli/exit_codes.hpp"

namespace lockstep {

CommandLine parse_command_line(int argc, char** argv) {
    CommandLine out;
    CLI::App app{"lockstep: a deterministic distributed-lock simulator and model checker.\n"
                 "Exit codes: 0 expectations met, 1 violated, 2 bad input, 3 inconclusive.",
                 "lockstep"};
    app.set_version_flag("--version", std::string("lockstep ") + LOCKSTEP_VERSION);
    app.require_subcommand(0, 1);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        out.exit_code = app.exit(e);
        out.finished = true;
        return out;
    } catch (const CLI::CallForVersion& e) {
        out.exit_code = app.exit(e);
        out.finished = true;
        return out;
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        out.exit_code = exit_bad_input;
        out.finished = true;
        return out;
    }
    return out;
}

} // namespace lockstep
