#pragma once
// Exhaustive exploration (issue 9): every run the choice seam allows within bounds. A state is a
// world at an event boundary plus the online property monitor; a transition is one World::step()
// with one combination of the choices made inside it (which tied event runs, latencies from the
// ladder, loss and duplication coins, model picks, fault placements from the world's FaultMenu).
// The explorer knows worlds only through a factory: it never sees models or the scenario format.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "checker/explore_monitor.hpp"
#include "checker/verdict.hpp"
#include "sim/world.hpp"

namespace lockstep {

// Builds the world to explore, not yet started: its fault menu set, at TraceLevel::checker.
using WorldFactory = std::function<std::unique_ptr<World>()>;

enum class ExploreStrategy : uint8_t {
    bfs,       // breadth-first: the shortest counterexample (in steps)
    dfs,       // depth-first: little memory, the first counterexample found
    stateless, // depth-first re-execution from the start, no visited set: for comparison
};
std::string_view strategy_name(ExploreStrategy s);

struct ExploreBounds {
    uint64_t max_depth = 200;        // events per run
    Time max_time = Time::never();   // events due later are not run
    uint64_t max_states = 5'000'000; // stored states; past it the search is inconclusive
};

struct ExploreOptions {
    ExploreStrategy strategy = ExploreStrategy::bfs;
    ExploreBounds bounds;
    Time run_end = Time::never(); // when a run that stops ends, for the properties
    MonitorConfig monitor;
    unsigned jobs = 1;
    bool por = false;      // explore one order of independent same-instant events
    bool symmetry = false; // identical clients are interchangeable (see `symmetric`)
    std::vector<std::vector<NodeId>> symmetric; // groups of interchangeable nodes
    // The partial-order reduction needs to know that no message can arrive at the instant it is
    // sent (every latency the explorer may pick is positive).
    bool messages_take_time = false;
    bool stop_at_first = false; // stop at the first violation of a property in stop_on
    uint8_t stop_on = 0xff;     // bit p: MonitoredProperty p
    // Called now and then from the searching thread (states so far), for progress lines.
    std::function<void(uint64_t states, uint64_t transitions)> on_progress;
};

struct ExploreStats {
    uint64_t states = 0;       // distinct states stored in the visited set
    uint64_t transitions = 0;  // steps executed (one per combination of choices)
    uint64_t revisits = 0;     // states explored again because reached earlier in time
    uint64_t max_depth = 0;    // deepest state reached
    uint64_t ends = 0;         // runs that ended: nothing left to do, or the time bound
    uint64_t depth_cut = 0;    // states not expanded because of the depth bound
    uint64_t reduced = 0;      // states expanded with one event only (partial-order reduction)
    size_t table_bytes = 0;    // the visited set
    uint64_t widest_layer = 0; // BFS: states in the widest layer (each holds a whole world)
    size_t path_bytes = 0;     // BFS parent links and choices
};

struct PropertyVerdict {
    std::string name;
    Verdict verdict = Verdict::holds;
    std::optional<std::vector<uint64_t>> counterexample; // its choice string, when violated
    uint64_t depth = 0;                                  // steps in the counterexample
};

struct ExploreResult {
    ExploreStats stats;
    bool budget_exhausted = false; // stopped at max_states: holds means "none found so far"
    bool stopped_early = false;    // stop_at_first
    std::vector<PropertyVerdict> properties; // in monitored-property order
};

ExploreResult explore(const WorldFactory& factory, const ExploreOptions& options);

} // namespace lockstep
