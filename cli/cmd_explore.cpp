// `lockstep explore`: exhaustive exploration within bounds (issue 9; in progress).
#include <cstdio>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"

namespace lockstep {

int run_explore(const CommandLine& cl) {
    (void)cl;
    std::fprintf(stderr, "lockstep explore: not available in this build yet\n");
    return exit_bad_input;
}

} // namespace lockstep
