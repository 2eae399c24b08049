#include "gui/node_events.hpp"

#include <map>

namespace lockstep::gui {

Style model_event_style(std::string_view name) {
    if (name == "acquire_start") {
        return Style::acquire;
    }
    if (name == "acquire_attempt_failed" || name == "acquire_gave_up" || name == "renew_failed" ||
        name == "request_timeout" || name == "lock_busy" || name == "lock_release_refused") {
        return Style::attempt_failed;
    }
    if (name == "release") {
        return Style::release;
    }
    if (name == "write_accepted") {
        return Style::write_accepted;
    }
    if (name == "write_rejected") {
        return Style::write_rejected;
    }
    if (name == "resource_read") {
        return Style::read;
    }
    return Style::model_event;
}

bool is_bar_event(std::string_view name) {
    return name == "acquired" || name == "belief_end" || name == "lock_granted" ||
           name == "lock_expired" || name == "lock_released";
}

namespace {

class Collector {
  public:
    explicit Collector(const LaneInput& in) : in_(in) {
        out_.marks.resize(in.node_count());
        out_.bands.resize(in.node_count());
        open_pause_.assign(in.node_count(), no_band);
        open_down_.assign(in.node_count(), no_band);
    }

    NodeEvents run() {
        const auto& events = in_.trace().events();
        for (uint32_t i = 0; i < events.size(); ++i) {
            on_event(i, events[i]);
        }
        return std::move(out_);
    }

  private:
    static constexpr size_t no_band = SIZE_MAX;

    void on_event(uint32_t i, const TraceEvent& e) {
        const int64_t t = e.time.since_epoch_ns();
        switch (e.kind) {
        case TraceKind::send:
        case TraceKind::deliver:
        case TraceKind::drop: return; // arrows
        case TraceKind::pause_begin: open_band(open_pause_, e.node, i, t, Style::pause); return;
        case TraceKind::pause_end: close_band(open_pause_, e.node, i, t); return;
        case TraceKind::crash:
            close_band(open_pause_, e.node, i, t);
            open_band(open_down_, e.node, i, t, Style::down);
            add_mark(e.node, {t, i, Style::crash, -1});
            return;
        case TraceKind::restart:
            close_band(open_down_, e.node, i, t);
            add_mark(e.node, {t, i, Style::restart, -1});
            return;
        case TraceKind::partition: open_partition(i, e); return;
        case TraceKind::heal: heal(i, e); return;
        case TraceKind::clock_step:
        case TraceKind::clock_rate: add_mark(e.node, {t, i, Style::clock_step, -1}); return;
        case TraceKind::timer: add_mark(e.node, {t, i, Style::timer, -1}); return;
        case TraceKind::point: add_mark(e.node, {t, i, Style::point, -1}); return;
        case TraceKind::model: on_model(i, e); return;
        }
    }

    void on_model(uint32_t i, const TraceEvent& e) {
        const std::string_view name = in_.trace().event_name(e);
        if (is_bar_event(name)) {
            return;
        }
        if (name == "loss_begin") {
            open_network_window(i, e, Style::loss);
            return;
        }
        if (name == "loss_end") {
            close_network_window(i, e);
            return;
        }
        add_mark(e.node, {e.time.since_epoch_ns(), i, model_event_style(name),
                          in_.trace().integer(e, "token", -1)});
    }

    void add_mark(NodeId node, Mark m) {
        if (node < out_.marks.size()) {
            out_.marks[node].push_back(m);
        } else {
            out_.global_marks.push_back(m);
        }
    }

    void open_band(std::vector<size_t>& open, NodeId node, uint32_t i, int64_t t, Style style) {
        if (node >= open.size() || open[node] != no_band) {
            return;
        }
        open[node] = out_.bands[node].size();
        out_.bands[node].push_back({t, in_.end_ns(), i, no_event, style, -1, node});
    }

    void close_band(std::vector<size_t>& open, NodeId node, uint32_t i, int64_t t) {
        if (node >= open.size() || open[node] == no_band) {
            return;
        }
        Span& s = out_.bands[node][open[node]];
        s.end_ns = t;
        s.end_event = i;
        open[node] = no_band;
    }

    // Partitions and loss windows share the rule numbering and the network lane's bands.
    void open_network_window(uint32_t i, const TraceEvent& e, Style style) {
        const int64_t rule = in_.trace().integer(e, "rule", 0);
        partitions_[rule] = out_.partitions.size();
        out_.partitions.push_back(
            {e.time.since_epoch_ns(), in_.end_ns(), i, no_event, style, rule});
        add_mark(e.node, {e.time.since_epoch_ns(), i, style, rule});
    }

    void close_network_window(uint32_t i, const TraceEvent& e) {
        const auto it = partitions_.find(in_.trace().integer(e, "rule", 0));
        if (it != partitions_.end()) {
            Span& s = out_.partitions[it->second];
            s.end_ns = e.time.since_epoch_ns();
            s.end_event = i;
            partitions_.erase(it);
        }
    }

    void open_partition(uint32_t i, const TraceEvent& e) {
        open_network_window(i, e, Style::partition);
    }

    // A heal names its rule, or 0 for every partition (loss windows end by themselves).
    void heal(uint32_t i, const TraceEvent& e) {
        const int64_t rule = in_.trace().integer(e, "rule", 0);
        for (auto it = partitions_.begin(); it != partitions_.end();) {
            if ((rule == 0 && out_.partitions[it->second].style == Style::partition) ||
                it->first == rule) {
                Span& s = out_.partitions[it->second];
                s.end_ns = e.time.since_epoch_ns();
                s.end_event = i;
                it = partitions_.erase(it);
            } else {
                ++it;
            }
        }
        add_mark(e.node, {e.time.since_epoch_ns(), i, Style::restart, rule});
    }

    const LaneInput& in_;
    NodeEvents out_;
    std::vector<size_t> open_pause_;
    std::vector<size_t> open_down_;
    std::map<int64_t, size_t> partitions_; // open rule -> index in out_.partitions
};

} // namespace

NodeEvents collect_node_events(const LaneInput& in) {
    return Collector(in).run();
}

} // namespace lockstep::gui
