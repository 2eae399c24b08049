#pragma once
// The network: per-link latency, loss and duplication; one-shot delay faults; symmetric and
// one-way partitions that drop or hold messages. Decisions go through the Chooser; the world
// asks the network what to do with each message and schedules the result.
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "sim/fault.hpp"
#include "sim/latency.hpp"

namespace lockstep {

class Chooser;
class Hasher;

struct LinkSpec {
    LatencySpec latency;
    uint32_t loss_num = 0;
    uint32_t loss_den = 1;
    uint32_t dup_num = 0;
    uint32_t dup_den = 1;
    // TCP-like: messages on one link arrive in the order sent, even when latencies would
    // reorder them. Lock services talk over TCP, so this is the default.
    bool ordered = true;
};

struct LinkOverride {
    NodeId from = no_node; // no_node: any
    NodeId to = no_node;
    LinkSpec link;
};

struct NetworkSpec {
    LinkSpec link;
    std::vector<LinkOverride> overrides;
    // What a partition does to a message: drop it (datagrams, or a connection that resets), or
    // hold it until the partition heals (TCP retransmitting).
    bool hold_when_partitioned = false;
};

class Network {
  public:
    Network() = default;
    Network(NetworkSpec spec, size_t node_count);

    struct Route {
        bool lost = false;    // loss coin said so
        bool blocked = false; // a partition is in the way
        Duration latency;
        std::optional<Duration> duplicate_latency;
    };
    // Decides the fate of a message sent now from `from` to `to`.
    Route route(Time now, NodeId from, NodeId to, Chooser& chooser);
    bool blocked(NodeId from, NodeId to) const;
    bool holds_when_partitioned() const { return spec_.hold_when_partitioned; }
    // Whether messages from `from` to `to` arrive in the order sent (TCP).
    bool ordered(NodeId from, NodeId to) const { return link(from, to).ordered; }

    void add_partition(const Fault& fault, uint32_t rule_id);
    void heal(uint32_t rule_id);
    void heal_all();
    bool any_partition() const { return active_rules_ > 0; }
    void add_delay(const Fault& fault);
    // A window of message loss on the links `fault` names, until end_loss(rule_id).
    void add_loss(const Fault& fault, uint32_t rule_id);
    // Ends loss window `rule_id`; false when no such window is open (a partition rule instead).
    bool end_loss(uint32_t rule_id);

    void fingerprint(Hasher& h, Time now) const;

  private:
    const LinkSpec& link(NodeId from, NodeId to) const;
    Time ordered_delivery(NodeId from, NodeId to, Time at);
    bool lost_in_window(NodeId from, NodeId to, Chooser& chooser) const;

    struct Rule {
        uint32_t id = 0;
        bool active = false;
        bool one_way = false;
        std::vector<uint8_t> group; // per node: 0 = not in the rule, k = in group k
    };
    struct LossWindow {
        uint32_t id;
        NodeId from, to; // no_node: any
        uint32_t loss_num, loss_den;
    };
    struct PendingDelay {
        NodeId from, to;
        Duration latency;
        uint32_t remaining;
    };

    NetworkSpec spec_;
    size_t node_count_ = 0;
    std::vector<Rule> rules_;
    uint32_t active_rules_ = 0;
    std::vector<PendingDelay> delays_;
    std::vector<LossWindow> losses_;
    // Last delivery time per ordered link (key from << 16 | to). Tracked only once latencies
    // can differ, since equal latencies already keep the order of sending.
    bool track_order_ = false;
    std::unordered_map<uint32_t, Time> last_delivery_;
    // Every link is the default one, with a constant latency, no loss, no duplicates and no
    // delay fault: route() then asks the chooser nothing and can skip its general path.
    bool plain_ = false;
};

} // namespace lockstep
