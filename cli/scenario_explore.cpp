// explore: the bounds of `lockstep explore` and the faults it may place at program points.
#include <algorithm>

#include "cli/scenario_convert.hpp"
#include "cli/scenario_schema.hpp"
#include "cli/scenario_values.hpp"

namespace lockstep::scenario {
namespace {

constexpr size_t max_ladder = 16; // latency options per message: each one multiplies the space

bool read_durations(const Section& s, std::string_view key, std::vector<Duration>& out, Sign sign,
                    std::string_view example) {
    const DocNode* list = s.value(key);
    if (list == nullptr || !need_list(s.issues(), *list, s.path_of(key), example)) {
        return false;
    }
    if (list->items.empty() || list->items.size() > max_ladder) {
        s.issues().add(list->pos, s.path_of(key) + " needs 1 to " + std::to_string(max_ladder) +
                                      " durations, got " + std::to_string(list->items.size()));
        return false;
    }
    for (size_t i = 0; i < list->items.size(); ++i) {
        Duration d;
        if (read_duration(s.issues(), list->items[i], indexed(s.path_of(key), i), d, sign)) {
            out.push_back(d);
        }
    }
    return out.size() == list->items.size();
}

// A list of node names; `clients_only` rejects servers and the resource.
void read_nodes(const Section& s, std::string_view key, const NodeTable& nodes, bool clients_only,
                std::vector<NodeId>& out) {
    const DocNode* list = s.value(key);
    if (list == nullptr || !need_list(s.issues(), *list, s.path_of(key), "[c1, c2]")) {
        return;
    }
    for (size_t i = 0; i < list->items.size(); ++i) {
        NodeId id = no_node;
        const std::string path = indexed(s.path_of(key), i);
        if (!nodes.resolve(s.issues(), list->items[i], path, id)) {
            continue;
        }
        if (clients_only && !nodes.is_client(id)) {
            s.issues().add(list->items[i].pos, path + ": '" + list->items[i].text +
                                                   "' is not a client; only clients reach "
                                                   "program points where a pause can strike");
            continue;
        }
        out.push_back(id);
    }
}

void read_points(const Section& s, std::vector<std::string>& out) {
    const DocNode* list = s.value("points");
    if (list == nullptr ||
        !need_list(s.issues(), *list, s.path_of("points"), "[acquired, before_write]")) {
        return;
    }
    const std::vector<std::string_view>& names = client_point_names();
    for (size_t i = 0; i < list->items.size(); ++i) {
        size_t index = 0;
        if (read_word_in(s.issues(), list->items[i], indexed(s.path_of("points"), i), names,
                         index)) {
            out.emplace_back(names[index]);
        }
    }
}

void read_pauses(const Section& top, const NodeTable& nodes, ExploreSpec::Pauses& out) {
    const DocNode* node = top.value("pauses");
    if (node == nullptr) {
        return;
    }
    const Section s(top.issues(), *node, top.path_of("pauses"), keys_of(Place::explore_pauses));
    if (!s.valid()) {
        return;
    }
    if (s.require("lengths")) {
        read_durations(s, "lengths", out.lengths, Sign::positive, "[10s, 40s]");
    }
    if (s.has("clients")) {
        read_nodes(s, "clients", nodes, true, out.clients);
    } else if (nodes.known()) {
        for (size_t id = 0; id < nodes.names().size(); ++id) { // every client
            if (nodes.is_client(NodeId(id))) {
                out.clients.push_back(NodeId(id));
            }
        }
    }
    read_points(s, out.points);
}

void read_crashes(const Section& top, const NodeTable& nodes, ExploreSpec::Crashes& out) {
    const DocNode* node = top.value("crashes");
    if (node == nullptr) {
        return;
    }
    const Section s(top.issues(), *node, top.path_of("crashes"), keys_of(Place::explore_crashes));
    if (!s.valid()) {
        return;
    }
    if (s.require("nodes")) {
        read_nodes(s, "nodes", nodes, false, out.nodes);
    }
    s.read("restart_after", out.restart_after, Sign::non_negative);
    read_points(s, out.points);
}

void read_bounds(const Section& s, const SystemSpec& spec, ExploreSpec& out) {
    size_t index = 0;
    const std::vector<std::string_view> strategies = {"bfs", "dfs", "stateless"};
    if (const DocNode* v = s.value("strategy");
        v != nullptr && read_word_in(s.issues(), *v, s.path_of("strategy"), strategies, index)) {
        out.strategy = std::string(strategies[index]);
    }
    s.read("max_depth", out.max_depth, 1, UINT32_MAX);
    s.read("max_states", out.max_states, 1, uint64_t(1) << 40);
    s.read("max_faults", out.max_faults, 0, 1'000'000);
    Duration max_time;
    if (s.read("max_time", max_time, Sign::positive)) {
        out.max_time = max_time;
        if (max_time > spec.duration) {
            s.issues().add(s.value("max_time")->pos, s.path_of("max_time") + " is " +
                                                         s.value("max_time")->text +
                                                         ", past the end of the run (duration " +
                                                         format_duration(spec.duration) + ")");
        }
    }
    if (s.has("latencies")) {
        read_durations(s, "latencies", out.latencies, Sign::non_negative, "[1ms, 5ms]");
    }
    s.read("symmetry", out.symmetry);
    s.read("por", out.por);
    s.read("stop_at_first", out.stop_at_first);
}

} // namespace

void read_explore(const Section& top, const NodeTable& nodes, const SystemSpec& spec,
                  ExploreSpec& out) {
    const DocNode* node = top.value("explore");
    if (node == nullptr) {
        return;
    }
    const Section s(top.issues(), *node, "explore", keys_of(Place::explore));
    if (!s.valid()) {
        return;
    }
    out.present = true;
    read_bounds(s, spec, out);
    if (s.has("expect")) {
        out.has_expect = true;
        read_expect(s, out.expect);
    }
    read_pauses(s, nodes, out.pauses);
    read_crashes(s, nodes, out.crashes);
}

} // namespace lockstep::scenario
