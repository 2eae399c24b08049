#pragma once
// The world: the queue, the nodes, their clocks, the network, the fault plan and the trace, driven
// by one Chooser. Event order is total on (time, seq); same-instant events are choice points
// when the chooser asks for them and first-in first-out otherwise.
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/chooser.hpp"
#include "sim/clock.hpp"
#include "sim/event_queue.hpp"
#include "sim/fault.hpp"
#include "sim/fault_menu.hpp"
#include "sim/network.hpp"
#include "sim/node.hpp"
#include "sim/trace.hpp"

namespace lockstep {

struct RunLimits {
    Time until = Time::never();
    uint64_t max_steps = UINT64_MAX;
};

struct RunResult {
    enum class Stop : uint8_t { quiescent, time_limit, step_limit };
    Stop stop = Stop::quiescent;
    uint64_t steps = 0;
    Time end;
};

// A live event at the front of the queue, as the explorer sees it before choosing among ties.
struct PendingEvent {
    EventKind kind;
    NodeId to;
    NodeId from;
};

struct WorldStats {
    uint64_t messages_sent = 0;
    uint64_t messages_delivered = 0;
    uint64_t messages_dropped = 0;
    uint64_t timers_fired = 0;
};

class World {
  public:
    World(NetworkSpec network, TraceLevel level);
    World(const World& other);
    World& operator=(const World&) = delete;

    NodeId add_node(std::string name, std::unique_ptr<Node> node, ClockSpec clock = {});
    NodeId find_node(std::string_view name) const;
    size_t node_count() const { return nodes_.size(); }
    std::string_view node_name(NodeId id) const { return nodes_[id].name; }

    void set_fault_plan(FaultPlan plan);
    const FaultPlan& fault_plan() const { return *faults_; }
    // Faults offered as choices at program points (sim/fault_menu.hpp), for exploration.
    void set_fault_menu(FaultMenu menu);
    const FaultMenu& fault_menu() const { return *menu_; }
    uint32_t faults_injected() const { return menu_faults_; }

    // Starts every node (on_start at time 0) and schedules the time-triggered faults. Needs the
    // chooser that will drive the run.
    void start(Chooser& chooser);
    void set_chooser(Chooser& chooser) {
        chooser_ = &chooser;
        drop_dead_ = chooser.enumerating();
    }
    // Runs events until a limit or until nothing is left to do.
    RunResult run(const RunLimits& limits);
    // Runs one event; false when the queue is empty.
    bool step();

    Time now() const { return now_; }
    uint64_t steps() const { return steps_; }
    const Trace& trace() const { return trace_; }
    Trace& trace() { return trace_; }
    TraceLevel trace_level() const { return level_; }
    const WorldStats& stats() const { return stats_; }
    size_t pending_events() const { return queue_.size(); }
    size_t queue_memory_bytes() const { return queue_.memory_bytes(); }
    const Clock& clock(NodeId id) const { return nodes_[id].clock; }
    bool is_paused(NodeId id) const { return nodes_[id].paused_until > now_; }
    bool is_crashed(NodeId id) const { return nodes_[id].crashed; }
    const Node& node(NodeId id) const { return *nodes_[id].node; }

    // A 64-bit digest of everything that determines the future (node states, pending events
    // and clocks relative to now, network state), for the explorer's visited set.
    uint64_t fingerprint() const;
    // The same with node i renamed map[i] (a permutation of interchangeable nodes): the
    // fingerprint of the renamed state, for the symmetry reduction (world_fingerprint.cpp).
    uint64_t fingerprint(const NodeId* map) const;
    // A node's own share of the state (its state, clock, pause and the events to and from it),
    // blind to its id: interchangeable nodes are put in canonical order by these keys.
    uint64_t symmetry_key(NodeId id) const;

    // For the explorer (world_explore.cpp). When the next event is due (never when none is).
    Time next_event_time() const;
    // The live events due at that instant, in the order a tie choice numbers them.
    void tied_events(std::vector<PendingEvent>& out) const;
    // Copies (or swaps) everything that changes while running from another world built from the
    // same description, keeping this world's trace, fault plan and interned names: a snapshot
    // restore that reuses this world's buffers.
    void assign_state(const World& other);
    void swap_state(World& other);
    // Drops timers that would fire for nothing (cancelled, from before a crash, or declared
    // dead by their node: sim/node.hpp). An enumerating chooser does this after every step, so
    // that a state's future never holds steps its fingerprint cannot see.
    void drop_dead_events();

