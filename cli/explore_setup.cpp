#include "cli/explore_setup.hpp"

#include <algorithm>

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
    o.stop_at_first = e.stop_at_first;
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
