#include <cstdio>
#include <exception>

#include "cli/exit_codes.hpp"
#include "cli/options.hpp"

int main(int argc, char** argv) {
    try {
        const lockstep::CommandLine cl = lockstep::parse_command_line(argc, argv);
        if (cl.finished) {
            return cl.exit_code;
        }
        std::fprintf(stderr, "lockstep: no command given; see lockstep --help\n");
        return lockstep::exit_bad_input;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "lockstep: internal error: %s\n", e.what());
        return lockstep::exit_internal;
    }
}