  private:
    friend class Context;

    struct NodeSlot {
        std::string name;
        std::unique_ptr<Node> node;
        Clock clock;
        Time paused_until;
        bool crashed = false;
        uint32_t incarnation = 0;
        std::vector<QueueKey> deferred; // events that arrived while paused, in arrival order
    };
    struct PointWatch {
        uint32_t fault;
        uint32_t seen = 0;
    };

    // Context's implementation.
    void send(NodeId from, NodeId to, MessageType type, const MessageBytes& body);
    TimerId set_timer(NodeId node, Duration local_delay, uint64_t tag);
    void cancel_timer(TimerId id);
    void reach_point(NodeId node, std::string_view point);
    void offer_menu_faults(NodeId node, std::string_view point);
    bool is_dead(const QueueKey& key) const;
    // A tied message queued behind an earlier one of `earlier` on the same ordered link: a tie
    // choice must not reorder a TCP stream.
    bool behind_on_link(const QueueKey& key, const std::vector<QueueKey>& earlier) const;
    void emit(NodeId node, std::string_view event, std::initializer_list<Field> fields);

    QueueKey pop_next();
    void dispatch(QueueKey key);
    void deliver(QueueKey key, EventRecord event);
    void fire_timer(QueueKey key, const EventRecord& event);
    bool defer_if_paused(NodeId node, QueueKey key);
    uint64_t message_id(QueueKey key) const;
    void requeue(QueueKey key, Time at);
    void release_message(uint32_t slot);
    void record_drop(const EventRecord& r, uint64_t msg, std::string_view reason);

    void record_initial_clocks();
    void schedule_fault(uint32_t index, Time at);
    void apply_fault(uint32_t index);
    void apply_fault(const Fault& f);
    void begin_pause(NodeId node, Duration length);
    void end_pause(NodeId node);
    void crash(NodeId node);
    void restart(NodeId node);
    void heal_rule(uint32_t rule);
    void begin_loss(const Fault& f, const Field& label);
    std::string partition_groups_text(const Fault& f) const;
    void release_held();

    void record(TraceKind kind, NodeId node, NodeId peer, uint32_t name, uint64_t msg,
                std::initializer_list<Field> fields = {});
    bool tracing(TraceKind kind) const {
        return level_ == TraceLevel::full ||
               (level_ == TraceLevel::checker && !is_message_level(kind));
    }
    uint32_t message_name(MessageType type);
    bool hash_message(Hasher& h, const EventRecord& r) const; // through the nodes' hooks
    bool hash_event(Hasher& h, const QueueKey& k) const;      // false: a dead timer, left out
    void hash_node(Hasher& h, NodeId id) const;
    std::vector<QueueKey> hash_order(const NodeId* map) const;

    std::vector<NodeSlot> nodes_;
    EventQueue queue_;
    Network network_;
    NetworkSpec network_spec_;
    Chooser* chooser_ = nullptr;
    // The plan and the menu never change once the world runs: copies of a world (the explorer
    // stores millions) share them.
    std::shared_ptr<const FaultPlan> faults_ = std::make_shared<const FaultPlan>();
    std::vector<PointWatch> watches_;
    std::shared_ptr<const FaultMenu> menu_ = std::make_shared<const FaultMenu>();
    uint32_t menu_faults_ = 0;         // faults the menu has injected so far
    std::vector<uint32_t> menu_offer_; // scratch: the items offered at one point
    std::vector<QueueKey> held_;       // messages a partition holds until it heals
    std::vector<QueueKey> ties_;       // scratch for tie choices
    // Messages that were deferred by a pause or held by a partition get a new sequence number
    // (so they run in arrival order) but keep their trace id: slot -> original id.
    std::unordered_map<uint32_t, uint64_t> renamed_;
    Trace trace_;
    TraceLevel level_;
    std::vector<uint32_t> message_names_; // message type -> interned name
    Time now_;
    uint64_t steps_ = 0;
    uint32_t next_rule_ = 1;
    bool started_ = false;
    bool drop_dead_ = false; // exploring: see drop_dead_events()
    WorldStats stats_;
};

} // namespace lockstep
