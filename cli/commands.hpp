#pragma once
// One function per subcommand; each returns the process exit code (cli/exit_codes.hpp).
#include "cli/options.hpp"

namespace lockstep {

int run_run(const CommandLine& cl);
int run_replay(const CommandLine& cl);
int run_lint(const CommandLine& cl);
int run_check(const CommandLine& cl);
int run_explore(const CommandLine& cl); // cmd_explore.cpp

} // namespace lockstep
