#pragma once
// The command line, parsed in one translation unit (CLI11 is the heaviest header we use).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lockstep {

struct CommandLine {
    enum class Command { none, run, replay, lint, check, explore };
    Command command = Command::none;

    std::vector<std::string> files;     // scenario files
    std::vector<std::string> overrides; // --set key.path=value, in order
    std::optional<uint64_t> seed;
    std::string choices;        // replay: the choice string to follow
    std::string trace_path;     // --trace FILE (JSONL)
    std::string verdict_path;   // --verdict FILE (JSON)
    std::string junit_path;     // --junit FILE (XML)
    bool quiet = false;         // no timeline
    bool verbose = false;       // failed attempts, program points, drops
    bool messages = false;      // every message in the timeline
    std::string color = "auto"; // auto | always | never
    std::string swarm;          // swarm fault kinds ("all", "pause,delay"); empty: off

    // check
    uint64_t seeds = 100; // how many seeds
    unsigned jobs = 0;    // worker threads; 0: one per core
    bool all = false;     // run every seed instead of stopping at the first failure
    bool shrink = true;
    std::string shrunk_path; // write the shrunk scenario here

    // explore (bounds override the scenario's `explore:` section)
    std::string strategy; // bfs | dfs | stateless; empty: the scenario's or bfs
    std::optional<uint64_t> max_depth;
    std::optional<uint64_t> max_states;
    std::optional<std::string> max_time; // simulated time bound, e.g. "20s"
    std::optional<uint64_t> max_faults;
    bool symmetry = false;
    bool por = false;        // reduce independent interleavings
    std::string pause_sweep; // a client: try a pause at each of its program points

    int exit_code = 0;     // set when parsing already decided the outcome (help, errors)
    bool finished = false; // true: exit with exit_code without running anything
};

CommandLine parse_command_line(int argc, char** argv);

} // namespace lockstep
