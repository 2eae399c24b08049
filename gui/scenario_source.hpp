#pragma once
// Running a scenario for the GUI: the loader and the runner the CLI uses, at full trace level,
// with an optional seed, overrides and replayed choice string. Loader errors come back as
// `file:line:col: error: ...` text in RunData::error.
#include "gui/run_data.hpp"

namespace lockstep::gui {

RunData run_scenario_for_gui(const RunSettings& settings);

} // namespace lockstep::gui
