// The online monitor decides what check_trace() decides. Runs step by step on scenarios from the
// library with seed-drawn swarm faults, feeding the monitor each step's events, then comparing
// its verdicts with the full checker's on the finished trace of the same run.
#include <catch2/catch.hpp>

#include "checker/explore_monitor.hpp"
#include "checker/report.hpp"
#include "models/build.hpp"
#include "tests/explore/explore_helpers.hpp"

using namespace lockstep;
using namespace lockstep::test;

namespace {

struct Agreement {
    size_t runs = 0;
    size_t violations = 0; // property verdicts that were "violated", to show the test has teeth
};

void compare_run(const Scenario& s, uint64_t seed, Agreement& tally) {
    SwarmKinds all;
    auto world = build_world(s.system, faults_for(s, seed, all), TraceLevel::full);
    std::vector<std::string> names;
    for (size_t n = 0; n < world->node_count(); ++n) {
        names.emplace_back(world->node_name(NodeId(n)));
    }
    MonitorNames ids(world->trace(), names);
    MonitorConfig config;
    const Time end = Time::zero() + s.system.duration;
    config.track_liveness = end - Time::zero() >= config.stall;
    PropertyMonitor monitor(world->node_count());
    RandomChooser chooser(seed);
    world->start(chooser);
    monitor.on_events(world->trace(), ids, world->now(), false, config);
    auto settle = [&] {
        const Time next = world->next_event_time();
        monitor.settle(world->now(), next > end ? Time::never() : next, end);
    };
    settle();
    while (world->next_event_time() <= end) {
        const size_t first = world->trace().size();
        const Time before = world->now();
        world->step();
        monitor.on_events(world->trace(), ids, world->now(), world->now() > before, config, first);
        settle();
    }
    monitor.at_run_end(end, config);
    const Report report = check_trace(world->trace(), end);
    for (size_t p = 0; p < monitored_property_count; ++p) {
        const auto property = MonitoredProperty(p);
        const std::string_view name = monitored_property_name(property);
        INFO(s.path << " seed " << seed << " " << name << ": " << report.property(name)->summary);
        const bool violated = report.property(name)->verdict == Verdict::violated;
        CHECK(monitor.violated(property) == violated);
        tally.violations += violated ? 1 : 0;
    }
    ++tally.runs;
}

} // namespace

TEST_CASE("the online monitor agrees with the trace checker on runs with swarm faults") {
    const std::vector<std::string> files = {
        "scenarios/kleppmann/gc-pause.yaml",         "scenarios/kleppmann/gc-pause-fenced.yaml",
        "scenarios/kleppmann/check-then-write.yaml", "scenarios/kleppmann/delayed-packet.yaml",
        "scenarios/redis/no-ttl-crash.yaml",         "scenarios/redis/unsafe-release.yaml",
        "scenarios/redis/watchdog-pause.yaml",       "scenarios/examples/cron-payments.yaml",
        "scenarios/explore/ttl-lock-unfenced.yaml",  "scenarios/explore/redis-crash.yaml",
    };
    Agreement tally;
    for (const std::string& f : files) {
        const Scenario s = load_scenario(f);
        for (uint64_t seed = 1; seed <= 40; ++seed) {
            compare_run(s, seed, tally);
        }
    }
    CHECK(tally.runs == files.size() * 40);
    CHECK(tally.violations > 50);
}
