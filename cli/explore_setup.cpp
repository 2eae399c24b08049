#include "cli/explore_setup.hpp"

#include <algorithm>
#include <optional>

#include "models/build.hpp"

namespace lockstep {
namespace {

ExploreStrategy strategy_of(const std::string& name) {
    if (name == "dfs") {
        return ExploreStrategy::dfs;
    }
    return name == "stateless" ? ExploreStrategy::stateless : ExploreStrategy::bfs;
}

// Every link picks its latency from the ladder (smallest first: choice 0 is the default run's).
void apply_ladder(const std::vector<Duration>& ladder, NetworkSpec& network) {
    if (ladder.empty()) {
        return;
    }
    std::vector<Duration> sorted = ladder;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    LatencySpec latency = sorted.size() == 1
                              ? LatencySpec::constant_of(sorted.front())
                              : LatencySpec::uniform_of(sorted.front(), sorted.back());
    latency.ladder = sorted.size() == 1 ? std::vector<Duration>{} : sorted;
    network.link.latency = latency;
    for (LinkOverride& o : network.overrides) {
        o.link.latency = latency;
    }
}

// The smallest latency the explorer may pick on any link.
Duration shortest_latency(const NetworkSpec& network) {
    auto lowest = [](const LatencySpec& l) {
        return l.ladder.empty() ? l.lo : *std::min_element(l.ladder.begin(), l.ladder.end());
    };
    Duration d = lowest(network.link.latency);
    for (const LinkOverride& o : network.overrides) {
        d = std::min(d, lowest(o.link.latency));
    }
    return d;
}

FaultMenu menu_of(const ExploreSpec& e) {
    FaultMenu menu;
    menu.budget = e.max_faults;
    for (NodeId client : e.pauses.clients) {
        for (Duration length : e.pauses.lengths) {
            FaultMenuItem item;
            item.fault.kind = Fault::Kind::pause;
            item.fault.node = no_node; // the client that reached the point
            item.fault.length = length;
            item.fault.label = "explore";
            item.at_nodes = {client};
            item.at_points = e.pauses.points;
            menu.items.push_back(std::move(item));
        }
    }
    for (NodeId node : e.crashes.nodes) {
        FaultMenuItem item;
        item.fault.kind = Fault::Kind::crash;
        item.fault.node = node;
        item.fault.length = e.crashes.restart_after;
        item.fault.label = "explore";
        item.at_points = e.crashes.points;
        menu.items.push_back(std::move(item));
    }
    return menu;
}

bool same_but_name(ClientSpec a, const ClientSpec& b) {
    a.name = b.name;
    return a == b;
}

ClockSpec clock_of(const SystemSpec& spec, const std::string& name) {
    const auto it = spec.clocks.find(name);
    return it == spec.clocks.end() ? ClockSpec{} : it->second;
}

bool in(const std::vector<NodeId>& ids, NodeId id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Whether anything in the scenario names this client beyond its spec: a scheduled fault, or a
// network-wide fault that breaks the symmetry for everyone (then: nullopt).
std::optional<bool> singled_out(const Scenario& s, NodeId id) {
    bool named = false;
    for (const Fault& f : s.faults) {
        if (fault_acts_on_links(f.kind)) {
            return std::nullopt;
        }
        named = named || f.node == id || f.trigger.node == id;
    }
    return named;
}

// Clients that differ only in name, have the same clock, no scheduled fault of their own, and the
// same place in the fault menu: the symmetry reduction may rename them. Single-node Redis and
// Redlock only: the services whose fingerprints route client ids through Hasher::add_node().
std::vector<std::vector<NodeId>> interchangeable_clients(const Scenario& s) {
    const SystemSpec& spec = s.system;
    const bool renames_clients =
        spec.lock.service == LockService::redis || spec.lock.service == LockService::redlock;
    if (!renames_clients || !spec.network.overrides.empty()) {
        return {};
    }
    const size_t first = node_names(spec).size() - spec.clients.size();
    std::vector<std::vector<NodeId>> groups;
    std::vector<bool> placed(spec.clients.size(), false);
    for (size_t i = 0; i < spec.clients.size(); ++i) {
        const auto a = NodeId(first + i);
        const std::optional<bool> alone = singled_out(s, a);
        if (!alone) {
            return {};
        }
        if (placed[i] || *alone) {
            continue;
        }
        std::vector<NodeId> group = {a};
        for (size_t j = i + 1; j < spec.clients.size(); ++j) {
            const auto b = NodeId(first + j);
            const ClockSpec ca = clock_of(spec, spec.clients[i].name);
            const ClockSpec cb = clock_of(spec, spec.clients[j].name);
            if (!placed[j] && same_but_name(spec.clients[i], spec.clients[j]) &&
                ca.offset == cb.offset && ca.drift_ppm == cb.drift_ppm &&
                singled_out(s, b) == false &&
                in(s.explore.pauses.clients, a) == in(s.explore.pauses.clients, b) &&
                in(s.explore.crashes.nodes, a) == in(s.explore.crashes.nodes, b)) {
                placed[j] = true;
                group.push_back(b);
            }
        }
        if (group.size() > 1) {
            groups.push_back(std::move(group));
        }
    }
    return groups;
}

// The properties whose violation would be news: those the exploration expects to hold. A first
// violation of one of them is what stop_at_first waits for.
uint8_t expected_to_hold(const Scenario& s) {
    const Expectation& stated = s.explore.has_expect ? s.explore.expect : s.expect;
    uint8_t mask = 0;
    for (size_t p = 0; p < monitored_property_count; ++p) {
        const std::string_view name = monitored_property_name(MonitoredProperty(p));
        bool holds = true;
        for (const Expectation::Property& want : stated.properties) {
            holds = want.name == name ? want.verdict == Verdict::holds : holds;
        }
        mask |= holds ? uint8_t(1u << p) : 0;
    }
    return mask;
}

} // namespace

ExploreSetup make_explore_setup(const Scenario& scenario) {
    const ExploreSpec& e = scenario.explore;
    ExploreSetup setup;
    setup.system = scenario.system;
    apply_ladder(e.latencies, setup.system.network);
    setup.menu = menu_of(e);
    ExploreOptions& o = setup.options;
    o.strategy = strategy_of(e.strategy);
    o.bounds.max_depth = e.max_depth;
    o.bounds.max_states = e.max_states;
    o.run_end = Time::zero() + e.max_time.value_or(scenario.system.duration);
    o.bounds.max_time = o.run_end;
    o.monitor.track_liveness = o.run_end - Time::zero() >= o.monitor.stall;
    o.por = e.por;
    o.symmetry = e.symmetry;
    if (o.symmetry) {
        o.symmetric = interchangeable_clients(scenario);
    }
    o.stop_at_first = e.stop_at_first;
    o.stop_on = expected_to_hold(scenario);
    o.messages_take_time = shortest_latency(setup.system.network) > Duration::zero();
    return setup;
}

std::unique_ptr<World> build_explore_world(const Scenario& scenario, const ExploreSetup& setup,
                                           TraceLevel level) {
    std::unique_ptr<World> world = build_world(setup.system, scenario.faults, level);
    world->set_fault_menu(setup.menu);
    return world;
}

} // namespace lockstep
