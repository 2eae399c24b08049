#pragma once
// The command line, parsed in one translation unit (CLI11 is the heaviest header we use).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lockstep {

struct CommandLine {
    enum class Command { none, version };
    Command command = Command::none;
    int exit_code = 0;      // set when parsing already decided the outcome (help, errors)
    bool finished = false;  // true: exit with exit_code without running anything
};

CommandLine parse_command_line(int argc, char** argv);

} // namespace lockstep
