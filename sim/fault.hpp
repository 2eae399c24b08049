#pragma once
// Faults are data (DESIGN principle 9): a plan the scenario writes down, or a swarm draws from a
// seed. The world turns the plan into events; nothing else injects faults.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/ids.hpp"
#include "sim/time.hpp"

namespace lockstep {

// When a fault strikes: at a true time, or when a node reaches a program point for the n-th time
// (Kleppmann: "a GC pause can strike anywhere", so anywhere must be addressable).
struct Trigger {
    enum class Kind : uint8_t { at_time, at_point };
    Kind kind = Kind::at_time;
    Time at;
    NodeId node = no_node;   // at_point: whose point
    std::string point;       // at_point: its name
    uint32_t occurrence = 1; // at_point: the n-th time it is reached
    Duration after;          // at_point: how long after reaching it

    static Trigger at_time_of(Time t) { return {Kind::at_time, t, no_node, {}, 1, {}}; }
    static Trigger at_point_of(NodeId node, std::string point, uint32_t occurrence = 1) {
        return {Kind::at_point, Time::zero(), node, std::move(point), occurrence, {}};
    }
};

struct Fault {
    enum class Kind : uint8_t {
        pause,       // node handles nothing for `length`; its clock keeps running
        clock_step,  // node's wall clock jumps by `amount`
        clock_drift, // node's clocks run at `drift_ppm` from now on
        clock_slew,  // node's wall clock absorbs `amount` at `drift_ppm` extra rate
        crash,       // node loses volatile state; restarts after `length` unless it is never()
        restart,     // a crashed node comes back
        partition,   // `groups` cannot reach each other (one_way: groups[0] cannot reach groups[1])
        heal,        // every partition heals
        delay,       // the next `count` messages from `from` to `to` take `amount` each
        loss,        // for `length`, messages from `from` to `to` are lost, each with chance
                     // loss_num/loss_den
    };
    Kind kind = Kind::pause;
    Trigger trigger;
    NodeId node = no_node;
    Duration length;
    Duration amount;
    int64_t drift_ppm = 0;
    std::vector<std::vector<NodeId>> groups;
    bool one_way = false;
    Duration heal_after = Duration::max(); // partition: heals by itself after this long
    NodeId from = no_node;                 // delay: no_node means any sender
    NodeId to = no_node;                   // delay: no_node means any receiver
    uint32_t count = 1;
    uint32_t loss_num = 1; // loss: the chance of losing each message
    uint32_t loss_den = 1;
    std::string label; // where it came from, for the trace ("scenario fault 2", "swarm")
};

using FaultPlan = std::vector<Fault>;

std::string_view fault_kind_name(Fault::Kind kind);

// Partitions, heals, delays and loss windows act on links, not on one node: they have no `node`,
// and a symmetry reduction cannot rename the clients they touch.
constexpr bool fault_acts_on_links(Fault::Kind kind) {
    return kind == Fault::Kind::partition || kind == Fault::Kind::heal ||
           kind == Fault::Kind::delay || kind == Fault::Kind::loss;
}

} // namespace lockstep
