#pragma once
// What `run` (and `replay`, `check`) write about a run: the human summary, the verdict JSON
// (docs/verdicts.md) and JUnit XML for CI.
#include <string>

#include "cli/runner.hpp"

namespace lockstep {

struct SummaryStyle {
    bool color = false;
};

// Verdicts, marks, metrics and whether the expectations were met, for a terminal.
std::string format_summary(const RunOutcome& run, const SummaryStyle& style);
std::string format_metrics(const Metrics& m);

std::string verdict_json(const RunOutcome& run, const Scenario& scenario,
                         const std::string& replay);

// One <testsuite> per scenario, one <testcase> per property, failures carry the replay command.
struct JunitCase {
    std::string scenario;
    std::string file; // suites are per (scenario, file): two files may share a name
    std::string property;
    bool failed = false;
    bool skipped = false; // not judged (check stopped early): <skipped message=...>
    std::string message;
    std::string detail;
    double seconds = 0;
};
std::string junit_xml(const std::vector<JunitCase>& cases);
// A case for a file that could not be loaded or run, so that a CI reading only the JUnit
// report still sees the failure (the reason went to standard error).
JunitCase unusable_file_case(const std::string& file);
std::vector<JunitCase> junit_cases(const RunOutcome& run, const Scenario& scenario,
                                   const std::string& replay);

} // namespace lockstep
