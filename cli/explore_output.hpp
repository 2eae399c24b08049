#pragma once
// `lockstep explore`'s files for CI: the verdict as JSON (--verdict), one JUnit case per property
// (--junit), and the trace of the counterexample it shows (--trace). Like `run` and `check`,
// they carry what the terminal shows; no wall-clock figure, so two one-thread runs write the
// same bytes.
#include <string>
#include <vector>

#include "cli/explore_report.hpp"
#include "cli/report_output.hpp"

namespace lockstep {

std::string explore_verdict_json(const Scenario& scenario, const ExploreOptions& options,
                                 const ExploreRun& run,
                                 const std::vector<ReplayedCounterexample>& replays,
                                 const std::vector<std::string>& overrides);

std::vector<JunitCase> explore_junit_cases(const Scenario& scenario, const ExploreRun& run,
                                           const std::vector<ReplayedCounterexample>& replays,
                                           const std::vector<std::string>& overrides);

} // namespace lockstep
