// Plots in a track: each node's clock offset (a polyline around a zero line) and the resource's
// counter (a step function). Points are thinned to a few per pixel column.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "gui/view_parts.hpp"

namespace lockstep::gui {
namespace {

struct YScale {
    double low, high;
    float top, bottom;
    float y(double v) const {
        return bottom - static_cast<float>((v - low) / (high - low)) * (bottom - top);
    }
};

// Offsets centre on zero; counts start at zero. A flat plot still gets a unit of range.
YScale scale_of(const Track& track, float top, float bottom) {
    const bool centred = std::string_view(track.unit) == "ms";
    if (centred) {
        const double m = std::max({std::abs(track.plot_min), std::abs(track.plot_max), 1.0});
        return {-m * 1.1, m * 1.1, top, bottom};
    }
    return {std::min(track.plot_min, 0.0), std::max(track.plot_max, 1.0) * 1.1, top, bottom};
}

// The visible points, with one on each side so the line reaches the edges.
std::span<const PlotPoint> visible_points(const Series& s, const TimeView& view) {
    const auto first = std::lower_bound(
        s.points.begin(), s.points.end(), view.begin_ns(),
        [](const PlotPoint& p, double t) { return static_cast<double>(p.time_ns) < t; });
    const auto last =
        std::upper_bound(first, s.points.end(), view.end_ns(), [](double t, const PlotPoint& p) {
            return t < static_cast<double>(p.time_ns);
        });
    const auto from = first == s.points.begin() ? first : first - 1;
    const auto to = last == s.points.end() ? last : last + 1;
    return {s.points.data() + (from - s.points.begin()), static_cast<size_t>(to - from)};
}

void draw_series(ImDrawList* dl, const Series& s, const TimeView& view, const YScale& ys) {
    std::vector<ImVec2> line;
    for (const PlotPoint& p : visible_points(s, view)) {
        const float x = static_cast<float>(view.x_of(static_cast<double>(p.time_ns)));
        const float y = ys.y(p.value);
        if (s.steps && !line.empty()) {
            line.push_back({x, line.back().y});
        }
        // Thin the line: within a pixel column only the extremes and the last point matter.
        if (line.size() >= 3 && std::abs(line.back().x - x) < 0.5f &&
            std::abs(line[line.size() - 2].x - x) < 0.5f) {
            line.back() = {x, y};
            continue;
        }
        line.push_back({x, y});
    }
    if (line.size() >= 2) {
        dl->AddPolyline(line.data(), static_cast<int>(line.size()),
                        imu32(s.steps ? Rgba{90, 210, 90, 255} : node_colour(s.colour_index)), 0,
                        1.5f);
    }
}

void legend(ImDrawList* dl, const Track& track, const YScale& ys, float left) {
    char range[48];
    const double extent_ms = ys.high / 1.1;
    if (std::string_view(track.unit) == "ms" && extent_ms >= 1000) {
        std::snprintf(range, sizeof range, "+-%.3g s", extent_ms / 1000);
    } else if (std::string_view(track.unit) == "ms") {
        std::snprintf(range, sizeof range, "+-%.3g ms", extent_ms);
    } else {
        std::snprintf(range, sizeof range, "max %.0f", track.plot_max);
    }
    float x = left + 4;
    ImFont* font = small_font();
    dl->AddText(font, font->FontSize, {x, ys.top}, imu32(label_text, 170), range);
    x += font->CalcTextSizeA(font->FontSize, 1e9f, 0, range).x + 10;
    if (track.series.size() < 2) {
        return;
    }
    for (const Series& s : track.series) {
        dl->AddText(font, font->FontSize, {x, ys.top}, imu32(node_colour(s.colour_index)),
                    s.label.c_str());
        x += font->CalcTextSizeA(font->FontSize, 1e9f, 0, s.label.c_str()).x + 8;
    }
}

} // namespace

void draw_plot(ImDrawList* dl, const Track& track, const TimeView& view, float left, float right,
               float top, float bottom) {
    const YScale ys = scale_of(track, top + 1, bottom - 1);
    if (ys.low < 0 && ys.high > 0) {
        dl->AddLine({left, ys.y(0)}, {right, ys.y(0)}, imu32(grid_line));
    }
    for (const Series& s : track.series) {
        if (!over_budget(dl)) {
            draw_series(dl, s, view, ys);
        }
    }
    legend(dl, track, ys, left);
}

} // namespace lockstep::gui
