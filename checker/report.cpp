#include "checker/report.hpp"

#include "checker/marks.hpp"
#include "checker/metrics.hpp"
#include "checker/properties.hpp"

namespace lockstep {

const PropertyResult* Report::property(std::string_view name) const {
    for (const PropertyResult& p : properties) {
        if (p.name == name) {
            return &p;
        }
    }
    return nullptr;
}

bool Report::hit(std::string_view mark) const {
    const auto it = marks.find(std::string(mark));
    return it != marks.end() && it->second > 0;
}

Report check_trace(const Trace& trace, Time end) {
    const Facts facts = extract_facts(trace, end);
    Report report;
    report.properties.push_back(check_mutual_exclusion(trace, facts));
    report.properties.push_back(check_resource_safety(trace, facts));
    report.properties.push_back(check_deadlock_free(trace, facts, Duration::s(60)));
    report.properties.push_back(check_starvation_free(trace, facts, Duration::s(60)));
    report.marks = count_marks(trace, facts);
    report.metrics = compute_metrics(trace, facts, report);
    return report;
}

ExpectationResult compare(const Report& report, const Expectation& expect) {
    ExpectationResult result;
    for (const Expectation::Property& p : expect.properties) {
        const PropertyResult* got = report.property(p.name);
        if (got == nullptr) {
            result.met = false;
            result.failures.push_back(p.name + ": no such property");
        } else if (got->verdict != p.verdict) {
            result.met = false;
            result.failures.push_back(p.name + ": expected " +
                                      std::string(verdict_name(p.verdict)) + ", got " +
                                      std::string(verdict_name(got->verdict)));
        }
    }
    for (const std::string& mark : expect.marks) {
        if (!report.hit(mark)) {
            result.met = false;
            result.failures.push_back("mark " + mark + ": expected to be hit, never happened");
        }
    }
    return result;
}

} // namespace lockstep
