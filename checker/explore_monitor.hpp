#pragma once
// Online properties for the explorer. A search cannot keep whole traces, so each step's new trace
// events update a small monitor state that travels with the world state and is part of its
// fingerprint. The monitor decides exactly what check_trace() (checker/report.hpp) decides on the
// finished trace of the same run:
//   mutual_exclusion  two beliefs i (began first) and j of different clients with
//                     begin_j < end_i: j acquired while i believed, and i still believed once
//                     time moved past that instant;
//   resource_safety   an accepted write from a tenure that began before the newest tenure already
//                     written, a lost increment (value != previous + 1), or tokens going backwards;
//   deadlock_free     at the end of a run, a client waiting while nobody has held the lock for the
//                     stall time (and no lock server is down);
//   starvation_free   a wait longer than the stall time while another client acquired.
// The two liveness properties need wait ages; they are tracked (and hashed, capped) only when the
// run is long enough to reach the stall time at all.
#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "sim/hash.hpp"
#include "sim/time.hpp"
#include "sim/trace.hpp"

namespace lockstep {

enum class MonitoredProperty : uint8_t {
    mutual_exclusion,
    resource_safety,
    deadlock_free,
    starvation_free
};
constexpr size_t monitored_property_count = 4;
std::string_view monitored_property_name(MonitoredProperty p);

// Interned ids of the event names and field keys the monitor reads, in one world's trace.
struct MonitorNames {
    // `nodes`: the world's node names, by id (writes name their client).
    MonitorNames(Trace& trace, const std::vector<std::string>& nodes);
    uint32_t acquire_start, acquire_gave_up, acquired, belief_end, write_accepted;
    uint32_t cycle, token, value, previous, client;
    std::vector<NodeId> node_of_name; // interned node name -> node id (no_node otherwise)
};

struct MonitorConfig {
    Duration stall = Duration::s(60); // the report's deadlock and starvation bound
    bool track_liveness = false;      // runs reach the stall time: keep wait ages
};

class PropertyMonitor {
  public:
    static constexpr size_t max_nodes = 32;
    static constexpr size_t ring = 4; // past tenures kept per client, for writes still in flight

    PropertyMonitor() = default;
    explicit PropertyMonitor(size_t node_count);
    // Copies only the nodes in use: a monitor travels with every stored state.
    PropertyMonitor(const PropertyMonitor& other) { *this = other; }
    PropertyMonitor& operator=(const PropertyMonitor& other);

    // The events one step appended (from index `first` on); `now` is the step's instant,
    // `new_instant` whether time moved.
    void on_events(const Trace& trace, const MonitorNames& names, Time now, bool new_instant,
                   const MonitorConfig& config, size_t first = 0);
    // After a step: resolves overlaps of this instant once time must move on (`next` is when the
    // next event is due; the run ends at `run_end`).
    void settle(Time now, Time next, Time run_end);
    // At the end of a run that stopped (nothing left to do, or the time bound): liveness.
    void at_run_end(Time run_end, const MonitorConfig& config);

    // `map` renames nodes (symmetry reduction; null: none): node i is hashed at position map[i].
    void fingerprint(Hasher& h, Time now, const MonitorConfig& config, const NodeId* map) const;
    // One client's share, blind to its id, for putting interchangeable clients in order.
    uint64_t client_key(NodeId node, Time now, const MonitorConfig& config) const;

    // Properties violated by the last update (cleared by take_fresh), and ever on this path.
    uint8_t take_fresh() {
        const uint8_t f = fresh_;
        fresh_ = 0;
        return f;
    }
    bool violated(MonitoredProperty p) const { return (violated_ >> unsigned(p)) & 1u; }
    // Whether the last update began or ended a belief, or crashed or restarted a node: the events
    // whose order within one instant the mutual-exclusion verdict can depend on (a zero-length
    // belief counts only if it began after another). Partial-order reduction keeps their orders.
    bool touched() const { return touched_; }
    void clear_touched() { touched_ = false; }

  private:
    struct Tenure {
        int32_t cycle; // -1: empty
        uint32_t rank; // the instant it began, counted in instants
    };
    // No default member initialisers: the array of them is filled only as far as it is used.
    struct Client {
        bool believes;
        bool overlap; // believed when another client acquired at this instant
        bool waiting;
        bool is_client;
        bool down;
        bool other_acquired; // during the current wait, another client acquired
        int32_t cycle;
        std::array<Tenure, ring> tenures;
        int64_t wait_begin_ns;
        int64_t other_acquired_ns; // the first such acquisition
    };
    static Client empty_client();

    void violate(MonitoredProperty p);
    void on_model(const Trace& trace, const TraceEvent& e, const MonitorNames& names, Time now,
                  const MonitorConfig& config);
    void on_acquired(const Trace& trace, const TraceEvent& e, const MonitorNames& names, Time now,
                     const MonitorConfig& config);
    void on_write(const Trace& trace, const TraceEvent& e, const MonitorNames& names);
    void end_belief(NodeId node, Time now);
    void close_wait(NodeId node, Time now, const MonitorConfig& config);
    uint32_t tenure_rank(NodeId node, int32_t cycle) const;
    void hash_client(Hasher& h, const Client& c, Time now, const MonitorConfig& config) const;
    // Tenure ranks renumbered densely: only their order matters to the future.
    uint64_t dense(uint32_t rank) const;
    void collect_ranks() const;

    Client* nodes() { return count_ <= inline_nodes ? inline_.data() : spill_.get(); }
    const Client* nodes() const { return count_ <= inline_nodes ? inline_.data() : spill_.get(); }
    std::span<Client> clients() { return {nodes(), count_}; }
    std::span<const Client> clients() const { return {nodes(), count_}; }

    // Worlds of up to eight nodes keep their monitor inline (a monitor travels with every stored
    // state); bigger ones spill to the heap. The first count_ entries are in use.
    static constexpr size_t inline_nodes = 8;
    std::array<Client, inline_nodes> inline_;
    std::unique_ptr<Client[]> spill_;
    uint8_t count_ = 0; // nodes in the world
    uint32_t instant_ = 0;
    bool has_newest_ = false;
    uint32_t newest_rank_ = 0;
    int64_t highest_token_ = -1;
    int64_t last_held_ns_ = 0; // when the last belief ended (liveness)
    uint8_t violated_ = 0;
    uint8_t fresh_ = 0;
    bool touched_ = false;
};

} // namespace lockstep
