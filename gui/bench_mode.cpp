#include "gui/bench_mode.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <vector>

#include <imgui.h>

#include "gui/app_layout.hpp"
#include "gui/view.hpp"

namespace lockstep::gui {
namespace {

// A 240-frame cycle: zoom in, pan right, zoom out, pan left, each for 60 frames.
void script_input(AppState& app, int frame, double centre_x_px) {
    const int phase = (frame / 60) % 4;
    if (phase == 0 && frame % 4 == 0) {
        app.zoom.add_notches(+1, centre_x_px);
    } else if (phase == 1) {
        app.view.pan_px(-18);
    } else if (phase == 2 && frame % 4 == 0) {
        app.zoom.add_notches(-1, centre_x_px);
    } else if (phase == 3) {
        app.view.pan_px(+18);
    }
}

double mean(const std::vector<double>& v) {
    double sum = 0;
    for (double x : v) {
        sum += x;
    }
    return v.empty() ? 0 : sum / static_cast<double>(v.size());
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
    return v[i];
}

struct FrameTimes {
    std::vector<double> total_ms, build_ms, raster_ms;
    double vertices = 0; // summed over the frames
    double commands = 0;
    double cpu_ms = 0; // per frame
};

// The first frames build the font texture and warm caches: they are run, not counted.
constexpr int warm_up_frames = 10;

void count_draw_data(FrameTimes& t) {
    const ImDrawData* data = ImGui::GetDrawData();
    t.vertices += data->TotalVtxCount;
    for (int l = 0; l < data->CmdListsCount; ++l) {
        t.commands += data->CmdLists[l]->CmdBuffer.Size;
    }
}

FrameTimes measure(GlWindow& window, AppState& app, int frames, double centre_x_px) {
    using clock = std::chrono::steady_clock;
    const auto ms_since = [](clock::time_point t) {
        return std::chrono::duration<double, std::milli>(clock::now() - t).count();
    };
    FrameTimes t;
    std::clock_t cpu_start = 0;
    for (int frame = 0; frame < frames + warm_up_frames && !window.should_close(); ++frame) {
        if (frame == warm_up_frames) {
            cpu_start = std::clock();
        }
        const auto start = clock::now();
        window.begin_frame();
        script_input(app, frame, centre_x_px);
        app.tick(1.0 / 60.0); // a fixed step: the same animation on any machine
        draw_app(app);
        window.build();
        const double built = ms_since(start);
        window.render(canvas_background);
        window.finish();
        const double rastered = ms_since(start) - built;
        window.swap();
        if (frame >= warm_up_frames) {
            t.total_ms.push_back(ms_since(start));
            t.build_ms.push_back(built);
            t.raster_ms.push_back(rastered);
            count_draw_data(t);
        }
    }
    // Process CPU time, llvmpipe's threads included: the work a frame takes, whatever else the
    // machine is doing (wall time on a shared machine is mostly waiting for a core).
    t.cpu_ms = 1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC /
               static_cast<double>(std::max<size_t>(t.total_ms.size(), 1));
    return t;
}

void print_summary(const FrameTimes& t, const TimelineModel& model, float w, float h,
                   double model_build_ms) {
    const double frames = static_cast<double>(t.total_ms.size());
    std::printf("lockstep-gui --bench: %zu events, %zu lanes, %zu frames at %.0fx%.0f\n",
                model.trace().size(), model.lanes().size(), t.total_ms.size(), w, h);
    std::printf("model build: %.1f ms (timeline, log, causal index)\n", model_build_ms);
    std::printf("frame time while zooming and panning: mean %.2f ms, p50 %.2f ms, p95 %.2f ms, "
                "max %.2f ms\n",
                mean(t.total_ms), percentile(t.total_ms, 0.5), percentile(t.total_ms, 0.95),
                percentile(t.total_ms, 1.0));
    std::printf("  building draw lists (CPU): mean %.2f ms, p95 %.2f ms; %.0f vertices and %.0f "
                "draw calls per frame\n",
                mean(t.build_ms), percentile(t.build_ms, 0.95), t.vertices / frames,
                t.commands / frames);
    std::printf("  rasterising (GL until glFinish): mean %.2f ms, p95 %.2f ms; the rest is the "
                "buffer swap\n",
                mean(t.raster_ms), percentile(t.raster_ms, 0.95));
    std::printf("CPU time per frame (all threads, llvmpipe's included): %.2f ms\n", t.cpu_ms);
}

} // namespace

int run_bench(GlWindow& window, AppState& app, int frames, double model_build_ms) {
    if (app.pane_count() == 0 || !app.pane(0).ok()) {
        std::fprintf(stderr, "lockstep-gui --bench: nothing to measure\n");
        return 2;
    }
    const float w = static_cast<float>(window.framebuffer_width());
    const float h = static_cast<float>(window.framebuffer_height());
    const AppLayout layout = compute_app_layout(w, h, app.pane_count());
    const Rect& canvas = layout.panes[0].canvas;
    const double centre_x = canvas.x + canvas.w * 0.6;
    window.set_cursor(centre_x, canvas.y + canvas.h * 0.3);
    const FrameTimes t = measure(window, app, frames, centre_x);
    if (t.total_ms.empty()) {
        std::fprintf(stderr, "lockstep-gui --bench: the window closed before any frame counted\n");
        return 2;
    }
    print_summary(t, *app.pane(0).model, w, h, model_build_ms);
    return 0;
}

} // namespace lockstep::gui
