// check_screenshot PNG SCENARIO [--jump-to-violation]: reads a lockstep-gui screenshot of a
// scenario with two overlapping beliefs (the Kleppmann GC pause) and checks, pixel by pixel, that
// the overlap is painted in the violation colour on both belief tracks, that belief and stale
// parts are where the trace puts them, and that the ruler's violation strip covers the overlap
// and nothing else. Expected positions come from the same model, layout and view transform the
// GUI uses, built the way the GUI builds them.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <stb_image.h>

#include "gui/app_layout.hpp"
#include "gui/app_state.hpp"
#include "gui/client_lane.hpp"
#include "gui/palette.hpp"
#include "gui/scenario_source.hpp"
#include "gui/timeline_layout.hpp"

using namespace lockstep;
using namespace lockstep::gui;

namespace {

constexpr int tolerance = 12;

class Image {
  public:
    explicit Image(const std::string& path) {
        pixels_ = stbi_load(path.c_str(), &w_, &h_, nullptr, 3);
    }
    ~Image() { stbi_image_free(pixels_); }
    Image(const Image&) = delete;
    Image& operator=(const Image&) = delete;

    bool ok() const { return pixels_ != nullptr; }
    int width() const { return w_; }
    int height() const { return h_; }
    Rgba at(int x, int y) const {
        const unsigned char* p = pixels_ + (static_cast<size_t>(y) * w_ + x) * 3;
        return {p[0], p[1], p[2], 255};
    }
    // The share of pixels in [x0, x1] x [y0, y1] within tolerance of `colour`.
    double share(int x0, int x1, int y0, int y1, Rgba colour) const {
        int hits = 0, all = 0;
        for (int y = y0; y <= y1; ++y) {
            for (int x = x0; x <= x1; ++x) {
                hits += near_colour(at(x, y), colour, tolerance) ? 1 : 0;
                ++all;
            }
        }
        return all == 0 ? 0 : static_cast<double>(hits) / all;
    }

  private:
    int w_ = 0, h_ = 0;
    unsigned char* pixels_ = nullptr;
};

int failures = 0;

void expect(bool ok, const std::string& what) {
    std::printf("%s: %s\n", ok ? "ok  " : "FAIL", what.c_str());
    failures += ok ? 0 : 1;
}

struct Expected {
    const TimelineModel& model;
    TimelineLayout layout;
    const TimeView& view;

