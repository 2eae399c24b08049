#include "sim/trace_io.hpp"

#include <cstdio>
#include <istream>
#include <ostream>
#include <sstream>

#include "sim/hash.hpp"
#include "sim/json_line.hpp"

namespace lockstep {

void append_json_string(std::string& out, std::string_view text) {
    out += '"';
    for (char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
                out += buffer;
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

namespace {

void append_key(std::string& out, std::string_view key) {
    out += ',';
    append_json_string(out, key);
    out += ':';
}

void append_header(const Trace& trace, std::string& out) {
    out += R"({"kind":"header","format":"lockstep-trace","version":1,"nodes":[)";
    for (size_t i = 0; i < trace.node_names().size(); ++i) {
        if (i > 0) {
            out += ',';
        }
        append_json_string(out, trace.node_names()[i]);
    }
    out += ']';
    for (const auto& [key, value] : trace.meta()) {
        append_key(out, key);
        append_json_string(out, value);
    }
    out += "}\n";
}

void append_event(const Trace& trace, const TraceEvent& e, std::string& out) {
    out += R"({"t":)";
    out += std::to_string(e.time.since_epoch_ns());
    append_key(out, "kind");
    append_json_string(out, trace_kind_name(e.kind));
    if (e.node != no_node) {
        append_key(out, "node");
        append_json_string(out, trace.node_name(e.node));
        append_key(out, "local");
        out += std::to_string(e.local.since_epoch_ns());
    }
    if (e.peer != no_node) {
        append_key(out, "peer");
        append_json_string(out, trace.node_name(e.peer));
    }
    if (e.msg != 0) {
        append_key(out, "msg");
        out += std::to_string(e.msg);
    }
    if (e.name != 0) {
        append_key(out, "name");
        append_json_string(out, trace.text(e.name));
    }
    for (const TraceField* f = trace.fields_begin(e); f != trace.fields_end(e); ++f) {
        append_key(out, trace.text(f->key));
        switch (f->value.type) {
        case FieldValue::Type::integer: out += std::to_string(f->value.number); break;
        case FieldValue::Type::boolean: out += f->value.number != 0 ? "true" : "false"; break;
        case FieldValue::Type::text:
            append_json_string(out, trace.text(static_cast<uint32_t>(f->value.number)));
            break;
        }
    }
    out += "}\n";
}

} // namespace

void write_trace_jsonl(const Trace& trace, std::ostream& out) {
    std::string buffer;
    append_header(trace, buffer);
    for (const TraceEvent& e : trace.events()) {
        append_event(trace, e, buffer);
        if (buffer.size() > (1 << 16)) {
            out << buffer;
            buffer.clear();
        }
    }
    out << buffer;
}

std::string trace_to_jsonl(const Trace& trace) {
    std::ostringstream out;
    write_trace_jsonl(trace, out);
    return out.str();
}

uint64_t trace_hash(const Trace& trace) {
    Hasher h;
    std::string line;
    append_header(trace, line);
    h.add(line);
    for (const TraceEvent& e : trace.events()) {
        line.clear();
        append_event(trace, e, line);
        h.add(line);
    }
    return h.value();
}

namespace {

bool read_header(const JsonLine& line, Trace& trace, std::string& error) {
    if (line.text("kind") != "header" || line.text("format") != "lockstep-trace") {
        error = "1:1: not a lockstep trace (the first line must be its header)";
        return false;
    }
    if (line.integer("version", 0) != 1) {
        error = "1:1: unsupported trace version";
        return false;
    }
    trace.set_node_names(line.strings("nodes"));
    for (const auto& [key, value] : line.values) {
        if (key != "kind" && key != "format" && key != "version" && key != "nodes" &&
            value.type == JsonValue::Type::text) {
            trace.set_meta(key, value.text);
        }
    }
    return true;
}

bool read_event(const JsonLine& line, size_t line_no, Trace& trace, std::string& error) {
    TraceEvent e;
    if (!parse_trace_kind(line.text("kind"), e.kind)) {
        error = std::to_string(line_no) + ":1: unknown event kind '" +
                std::string(line.text("kind")) + "'";
        return false;
    }
    e.time = Time::from_ns(line.integer("t", 0));
    e.node = trace.find_node(line.text("node"));
    e.local = line.has("local") ? Time::from_ns(line.integer("local", 0)) : e.time;
    e.peer = trace.find_node(line.text("peer"));
    e.msg = static_cast<uint64_t>(line.integer("msg", 0));
    e.name = trace.intern(line.text("name"));
    std::vector<TraceField> fields;
    for (const auto& [key, value] : line.values) {
        if (key == "t" || key == "kind" || key == "node" || key == "local" || key == "peer" ||
            key == "msg" || key == "name") {
            continue;
        }
        FieldValue v;
        switch (value.type) {
        case JsonValue::Type::integer: v = {FieldValue::Type::integer, value.number}; break;
        case JsonValue::Type::boolean: v = {FieldValue::Type::boolean, value.number}; break;
        case JsonValue::Type::text: v = {FieldValue::Type::text, trace.intern(value.text)}; break;
        case JsonValue::Type::array:
            error = std::to_string(line_no) + ":1: field '" + key + "' must be a scalar";
            return false;
        }
        fields.push_back({trace.intern(key), v});
    }
    trace.add_with_fields(e, fields);
    return true;
}

} // namespace

TraceRead read_trace_jsonl(std::istream& in) {
    TraceRead result;
    std::string text;
    size_t line_no = 0;
    while (std::getline(in, text)) {
        ++line_no;
        if (text.empty()) {
            continue;
        }
        JsonLine line;
        std::string error;
        if (!parse_json_line(text, line, error)) {
            result.error = std::to_string(line_no) + ":" + error;
            return result;
        }
        const bool ok = line_no == 1 ? read_header(line, result.trace, result.error)
                                     : read_event(line, line_no, result.trace, result.error);
        if (!ok) {
            return result;
        }
    }
    if (line_no == 0) {
        result.error = "1:1: empty trace file";
        return result;
    }
    result.ok = true;
    return result;
}

} // namespace lockstep
