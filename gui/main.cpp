// lockstep-gui: opens a scenario (runs it) or a saved trace, and shows the timeline. Also the
// headless modes: --screenshot for tests and docs, --bench for frame times.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include "gui/app_state.hpp"
#include "gui/bench_mode.hpp"
#include "gui/gl_window.hpp"
#include "gui/gui_options.hpp"
#include "gui/scenario_source.hpp"
#include "gui/screenshot.hpp"
#include "gui/trace_source.hpp"
#include "gui/view.hpp"

namespace {

using namespace lockstep::gui;

constexpr int exit_ok = 0;
constexpr int exit_usage = 2;

RunData open_file(const GuiOptions& o) {
    switch (file_kind(o.file)) {
    case FileKind::scenario:
        return run_scenario_for_gui({o.file, o.seed, o.overrides, o.replay, o.swarm});
    case FileKind::trace:
        if (o.seed || o.replay || !o.overrides.empty() || !o.swarm.empty()) {
            std::fprintf(stderr,
                         "lockstep-gui: note: --seed, --set, --swarm and --replay apply to "
                         "scenarios; %s is a trace and is shown as saved\n",
                         o.file.c_str());
        }
        return load_trace_file(o.file, o.verdict);
    case FileKind::unknown: break;
    }
    RunData failed;
    failed.source = o.file;
    failed.error = o.file + ": error: cannot open the file";
    return failed;
}

// Loads what the command line names into the app; false (after saying why on stderr) when a
// file could not be shown. The window shows the same message.
bool load(AppState& app, const GuiOptions& o, double& build_ms) {
    const auto start = std::chrono::steady_clock::now();
    RunData run = open_file(o);
    bool ok = run.ok;
    if (!ok) {
        std::fprintf(stderr, "%s\n", run.error.c_str());
    }
    const std::optional<RunSettings> settings = run.settings;
    app.set_run(0, std::move(run));
    if (ok && settings && !o.compare_sets.empty()) {
        RunSettings other = *settings;
        other.choices.reset(); // a changed scenario draws its own choices
        other.overrides.insert(other.overrides.end(), o.compare_sets.begin(), o.compare_sets.end());
        RunData compared = run_scenario_for_gui(other);
        if (!compared.ok) {
            std::fprintf(stderr, "%s\n", compared.error.c_str());
            ok = false;
        }
        app.set_run(1, std::move(compared));
    }
    build_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return ok;
}

int show(GlWindow& window, AppState& app, const GuiOptions& o, bool loaded) {
    double last = 0;
    for (int frame = 1; !window.should_close(); ++frame) {
        const double now =
            std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
                .count();
        window.begin_frame(o.screenshot.empty());
        // A screenshot uses a fixed step, so it does not depend on the machine's speed.
        app.tick(o.screenshot.empty() ? (last == 0 ? 1.0 / 60 : now - last) : 1.0 / 60);
        last = now;
        draw_app(app);
        window.build();
        window.render(canvas_background);
        if (!o.screenshot.empty() && frame >= o.frames) {
            std::string error;
            if (!write_back_buffer_png(o.screenshot, window.framebuffer_width(),
                                       window.framebuffer_height(), error)) {
                std::fprintf(stderr, "%s\n", error.c_str());
                return exit_usage;
            }
            return loaded ? exit_ok : exit_usage;
        }
        window.swap();
    }
    return loaded ? exit_ok : exit_usage;
}

} // namespace

int main(int argc, char** argv) {
    const GuiOptions o = parse_gui_options(argc, argv);
    if (o.help) {
        std::fputs(gui_usage().c_str(), stdout);
        return exit_ok;
    }
    if (o.version) {
        std::printf("lockstep-gui %s\n", LOCKSTEP_VERSION);
        return exit_ok;
    }
    if (!o.error.empty()) {
        std::fprintf(stderr, "lockstep-gui: error: %s\n%s", o.error.c_str(), gui_usage().c_str());
        return exit_usage;
    }
    AppState app(run_scenario_for_gui);
    double build_ms = 0;
    const bool loaded = load(app, o, build_ms);
    std::string error;
    auto window = GlWindow::open(o.width_px, o.height_px, "lockstep", error);
    if (!window) {
        std::fprintf(stderr, "lockstep-gui: error: %s\n", error.c_str());
        return exit_usage;
    }
    if (o.jump_to_violation) {
        app.jump_to_violation();
    }
    if (o.bench) {
        return run_bench(*window, app, std::max(o.frames, 480), build_ms);
    }
    return show(*window, app, o, loaded);
}
