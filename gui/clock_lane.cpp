#include "gui/clock_lane.hpp"

namespace lockstep::gui {
namespace {

double offset_ms(const TraceEvent& e) {
    return static_cast<double>((e.local - e.time).count_ns()) / 1e6;
}

} // namespace

Lane ClockLaneBuilder::build() const {
    std::vector<Series> series(in_.node_count());
    for (NodeId n = 0; n < series.size(); ++n) {
        series[n].label = std::string(in_.trace().node_name(n));
        series[n].colour_index = n;
    }
    const auto& events = in_.trace().events();
    for (uint32_t i = 0; i < events.size(); ++i) {
        const TraceEvent& e = events[i];
        if (e.node >= series.size()) {
            continue;
        }
        auto& points = series[e.node].points;
        const int64_t t = e.time.since_epoch_ns();
        const double value = offset_ms(e);
        // Only changes matter: a node with an exact clock has a handful of points, not one per
        // event. A step holds the old value up to its instant, so the plot jumps.
        if (!points.empty() && points.back().value == value) {
            continue;
        }
        if (!points.empty() && e.kind == TraceKind::clock_step) {
            points.push_back({t, points.back().value, i});
        }
        points.push_back({t, value, i});
    }
    Track plot;
    plot.label = "offset";
    plot.kind = TrackKind::plot;
    plot.height_px = 40;
    plot.unit = "ms";
    for (Series& s : series) {
        if (s.points.empty()) {
            continue;
        }
        // Extend each line to the end of the run at its last value.
        s.points.push_back({in_.end_ns(), s.points.back().value, no_event});
        plot.series.push_back(std::move(s));
    }
    Lane lane;
    lane.kind = LaneKind::clocks;
    lane.name = "clocks";
    lane.tracks.push_back(std::move(plot));
    lane.finish();
    return lane;
}

} // namespace lockstep::gui
