#include "gui/event_text.hpp"

namespace lockstep::gui {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool has_name(TraceKind kind) {
    return kind == TraceKind::model || kind == TraceKind::point || kind == TraceKind::send ||
           kind == TraceKind::deliver || kind == TraceKind::drop;
}

std::string field_key(const Trace& trace, const TraceField& f) {
    std::string_view key = trace.text(f.key);
    if (ends_with(key, "_ns")) {
        key.remove_suffix(3);
    }
    return std::string(key);
}

} // namespace

std::string field_text(const Trace& trace, const TraceField& f) {
    switch (f.value.type) {
    case FieldValue::Type::text:
        return std::string(trace.text(static_cast<uint32_t>(f.value.number)));
    case FieldValue::Type::boolean: return f.value.number != 0 ? "true" : "false";
    case FieldValue::Type::integer:
        if (ends_with(trace.text(f.key), "_ns")) {
            return format_duration(Duration::ns(f.value.number));
        }
        return std::to_string(f.value.number);
    }
    return "?";
}

std::string event_title(const Trace& trace, const TraceEvent& e) {
    if (e.kind == TraceKind::model) {
        return std::string(trace.event_name(e));
    }
    std::string title(trace_kind_name(e.kind));
    if (has_name(e.kind)) {
        title += " ";
        title += trace.event_name(e);
    }
    return title;
}

std::string event_line(const Trace& trace, const TraceEvent& e) {
    std::string line = format_time(e.time);
    line += "  ";
    line += e.node == no_node ? std::string_view("-") : trace.node_name(e.node);
    line += "  ";
    line += event_title(trace, e);
    if (e.peer != no_node) {
        line += e.kind == TraceKind::send ? " -> " : " <- ";
        line += trace.node_name(e.peer);
    }
    for (const TraceField* f = trace.fields_begin(e); f != trace.fields_end(e); ++f) {
        line += " " + field_key(trace, *f) + "=" + field_text(trace, *f);
    }
    return line;
}

std::vector<std::pair<std::string, std::string>> event_fields(const Trace& trace,
                                                              const TraceEvent& e) {
    std::vector<std::pair<std::string, std::string>> out;
    out.emplace_back("time", format_time(e.time));
    out.emplace_back("kind", std::string(trace_kind_name(e.kind)));
    if (e.node != no_node) {
        out.emplace_back("node", std::string(trace.node_name(e.node)));
        out.emplace_back("local clock", format_time(e.local));
        out.emplace_back("clock offset", format_duration(e.local - e.time));
    }
    if (has_name(e.kind)) {
        out.emplace_back("name", std::string(trace.event_name(e)));
    }
    if (e.peer != no_node) {
        out.emplace_back("peer", std::string(trace.node_name(e.peer)));
    }
    if (e.kind == TraceKind::send || e.kind == TraceKind::deliver || e.kind == TraceKind::drop) {
        out.emplace_back("message", std::to_string(e.msg));
    }
    for (const TraceField* f = trace.fields_begin(e); f != trace.fields_end(e); ++f) {
        out.emplace_back(std::string(trace.text(f->key)), field_text(trace, *f));
    }
    return out;
}

} // namespace lockstep::gui
