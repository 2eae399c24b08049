#include "gui/trace_source.hpp"

#include <charconv>
#include <fstream>

#include "gui/verdict_file.hpp"
#include "sim/trace_io.hpp"

namespace lockstep::gui {
namespace {

std::string meta(const Trace& trace, std::string_view key) {
    for (const auto& [k, v] : trace.meta()) {
        if (k == key) {
            return v;
        }
    }
    return {};
}

// "FILE:LINE:COL: error: MESSAGE" from the reader's "LINE:COL: MESSAGE".
std::string located_error(const std::string& path, const std::string& error) {
    const size_t line_end = error.find(':');
    const size_t column_end =
        line_end == std::string::npos ? line_end : error.find(':', line_end + 1);
    if (column_end == std::string::npos || error.compare(column_end, 2, ": ") != 0) {
        return path + ": error: " + error;
    }
    return path + ":" + error.substr(0, column_end) + ": error: " + error.substr(column_end + 2);
}

// The header's seed is text; a trace edited by hand may hold anything there.
uint64_t seed_of(const std::string& text) {
    uint64_t seed = 0;
    std::from_chars(text.data(), text.data() + text.size(), seed);
    return seed;
}

int64_t last_event_ns(const Trace& trace) {
    return trace.events().empty() ? 0 : trace.events().back().time.since_epoch_ns();
}

} // namespace

RunData load_trace_file(const std::string& trace_path, const std::string& verdict_path) {
    RunData run;
    run.source = trace_path;
    std::ifstream in(trace_path);
    if (!in) {
        run.error = trace_path + ": error: cannot open the trace file";
        return run;
    }
    TraceRead read = read_trace_jsonl(in);
    if (!read.ok) {
        run.error = located_error(trace_path, read.error) + " (is it a lockstep trace?)";
        return run;
    }
    VerdictFile verdict;
    if (!verdict_path.empty()) {
        verdict = read_verdict_file(verdict_path);
        if (!verdict.ok) {
            run.error = verdict.error;
            return run;
        }
    }
    auto trace = std::make_shared<Trace>(std::move(read.trace));
    run.end = Time::from_ns(verdict.end_ns.value_or(last_event_ns(*trace)));
    run.report = check_trace(*trace, run.end);
    run.seed = verdict.seed.value_or(seed_of(meta(*trace, "seed")));
    run.choices = verdict.choices.empty() ? meta(*trace, "choices") : verdict.choices;
    run.replay = verdict.replay;
    const std::string scenario = meta(*trace, "scenario");
    run.title = (scenario.empty() ? trace_path : scenario) + " (trace " + trace_path + ")";
    run.trace = std::move(trace);
    run.ok = true;
    return run;
}

} // namespace lockstep::gui
