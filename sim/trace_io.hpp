#pragma once
// The trace's JSON Lines form (docs/trace-format.md): a header line, then one flat object per
// event. Readers (the GUI, `lockstep replay --trace`) rebuild the same Trace.
#include <iosfwd>
#include <string>

#include "sim/trace.hpp"

namespace lockstep {

void write_trace_jsonl(const Trace& trace, std::ostream& out);
std::string trace_to_jsonl(const Trace& trace);

// A stable 64-bit hash of the trace's JSONL text: equal hashes mean byte-identical traces.
uint64_t trace_hash(const Trace& trace);

struct TraceRead {
    bool ok = false;
    Trace trace;
    std::string error; // "line:col: message"
};
TraceRead read_trace_jsonl(std::istream& in);

// JSON string escaping, shared by every JSON writer in the project.
void append_json_string(std::string& out, std::string_view text);

} // namespace lockstep
