#pragma once
// What `lockstep explore` prints: the search's figures, every property's verdict, and for a
// violation its counterexample verified by replaying it through the runner and the full checker.
#include <optional>
#include <string>
#include <vector>

#include "checker/explore.hpp"
#include "cli/runner.hpp"
#include "cli/timeline_text.hpp"

namespace lockstep {

struct ExploreRun {
    ExploreResult result;
    double seconds = 0;
    size_t peak_rss_bytes = 0;
    unsigned jobs = 1;
};

// A counterexample replayed through the runner (strict choices, full trace, full checker).
struct ReplayedCounterexample {
    std::string property;
    std::string choices; // with the explore prefix
    RunOutcome run;
    bool reproduced = false; // the full checker finds the same property violated
};
std::optional<ReplayedCounterexample> replay_counterexample(const Scenario& scenario,
                                                            const PropertyVerdict& verdict);

std::string format_search(const Scenario& scenario, const ExploreOptions& options,
                          const ExploreRun& run);
std::string format_properties(const Scenario& scenario, const ExploreRun& run,
                              const std::vector<ReplayedCounterexample>& replays, bool color);
// The counterexample to show in full: the first that breaks an expectation, else the first.
size_t headline_counterexample(const Scenario& scenario,
                               const std::vector<ReplayedCounterexample>& replays);
// The counterexample's timeline, its witnesses marked (`style`: colour, --verbose, --messages).
std::string format_counterexample(const ReplayedCounterexample& cex, TimelineStyle style);
// One replay command per violated property.
std::string format_replays(const std::vector<ReplayedCounterexample>& replays,
                           const Scenario& scenario, const std::vector<std::string>& overrides);

// explore.expect when the scenario has one, else its `expect:`.
const Expectation& explore_expectation(const Scenario& scenario);

// "exhaustive within bounds", "inconclusive: state budget exhausted", "stopped at ...".
std::string result_line(const ExploreResult& result);

// Exit code: 0 expectations met, 1 not met, 3 a property expected to hold is undecided.
int explore_exit_code(const Scenario& scenario, const ExploreResult& result);

} // namespace lockstep
