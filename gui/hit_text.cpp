#include "gui/hit_text.hpp"

#include "cli/timeline_text.hpp"
#include "gui/event_text.hpp"

namespace lockstep::gui {
namespace {

std::string extent(const Span& s, bool open) {
    std::string out =
        format_time(Time::from_ns(s.begin_ns)) + " to " + format_time(Time::from_ns(s.end_ns));
    out += " (" + format_duration(Duration::ns(s.end_ns - s.begin_ns)) + ")";
    return open ? out + ", still open when the run ended" : out;
}

std::string node(const TimelineModel& model, NodeId n) {
    return std::string(model.trace().node_name(n));
}

std::string token(const Span& s) {
    return s.value >= 0 ? " with token " + std::to_string(s.value) : "";
}

// "from c1 to any node (50%)": the links of a loss window, read from the event that opened it.
std::string loss_links(const TimelineModel& model, const Span& s) {
    const Trace& t = model.trace();
    const TraceEvent& e = t.events()[s.begin_event];
    const std::string percent = loss_percent(t, e);
    return "from " + link_end(t, e.node) + " to " + link_end(t, e.peer) +
           (percent.empty() ? "" : " (" + percent + " of them)");
}

std::string span_meaning(const TimelineModel& model, const Hit& hit) {
    const Span& s = hit.span;
    const std::string who = node(model, model.lanes()[hit.lane].node);
    switch (s.style) {
    case Style::belief: return who + " believes it holds the lock" + token(s);
    case Style::belief_stale:
        return who + " still believes it holds the lock" + token(s) + ", but no server says so";
    case Style::belief_overlap:
        return who + " and " + node(model, s.other) + " both believe they hold the lock";
    case Style::server_hold:
        return node(model, s.other) + " says " + who + " holds the lock" + token(s);
    case Style::lease: return who + " leases the lock to " + node(model, s.other) + token(s);
    case Style::leader_term: return who + " is the leader";
    case Style::pause: return who + " is paused (it handles nothing; its leases keep expiring)";
    case Style::down: return who + " is down (crashed)";
    case Style::partition: return "the network is partitioned";
    case Style::loss: return "messages " + loss_links(model, s) + " are being lost";
    default: return std::string(style_name(s.style));
    }
}

std::string line_of(const TimelineModel& model, uint32_t event) {
    return event < model.trace().size() ? event_line(model.trace(), model.trace().events()[event])
                                        : std::string();
}

std::string arrow_text(const TimelineModel& model, const Hit& hit) {
    const Arrow& a = hit.arrow;
    const TraceEvent& send = model.trace().events()[a.send_event];
    std::string out = "message " + std::string(model.trace().event_name(send)) + ": " +
                      node(model, a.from) + " -> " + node(model, a.to) + "\nsent " +
                      format_time(Time::from_ns(a.send_ns));
    if (a.end_event == no_event) {
        return out + ", still in flight when the run ended";
    }
    out += a.dropped ? ", lost at " : ", delivered at ";
    out += format_time(Time::from_ns(a.end_ns)) + " (" +
           format_duration(Duration::ns(a.end_ns - a.send_ns)) + ")";
    if (a.dropped) {
        out += ": " +
               std::string(model.trace().text_field(model.trace().events()[a.end_event], "reason"));
    }
    return out;
}

std::string ruler_text(const TimelineModel& model, const Hit& hit) {
    for (const ViolationMarker& v : model.violations()) {
        for (const TimeRange& r : v.ranges) {
            if (hit.time_ns >= static_cast<double>(r.begin_ns) - 1 &&
                hit.time_ns <= static_cast<double>(r.end_ns) + 1) {
                return v.property + " violated: " + v.summary;
            }
        }
    }
    return format_time(Time::from_ns(static_cast<int64_t>(hit.time_ns)));
}

} // namespace

std::string describe_hit(const TimelineModel& model, const Hit& hit) {
    switch (hit.kind) {
    case HitKind::none:
    case HitKind::label: return {};
    case HitKind::ruler: return ruler_text(model, hit);
    case HitKind::mark: return line_of(model, hit.event);
    case HitKind::arrow: return arrow_text(model, hit);
    case HitKind::overlay:
    case HitKind::span:
    case HitKind::band:
    case HitKind::partition: {
        std::string out =
            span_meaning(model, hit) + "\n" + extent(hit.span, hit.span.end_event == no_event);
        out += "\nbegins: " + line_of(model, hit.span.begin_event);
        if (hit.span.end_event != no_event) {
            out += "\nends: " + line_of(model, hit.span.end_event);
        }
        return out;
    }
    }
    return {};
}

} // namespace lockstep::gui
