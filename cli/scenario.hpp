#pragma once
// The scenario loader: a YAML scenario file (docs/scenario-format.md) becomes the plain data the
// models build from. Every mistake in the file is a user error with file:line:col (DESIGN
// principle 14); nothing here throws, and no value is ever silently defaulted after a mistake.
// yaml-cpp stays inside the loader's .cpp files: this header is all the rest of the program sees.
#include <string>
#include <string_view>
#include <vector>

#include "checker/verdict.hpp"
#include "cli/explore_spec.hpp"
#include "models/spec.hpp"
#include "sim/fault.hpp"

namespace lockstep {

struct Scenario {
    std::string path;
    SystemSpec system;
    FaultPlan faults; // nodes are indices into node_names(system)
    Expectation expect;
    ExploreSpec explore; // bounds and fault menu for `lockstep explore`
};

struct ScenarioError {
    std::string file; // the scenario's path, or "--set" for a command-line override
    int line = 0;     // 1-based; 0 when the error concerns the whole file
    int column = 0;   // 1-based
    std::string message;
    std::string source_line; // the offending line, without its newline; empty when unknown

    // "FILE:LINE:COL: error: MESSAGE\n  SOURCE LINE\n  ^" (the caret under the column), or
    // "FILE: error: MESSAGE" when there is no line.
    std::string format() const;
};

struct ScenarioLoad {
    bool ok = false;
    Scenario scenario; // meaningful only when ok
    std::vector<ScenarioError> errors;
};

// `overrides` are "key.path=value" strings from `--set`: each value is read as YAML and replaces
// (or adds) the value at that path before the document is checked, so an override is checked
// exactly like the file.
ScenarioLoad load_scenario_file(const std::string& path,
                                const std::vector<std::string>& overrides = {});
ScenarioLoad load_scenario_text(std::string_view yaml, const std::string& file_name,
                                const std::vector<std::string>& overrides = {});

} // namespace lockstep
