#pragma once
// A scenario's `explore:` section (docs/explore.md): the bounds of `lockstep explore` and the
// faults it places at program points. Plain data; the loader fills it (scenario_explore.cpp), the
// command line may override the bounds, and explore_setup.hpp turns it into a search.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "checker/verdict.hpp"
#include "sim/ids.hpp"
#include "sim/time.hpp"

namespace lockstep {

struct ExploreSpec {
    bool present = false;             // the scenario has an explore: section
    std::string strategy = "bfs";     // bfs | dfs | stateless
    uint64_t max_depth = 200;         // events per run
    std::optional<Duration> max_time; // simulated time; none: the scenario's duration
    uint64_t max_states = 5'000'000;  // stored states before the search gives up (inconclusive)
    uint32_t max_faults = 1;          // faults per run
    std::vector<Duration> latencies;  // the ladder for every link; empty: each link's min and max
    struct Pauses {
        std::vector<NodeId> clients; // empty: no pauses
        std::vector<Duration> lengths;
        std::vector<std::string> points; // empty: every program point
    } pauses;
    struct Crashes {
        std::vector<NodeId> nodes;                // empty: no crashes
        Duration restart_after = Duration::max(); // max: they stay down
        std::vector<std::string> points; // whose reaching offers the crash; empty: every point
    } crashes;
    bool symmetry = false;
    bool por = false;
    bool stop_at_first = false; // stop at the first violation of a property expected to hold
    // What exploration must conclude (explore.expect), when it differs from one run's `expect:`
    // (a single default run rarely meets the fault the search places). Marks are not checked.
    bool has_expect = false;
    Expectation expect;
};

} // namespace lockstep
