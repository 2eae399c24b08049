#pragma once
// Opening a saved run: a JSONL trace (docs/trace-format.md) and, optionally, the verdict file
// written beside it. The report is recomputed from the trace with check_trace, so what the GUI
// shows is what the checker says about these events.
#include <string>

#include "gui/run_data.hpp"

namespace lockstep::gui {

RunData load_trace_file(const std::string& trace_path, const std::string& verdict_path = {});

} // namespace lockstep::gui
