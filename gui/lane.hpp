#pragma once
// The timeline's data: lanes of tracks of items, in true time. Built once per run by one small
// builder per lane kind (client_lane, server_lane, ...), read by layout, hit testing and the view.
// Items are sorted by their start so that a frame touches only what is visible.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "gui/style.hpp"
#include "sim/ids.hpp"

namespace lockstep::gui {

inline constexpr uint32_t no_event = UINT32_MAX;

// An interval: a belief, a lease, a pause.
struct Span {
    int64_t begin_ns = 0;
    int64_t end_ns = 0;
    uint32_t begin_event = no_event;
    uint32_t end_event = no_event; // no_event: still open when the run ended
    Style style = Style::belief;
    int64_t value = -1;     // the token, when there is one
    NodeId other = no_node; // the holder of a lease, the peer of a pause...
};

// An instant: a program point, a write, a crash.
struct Mark {
    int64_t time_ns = 0;
    uint32_t event = no_event;
    Style style = Style::point;
    int64_t value = -1; // a token, a counter value
};

// A message from its send to its delivery (or loss).
struct Arrow {
    int64_t send_ns = 0;
    int64_t end_ns = 0;
    uint32_t send_event = no_event;
    uint32_t end_event = no_event; // the deliver or drop; no_event while in flight at the end
    NodeId from = no_node;
    NodeId to = no_node;
    bool dropped = false;
};

struct PlotPoint {
    int64_t time_ns = 0;
    double value = 0;
    uint32_t event = no_event;
};

// One line of a plot: a node's clock offset, the resource's counter.
struct Series {
    std::string label;
    uint32_t colour_index = 0;
    bool steps = false; // a step function (the counter) rather than a polyline (an offset)
    std::vector<PlotPoint> points;
};

enum class TrackKind : uint8_t { bars, marks, arrows, plot };

struct Track {
    std::string label;
    TrackKind kind = TrackKind::bars;
    float height_px = 12;
    std::vector<Span> spans;   // sorted by begin_ns
    std::vector<Span> overlay; // drawn over `spans` (the violation), sorted by begin_ns
    std::vector<Mark> marks;   // sorted by time_ns
    std::vector<Arrow> arrows; // sorted by send_ns
    std::vector<Series> series;
    double plot_min = 0, plot_max = 0; // the plotted value range
    const char* unit = "";             // of plotted values ("ms"), a literal
    int64_t longest_span_ns = 0;       // spans and arrows: bounds the backward search when culling
    int64_t longest_overlay_ns = 0;

    void finish(); // sorts the items and computes longest_span_ns and the plot range

    std::span<const Span> spans_in(int64_t begin_ns, int64_t end_ns) const;
    std::span<const Span> overlay_in(int64_t begin_ns, int64_t end_ns) const;
    std::span<const Mark> marks_in(int64_t begin_ns, int64_t end_ns) const;
    std::span<const Arrow> arrows_in(int64_t begin_ns, int64_t end_ns) const;
};

enum class LaneKind : uint8_t { client, server, resource, network, clocks };

struct Lane {
    LaneKind kind = LaneKind::client;
    NodeId node = no_node; // no_node for the network and the clocks
    std::string name;
    std::vector<Track> tracks;
    std::vector<Span> bands; // drawn behind the tracks over the lane's height: pauses, downtime
    int64_t longest_band_ns = 0;

    void finish(); // finishes every track and sorts the bands
    std::span<const Span> bands_in(int64_t begin_ns, int64_t end_ns) const;
};

// A sorted-vector window for items that have a begin and an end: anything starting after
// `end_ns`, or starting more than `longest_ns` before `begin_ns`, cannot be visible.
template <class Item, class BeginOf>
std::span<const Item> visible_items(const std::vector<Item>& items, int64_t begin_ns,
                                    int64_t end_ns, int64_t longest_ns, BeginOf begin_of);

} // namespace lockstep::gui