    int x(int64_t t) const {
        return static_cast<int>(std::floor(view.x_of(static_cast<double>(t))));
    }
    // The middle rows of a client's belief track (text and outlines stay clear of them).
    std::pair<int, int> belief_rows(size_t lane) const {
        const float top = layout.track_top_px(lane, client_belief_track);
        const float h = model.lanes()[lane].tracks[client_belief_track].height_px;
        return {static_cast<int>(top + h * 0.3f), static_cast<int>(top + h * 0.7f)};
    }
};

// The part of [a, b] that lies on the canvas, shrunk by a pixel at each end (edges blend).
std::pair<int, int> inner(int a, int b, const TimelineLayout& l) {
    const int lo = std::max(a + 1, static_cast<int>(l.time_x0_px()) + 1);
    const int hi = std::min(b - 1, static_cast<int>(l.canvas().right()) - 2);
    return {lo, hi};
}

void check_overlap(const Image& img, const Expected& e) {
    const TimeRange overlap = e.model.violations()[0].ranges[0];
    const int x0 = e.x(overlap.begin_ns), x1 = e.x(overlap.end_ns);
    const int mid = (x0 + x1) / 2;
    for (size_t lane : {size_t{0}, size_t{1}}) {
        const auto [y0, y1] = e.belief_rows(lane);
        const auto [a, b] = inner(x0, x1, e.layout);
        const int from = a <= b ? a : mid, to = a <= b ? b : mid;
        const double s = img.share(from, to, y0, y1, violation_colour);
        expect(s > 0.8, e.model.lanes()[lane].name +
                            " belief track is violation-coloured over the overlap, x " +
                            std::to_string(from) + ".." + std::to_string(to) + " (" +
                            std::to_string(static_cast<int>(s * 100)) + "%)");
    }
}

void check_beliefs(const Image& img, const Expected& e) {
    const Facts& f = e.model.facts();
    const Belief& c1 = f.beliefs[0];
    const Span& hold = e.model.lanes()[0].tracks[client_server_track].spans.at(0);
    // Backed by the server: 80% of the way into the lease (clear of the token label).
    const int64_t backed =
        c1.begin.since_epoch_ns() + (hold.end_ns - c1.begin.since_epoch_ns()) * 8 / 10;
    const auto [y0, y1] = e.belief_rows(0);
    const int xb = e.x(backed);
    if (xb > e.layout.time_x0_px() && xb < e.layout.canvas().right()) {
        expect(img.share(xb - 1, xb + 1, y0, y1, belief_colour) > 0.8,
               "c1 believes, with the server's agreement, at x " + std::to_string(xb));
        const auto [c2y0, c2y1] = e.belief_rows(1);
        expect(img.share(xb - 1, xb + 1, c2y0, c2y1, belief_colour) < 0.05 &&
                   img.share(xb - 1, xb + 1, c2y0, c2y1, violation_colour) < 0.05,
               "c2 believes nothing yet at x " + std::to_string(xb));
    }
    // After the overlap, before c1 lets go: c1 believes alone, with no server agreeing.
    const int64_t stale = (e.model.violations()[0].ranges[0].end_ns + c1.end.since_epoch_ns()) / 2;
    const int xs = e.x(stale);
    if (xs > e.layout.time_x0_px() && xs < e.layout.canvas().right()) {
        expect(img.share(xs - 1, xs + 1, y0, y1, style_colour(Style::belief_stale)) > 0.8,
               "c1 believes with no server agreeing at x " + std::to_string(xs));
    }
}

// The strip's columns for one range, as the view paints them (at least 3 px wide).
std::pair<int, int> strip_columns(const Expected& e, const TimeRange& r) {
    int x0 = e.x(r.begin_ns), x1 = e.x(r.end_ns);
    if (x1 - x0 < 3) {
        const int mid = (x0 + x1) / 2;
        x0 = mid - 2;
        x1 = mid + 2;
    }
    return {x0, x1};
}

// Every violation-coloured column of the strip lies in some violation's range (the overlap, the
// stale writes' instants), and the overlap's own columns are coloured.
void check_strip(const Image& img, const Expected& e) {
    const Rect strip = e.layout.violation_strip();
    const int y = static_cast<int>(strip.y + strip.h / 2);
    std::vector<std::pair<int, int>> expected;
    for (const ViolationMarker& v : e.model.violations()) {
        for (const TimeRange& r : v.ranges) {
            expected.push_back(strip_columns(e, r));
        }
    }
    int coloured = 0, stray = -1;
    for (int x = static_cast<int>(strip.x) + 1; x < static_cast<int>(strip.right()) - 1; ++x) {
        if (!near_colour(img.at(x, y), violation_colour, tolerance)) {
            continue;
        }
        ++coloured;
        bool inside = false;
        for (const auto& [a, b] : expected) {
            inside |= x >= a - 2 && x <= b + 2;
        }
        stray = inside ? stray : x;
    }
    expect(coloured > 0 && stray < 0,
           "the violation strip is coloured only over the violations (" + std::to_string(coloured) +
               " columns" + (stray < 0 ? "" : ", stray at x " + std::to_string(stray)) + ")");
    const auto [x0, x1] = strip_columns(e, e.model.violations()[0].ranges[0]);
    const auto [a, b] = inner(x0, x1, e.layout);
    if (a <= b) {
        expect(img.share(a, b, y - 1, y + 1, violation_colour) > 0.9,
               "the strip covers the overlap, x " + std::to_string(a) + ".." + std::to_string(b));
    }
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: check_screenshot PNG SCENARIO [--jump-to-violation]\n");
        return 2;
    }
    const Image img(argv[1]);
    if (!img.ok()) {
        std::fprintf(stderr, "%s: error: cannot read the PNG\n", argv[1]);
        return 2;
    }
    // The GUI's own start-up, minus the window: run, lay out, fit (or jump).
    AppState app;
    app.set_run(0, run_scenario_for_gui(scenario_run(argv[2])));
    if (!app.pane(0).ok()) {
        std::fprintf(stderr, "%s\n", app.pane(0).data.error.c_str());
        return 2;
    }
    if (argc > 3 && std::string(argv[3]) == "--jump-to-violation") {
        app.jump_to_violation();
    }
    const AppLayout layout =
        compute_app_layout(static_cast<float>(img.width()), static_cast<float>(img.height()), 1);
    const Expected e{*app.pane(0).model, TimelineLayout(*app.pane(0).model, layout.panes[0].canvas),
                     app.view};
    app.view.set_canvas(e.layout.time_x0_px(), e.layout.time_width_px());
    if (e.model.violations().empty() || e.model.violations()[0].property != "mutual_exclusion") {
        std::fprintf(stderr, "%s: expected a mutual-exclusion violation to check\n", argv[2]);
        return 2;
    }
    check_overlap(img, e);
    check_beliefs(img, e);
    check_strip(img, e);
    std::printf("%s: %d failure(s)\n", argv[1], failures);
    return failures == 0 ? 0 : 1;
}
