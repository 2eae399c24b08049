#include "cli/report_output.hpp"

#include <map>

#include <fmt/format.h>

#include "sim/trace_io.hpp"

namespace lockstep {
namespace {

std::string json_string(std::string_view s) {
    std::string out;
    append_json_string(out, s);
    return out;
}

std::string xml_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '&': out += "&amp;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

const Expectation::Property* expected(const Expectation& e, std::string_view name) {
    for (const auto& p : e.properties) {
        if (p.name == name) {
            return &p;
        }
    }
    return nullptr;
}

} // namespace

std::string format_metrics(const Metrics& m) {
    return fmt::format(
        "  acquisitions {} of {} cycles, latency p50 {} p99 {} max {}\n"
        "  contention {:.1f}%, throughput {:.3f} critical sections/s, unavailable {}\n"
        "  stale writes accepted {} rejected {}, lost updates {}, deadlocked clients {}, "
        "messages {}\n",
        m.acquisitions, m.cycles_started, format_duration_short(m.latency_p50),
        format_duration_short(m.latency_p99), format_duration_short(m.latency_max),
        m.contention_pct, m.throughput_per_s, format_duration_short(m.unavailable),
        m.stale_writes_accepted, m.stale_writes_rejected, m.lost_updates, m.deadlocked_clients,
        m.messages_sent);
}

std::string format_summary(const RunOutcome& run, const SummaryStyle& style) {
    auto paint = [&](const std::string& s, const char* code) {
        return style.color ? fmt::format("\x1b[{}m{}\x1b[0m", code, s) : s;
    };
    const Expectation& full = run.expected;
    std::string out = "verdict\n";
    for (const PropertyResult& p : run.report.properties) {
        const std::string v(verdict_name(p.verdict));
        const std::string shown =
            p.verdict == Verdict::violated ? paint("VIOLATED", "1;31") : paint(v, "32");
        const Expectation::Property* want = expected(full, p.name);
        const std::string expectation =
            want == nullptr ? ""
                            : (want->verdict == p.verdict ? " (as expected)" : " (UNEXPECTED)");
        out += fmt::format("  {:<17} {}{}  {}\n", p.name, shown, expectation, p.summary);
        if (!p.assumption.empty()) {
            out += fmt::format("  {:<17} because: {}\n", "", p.assumption);
        }
    }
    std::string hit;
    for (const auto& [mark, count] : run.report.marks) {
        hit += (hit.empty() ? "" : ", ") + mark + (count > 1 ? fmt::format(" x{}", count) : "");
    }
    out += "marks\n  " + (hit.empty() ? std::string("(none)") : hit) + "\n";
    out += "metrics\n" + format_metrics(run.report.metrics);
    if (run.expectation.met) {
        out += paint("expectations met", "32") + "\n";
    } else {
        out += paint("expectations NOT met", "1;31") + "\n";
        for (const std::string& f : run.expectation.failures) {
            out += "  " + f + "\n";
        }
    }
    return out;
}

std::string verdict_json(const RunOutcome& run, const Scenario& scenario,
                         const std::string& replay) {
    const Trace& trace = run.world->trace();
    std::string out = "{\n";
    out += "  \"format\": \"lockstep-verdict\",\n  \"version\": 1,\n";
    out += "  \"scenario\": " + json_string(scenario.system.name) + ",\n";
    out += "  \"file\": " + json_string(scenario.path) + ",\n";
    out += "  \"seed\": " + std::to_string(run.seed) + ",\n";
    out += "  \"choices\": " + json_string(run.choices) + ",\n";
    out += "  \"end_ns\": " + std::to_string(run.end.since_epoch_ns()) + ",\n";
    out += "  \"replay\": " + json_string(replay) + ",\n";
    out +=
        std::string("  \"expectations_met\": ") + (run.expectation.met ? "true" : "false") + ",\n";
    out += "  \"failures\": [";
    for (size_t i = 0; i < run.expectation.failures.size(); ++i) {
        out += (i ? ", " : "") + json_string(run.expectation.failures[i]);
    }
    out += "],\n  \"properties\": [\n";
    for (size_t i = 0; i < run.report.properties.size(); ++i) {
        const PropertyResult& p = run.report.properties[i];
        out += "    {\"name\": " + json_string(p.name) +
               ", \"verdict\": " + json_string(verdict_name(p.verdict)) +
               ", \"summary\": " + json_string(p.summary) +
               ", \"assumption\": " + json_string(p.assumption) + ", \"witness\": [";
        for (size_t w = 0; w < p.witness.size(); ++w) {
            const TraceEvent& e = trace.events()[p.witness[w]];
            out += fmt::format("{}{{\"index\": {}, \"t\": {}, \"node\": {}, \"event\": {}}}",
                               w ? ", " : "", p.witness[w], e.time.since_epoch_ns(),
                               json_string(trace.node_name(e.node)),
                               json_string(e.kind == TraceKind::model ? trace.event_name(e)
                                                                      : trace_kind_name(e.kind)));
        }
        out += std::string("]}") + (i + 1 < run.report.properties.size() ? "," : "") + "\n";
    }
    out += "  ],\n  \"marks\": {";
    size_t k = 0;
    for (const auto& [mark, count] : run.report.marks) {
        out += fmt::format("{}{}: {}", k++ ? ", " : "", json_string(mark), count);
    }
    const Metrics& m = run.report.metrics;
    out += "},\n  \"metrics\": {";
    out += fmt::format(
        "\"cycles\": {}, \"acquisitions\": {}, \"critical_sections\": {}, \"attempts_failed\": {}, "
        "\"gave_up\": {}, \"contention_pct\": {:.3f}, \"latency_p50_ns\": {}, \"latency_p99_ns\": "
        "{}, "
        "\"latency_max_ns\": {}, \"throughput_per_s\": {:.6f}, \"deadlocked_clients\": {}, "
        "\"unavailable_ns\": {}, \"stale_writes_accepted\": {}, \"stale_writes_rejected\": {}, "
        "\"lost_updates\": {}, \"messages_sent\": {}",
        m.cycles_started, m.acquisitions, m.critical_sections, m.attempts_failed, m.gave_up,
        m.contention_pct, m.latency_p50.count_ns(), m.latency_p99.count_ns(),
        m.latency_max.count_ns(), m.throughput_per_s, m.deadlocked_clients,
        m.unavailable.count_ns(), m.stale_writes_accepted, m.stale_writes_rejected, m.lost_updates,
        m.messages_sent);
    out += "}\n}\n";
    return out;
}

std::vector<JunitCase> junit_cases(const RunOutcome& run, const Scenario& scenario,
                                   const std::string& replay) {
    std::vector<JunitCase> cases;
    const Expectation& full = run.expected;
    for (const PropertyResult& p : run.report.properties) {
        JunitCase c;
        c.scenario = scenario.system.name;
        c.file = scenario.path;
        c.property = p.name;
        const Expectation::Property* want = expected(full, p.name);
        c.failed = want != nullptr && want->verdict != p.verdict;
        if (c.failed) {
            c.message = fmt::format("expected {}, got {}", verdict_name(want->verdict),
                                    verdict_name(p.verdict));
            c.detail = p.summary + "\nreplay: " + replay;
        }
        cases.push_back(c);
    }
    for (const std::string& mark : run.expected.marks) {
        JunitCase c;
        c.scenario = scenario.system.name;
        c.file = scenario.path;
        c.property = "mark " + mark;
        c.failed = !run.report.hit(mark);
        if (c.failed) {
            c.message = "coverage mark never hit: the run did not exercise what it is about";
            c.detail = "replay: " + replay;
        }
        cases.push_back(c);
    }
    return cases;
}

JunitCase unusable_file_case(const std::string& file) {
    JunitCase c;
    c.scenario = file;
    c.file = file;
    c.property = "scenario";
    c.failed = true;
    c.message = "the scenario could not be loaded or run (exit 2; the reason is in the log)";
    return c;
}

std::string junit_xml(const std::vector<JunitCase>& cases) {
    std::map<std::pair<std::string, std::string>, std::vector<const JunitCase*>> suites;
    size_t failures = 0;
    for (const JunitCase& c : cases) {
        suites[{c.scenario, c.file}].push_back(&c);
        failures += c.failed ? 1 : 0;
    }
    size_t skipped = 0;
    for (const JunitCase& c : cases) {
        skipped += c.skipped ? 1 : 0;
    }
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out +=
        fmt::format("<testsuites name=\"lockstep\" tests=\"{}\" failures=\"{}\" skipped=\"{}\">\n",
                    cases.size(), failures, skipped);
    for (const auto& [key, list] : suites) {
        const std::string& name = key.first;
        const std::string file =
            key.second.empty() ? std::string() : " file=\"" + xml_escape(key.second) + "\"";
        size_t suite_failures = 0;
        size_t suite_skipped = 0;
        for (const JunitCase* c : list) {
            suite_failures += c->failed ? 1 : 0;
            suite_skipped += c->skipped ? 1 : 0;
        }
        out +=
            fmt::format("  <testsuite name=\"{}\"{} tests=\"{}\" failures=\"{}\" skipped=\"{}\">\n",
                        xml_escape(name), file, list.size(), suite_failures, suite_skipped);
        for (const JunitCase* c : list) {
            out += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"{:.3f}\"",
                               xml_escape(name), xml_escape(c->property), c->seconds);
            if (c->failed) {
                out +=
                    fmt::format(">\n      <failure message=\"{}\">{}</failure>\n    </testcase>\n",
                                xml_escape(c->message), xml_escape(c->detail));
            } else if (c->skipped) {
                out += fmt::format(">\n      <skipped message=\"{}\"/>\n    </testcase>\n",
                                   xml_escape(c->message));
            } else {
                out += "/>\n";
            }
        }
        out += "  </testsuite>\n";
    }
    out += "</testsuites>\n";
    return out;
}

} // namespace lockstep
