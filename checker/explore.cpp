#include "checker/explore.hpp"

#include <stdexcept>
#include <thread>

#include "checker/explore_bfs.hpp"
#include "checker/explore_dfs.hpp"
#include "checker/explore_search.hpp"
#include "checker/explore_stateless.hpp"
#include "checker/explore_work.hpp"

namespace lockstep {

std::string_view strategy_name(ExploreStrategy s) {
    switch (s) {
    case ExploreStrategy::bfs: return "bfs";
    case ExploreStrategy::dfs: return "dfs";
    case ExploreStrategy::stateless: return "stateless";
    }
    return "?";
}

namespace {

constexpr size_t roots_per_thread = 16; // subtrees per depth-first thread to begin with

void run_depth_first(const World& unstarted, SearchShared& shared, unsigned jobs) {
    if (jobs <= 1) {
        DepthFirst dfs(unstarted, shared);
        shared.join();
        for (PendingState& root : dfs.initial_states()) {
            if (!shared.stopped()) {
                dfs.run(std::move(root), {});
            }
        }
        shared.leave();
        shared.add_stats(dfs.stats());
        return;
    }
    // Several threads: a breadth-first start gives the first subtrees; each thread searches
    // subtrees depth-first against the one visited set and gives one away when another is idle.
    BreadthFirst bfs(unstarted, shared, 1);
    auto roots = bfs.frontier(roots_per_thread * jobs);
    shared.add_stats(bfs.stats());
    WorkPool pool(shared, jobs);
    for (auto& [root, path] : roots) {
        pool.give(Subtree{std::move(root), std::move(path)});
    }
    std::vector<std::unique_ptr<DepthFirst>> searchers;
    for (unsigned i = 0; i < jobs; ++i) {
        searchers.push_back(std::make_unique<DepthFirst>(unstarted, shared));
        searchers.back()->share_with(&pool);
    }
    auto work = [&](DepthFirst& dfs) {
        shared.join();
        Subtree next;
        while (pool.take(next)) {
            if (!shared.stopped()) {
                dfs.run(std::move(next.root), next.path);
            }
        }
    };
    std::vector<std::thread> threads;
    for (unsigned i = 1; i < jobs; ++i) {
        threads.emplace_back(work, std::ref(*searchers[i]));
    }
    work(*searchers[0]);
    for (std::thread& t : threads) {
        t.join();
    }
    for (const auto& s : searchers) {
        shared.add_stats(s->stats());
    }
}

} // namespace

ExploreResult explore(const WorldFactory& factory, const ExploreOptions& options) {
    const std::unique_ptr<World> unstarted = factory();
    if (unstarted->node_count() > PropertyMonitor::max_nodes) {
        throw std::invalid_argument("exploration supports at most " +
                                    std::to_string(PropertyMonitor::max_nodes) + " nodes");
    }
    SearchShared shared(options);
    switch (options.strategy) {
    case ExploreStrategy::bfs: {
        BreadthFirst bfs(*unstarted, shared, options.jobs);
        bfs.run();
        shared.add_stats(bfs.stats());
        break;
    }
    case ExploreStrategy::dfs: run_depth_first(*unstarted, shared, options.jobs); break;
    case ExploreStrategy::stateless: {
        Stateless search(*unstarted, shared);
        search.run();
        shared.add_stats(search.stats());
        break;
    }
    }
    ExploreResult result = shared.result();
    if (options.strategy == ExploreStrategy::stateless) {
        result.stats.states = result.stats.transitions; // every node of the tree of runs
    }
    return result;
}

} // namespace lockstep
