#pragma once
// One run as the GUI holds it: where it came from, its trace and report, and (for a scenario)
// the settings that reproduce it, which the what-if panel varies. A failed load is a RunData too,
// with ok = false and the message to show: bad files never end the program.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "checker/report.hpp"
#include "sim/trace.hpp"

namespace lockstep::gui {

// A fault whose size the what-if panel can change: `key` is its --set path.
struct FaultKnob {
    std::string label;       // "pause c1 at after_read"
    std::string key;         // "faults.0.for"
    int64_t original_ns = 0; // as the scenario has it
    int64_t value_ns = 0;    // as the panel sets it
};

struct RunSettings {
    std::string scenario_path;
    std::optional<uint64_t> seed;
    std::vector<std::string> overrides; // --set key.path=value, in order
    std::optional<std::string> choices; // replay this choice string exactly ("e:..." from explore)
    std::string swarm;                  // --swarm KINDS: add the seed's swarm faults (check)
};

// The settings of a plain run of the scenario at `path`: its own seed, no overrides.
inline RunSettings scenario_run(std::string path) {
    RunSettings s;
    s.scenario_path = std::move(path);
    return s;
}

struct RunData {
    bool ok = false;
    std::string error;  // why it could not be shown; may span lines (file:line:col: error: ...)
    std::string source; // the file it came from
    std::string title;  // one line naming the run
    std::shared_ptr<const Trace> trace;
    Report report;
    Time end;
    std::optional<RunSettings> settings; // set for scenarios: what re-runs it
    uint64_t seed = 0;
    std::string choices;
    std::string replay;  // the command that reproduces it, when known
    std::string fencing; // the resource's fencing as run, when known
    std::vector<FaultKnob> faults;
    bool expectations_met = true;
    std::vector<std::string> expectation_failures;
};

using RunFunction = std::function<RunData(const RunSettings&)>;

} // namespace lockstep::gui
