#pragma once
// Swarm faults (TigerBeetle's swarm testing, FoundationDB's fault workloads): each seed switches
// some fault kinds off entirely and draws a few faults of the others, so that a sweep over seeds
// covers both "many kinds at once" and "one kind alone", which find different bugs.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/fault.hpp"
#include "sim/prng.hpp"

namespace lockstep {

struct SwarmKinds {
    bool pause = true;
    bool clock_step = true;
    bool clock_drift = true;
    bool delay = true;
    bool loss = true;
    bool partition = true;
    bool crash = true;
};

// Parses "pause,clock_step,delay" (or "all"); returns false and names the bad kind otherwise.
bool parse_swarm_kinds(std::string_view text, SwarmKinds& out, std::string& error);
// The inverse: "all", or the allowed kinds in their canonical order ("pause,delay").
std::string swarm_kinds_text(const SwarmKinds& kinds);

struct SwarmTargets {
    std::vector<NodeId> clients;
    std::vector<NodeId> servers;
    std::vector<std::string> client_points; // program points a pause may strike at
    Duration horizon;                       // faults strike in [0, horizon)
    Duration scale;                         // the lock's TTL: sizes are drawn around it
    uint32_t max_faults = 4;
};

// The faults for one seed, labelled "swarm". Deterministic in (seed, targets, allowed kinds).
FaultPlan draw_swarm_faults(uint64_t seed, const SwarmTargets& targets, const SwarmKinds& allowed);

} // namespace lockstep
