#pragma once
// What the commands share: loading a scenario with its errors printed, the --swarm kinds,
// colour detection, writing an output file.
#include <optional>
#include <string>

#include "cli/options.hpp"
#include "cli/runner.hpp"

namespace lockstep {

// Loads a scenario, printing its errors to stderr; nullopt when it cannot be used.
std::optional<Scenario> load_or_report(const CommandLine& cl, const std::string& file);
// Fills request.swarm from --swarm; false after printing an error.
bool parse_swarm_option(const CommandLine& cl, RunRequest& request);
bool use_color(const std::string& mode);
bool write_file(const std::string& path, const std::string& content);

} // namespace lockstep
