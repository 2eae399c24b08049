#include "gui/lane.hpp"

#include <algorithm>
#include <limits>

namespace lockstep::gui {

template <class Item, class BeginOf>
std::span<const Item> visible_items(const std::vector<Item>& items, int64_t begin_ns,
                                    int64_t end_ns, int64_t longest_ns, BeginOf begin_of) {
    const int64_t lowest = std::numeric_limits<int64_t>::min();
    const int64_t earliest = begin_ns < lowest + longest_ns ? lowest : begin_ns - longest_ns;
    const auto first =
        std::lower_bound(items.begin(), items.end(), earliest,
                         [&](const Item& item, int64_t t) { return begin_of(item) < t; });
    const auto last =
        std::upper_bound(first, items.end(), end_ns,
                         [&](int64_t t, const Item& item) { return t < begin_of(item); });
    return {items.data() + (first - items.begin()), static_cast<size_t>(last - first)};
}

namespace {

int64_t longest(const std::vector<Span>& spans) {
    int64_t out = 0;
    for (const Span& s : spans) {
        out = std::max(out, s.end_ns - s.begin_ns);
    }
    return out;
}

void sort_spans(std::vector<Span>& spans) {
    std::stable_sort(spans.begin(), spans.end(),
                     [](const Span& a, const Span& b) { return a.begin_ns < b.begin_ns; });
}

} // namespace

void Track::finish() {
    sort_spans(spans);
    sort_spans(overlay);
    longest_overlay_ns = longest(overlay);
    std::stable_sort(marks.begin(), marks.end(),
                     [](const Mark& a, const Mark& b) { return a.time_ns < b.time_ns; });
    std::stable_sort(arrows.begin(), arrows.end(),
                     [](const Arrow& a, const Arrow& b) { return a.send_ns < b.send_ns; });
    longest_span_ns = longest(spans);
    for (const Arrow& a : arrows) {
        longest_span_ns = std::max(longest_span_ns, a.end_ns - a.send_ns);
    }
    bool first = true;
    for (const Series& s : series) {
        for (const PlotPoint& p : s.points) {
            plot_min = first ? p.value : std::min(plot_min, p.value);
            plot_max = first ? p.value : std::max(plot_max, p.value);
            first = false;
        }
    }
}

std::span<const Span> Track::spans_in(int64_t begin_ns, int64_t end_ns) const {
    return visible_items(spans, begin_ns, end_ns, longest_span_ns,
                         [](const Span& s) { return s.begin_ns; });
}

std::span<const Span> Track::overlay_in(int64_t begin_ns, int64_t end_ns) const {
    return visible_items(overlay, begin_ns, end_ns, longest_overlay_ns,
                         [](const Span& s) { return s.begin_ns; });
}

std::span<const Mark> Track::marks_in(int64_t begin_ns, int64_t end_ns) const {
    return visible_items(marks, begin_ns, end_ns, 0, [](const Mark& m) { return m.time_ns; });
}

std::span<const Arrow> Track::arrows_in(int64_t begin_ns, int64_t end_ns) const {
    return visible_items(arrows, begin_ns, end_ns, longest_span_ns,
                         [](const Arrow& a) { return a.send_ns; });
}

void Lane::finish() {
    sort_spans(bands);
    longest_band_ns = longest(bands);
    for (Track& t : tracks) {
        t.finish();
    }
}

std::span<const Span> Lane::bands_in(int64_t begin_ns, int64_t end_ns) const {
    return visible_items(bands, begin_ns, end_ns, longest_band_ns,
                         [](const Span& s) { return s.begin_ns; });
}

} // namespace lockstep::gui
