#pragma once
// lockstep-gui --bench: frame times while zooming and panning a loaded run, measured from the
// start of a frame until the GPU has finished it (glFinish), with the pointer over the canvas so
// that hover hit testing runs too. A measuring instrument, not a test.
#include "gui/app_state.hpp"
#include "gui/gl_window.hpp"

namespace lockstep::gui {

// Prints the summary to stdout; returns the process exit code.
int run_bench(GlWindow& window, AppState& app, int frames, double model_build_ms);

} // namespace lockstep::gui
