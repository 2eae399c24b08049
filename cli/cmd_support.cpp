#include "cli/cmd_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include <unistd.h>

namespace lockstep {

std::optional<Scenario> load_or_report(const CommandLine& cl, const std::string& file) {
    const ScenarioLoad load = load_scenario_file(file, cl.overrides);
    if (!load.ok) {
        for (const ScenarioError& e : load.errors) {
            std::fprintf(stderr, "%s\n", e.format().c_str());
        }
        return std::nullopt;
    }
    return load.scenario;
}

bool parse_swarm_option(const CommandLine& cl, RunRequest& request) {
    if (cl.swarm.empty()) {
        return true;
    }
    SwarmKinds kinds;
    std::string error;
    if (!parse_swarm_kinds(cl.swarm, kinds, error)) {
        std::fprintf(stderr, "--swarm: error: %s\n", error.c_str());
        return false;
    }
    request.swarm = kinds;
    return true;
}

bool use_color(const std::string& mode) {
    if (mode != "auto") {
        return mode == "always";
    }
    const char* term = std::getenv("TERM");
    return isatty(STDOUT_FILENO) != 0 && std::getenv("NO_COLOR") == nullptr && term != nullptr &&
           std::string(term) != "dumb";
}

bool write_file(const std::string& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
    if (!out) {
        std::fprintf(stderr, "%s: error: cannot write the file\n", path.c_str());
        return false;
    }
    return true;
}

} // namespace lockstep
