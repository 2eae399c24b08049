#pragma once
// The facts the properties need, pulled out of a trace once: who believed they held the lock when,
// who waited, who was paused, which writes the resource took. Read by properties, marks and
// metrics alike, so each of them stays a short function of these facts.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/trace.hpp"

namespace lockstep {

struct Belief {
    NodeId client = no_node;
    int64_t cycle = 0;
    int64_t token = -1;
    Time begin;
    Time end;
    size_t begin_event = 0;
    size_t end_event = SIZE_MAX; // SIZE_MAX: still believed when the run ended
    std::string end_reason;      // released, expired, lost, crashed, run_ended
};

struct Wait {
    NodeId client = no_node;
    Time begin;
    Time end;
    size_t begin_event = 0;
    bool succeeded = false;
    bool open = false; // still waiting when the run ended
    uint32_t failed_attempts = 0;
};

struct Interval {
    NodeId node = no_node;
    Time begin;
    Time end;
    size_t begin_event = 0;
};

struct Write {
    size_t event = 0;
    Time time;
    NodeId client = no_node;
    int64_t cycle = 0;
    int64_t token = -1;
    int64_t value = 0;
    int64_t previous = 0;
    bool accepted = false;
};

struct Facts {
    std::vector<Belief> beliefs;   // in order of their beginning
    std::vector<Wait> waits;       // one per acquisition cycle
    std::vector<Interval> pauses;  // process pauses, per node
    std::vector<Write> writes;     // in the order the resource decided them
    std::vector<bool> is_client;   // per node: emitted client events
    std::vector<bool> down_at_end; // per node: crashed and not restarted when the run ended
    // Per node: a lock server, from the trace header's "servers" or, without it, from the
    // lock_* events it recorded.
    std::vector<bool> is_lock_server;
    Time end;
};

Facts extract_facts(const Trace& trace, Time end);

// Whether `node` was paused at instant `t`.
bool paused_at(const Facts& facts, NodeId node, Time t);

} // namespace lockstep
