// `lockstep lint SCENARIO...`: loads each scenario (with any --set overrides) and reports its
// errors without running it.
#include <cstdio>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/scenario.hpp"

namespace lockstep {

int run_lint(const CommandLine& cl) {
    bool all_ok = true;
    for (const std::string& file : cl.files) {
        const ScenarioLoad load = load_scenario_file(file, cl.overrides);
        if (!load.ok) {
            all_ok = false;
            for (const ScenarioError& e : load.errors) {
                std::fprintf(stderr, "%s\n", e.format().c_str());
            }
            continue;
        }
        const size_t nodes = node_names(load.scenario.system).size();
        const size_t faults = load.scenario.faults.size();
        std::printf("%s: ok (%zu node%s, %zu fault%s)\n", file.c_str(), nodes,
                    nodes == 1 ? "" : "s", faults, faults == 1 ? "" : "s");
        std::fflush(stdout); // keep "ok" lines and stderr's errors in file order
    }
    return all_ok ? exit_ok : exit_bad_input;
}

} // namespace lockstep
