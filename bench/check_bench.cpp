// lockstep-bench-check: seed sweeps per second on one and two threads (issue 7's speed figures),
// simulated lock operations per second per service and contention level (issue 4's), and the
// time to the first violation with swarm faults on a scenario where violations are rare.
//
// usage: lockstep-bench-check [REPO_ROOT]   (default: the current directory)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "checker/sweep.hpp"
#include "cli/runner.hpp"

using namespace lockstep;

namespace {

double now_s() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

Scenario load(const std::string& root, const std::string& file,
              const std::vector<std::string>& overrides = {}) {
    const ScenarioLoad l = load_scenario_file(root + "/" + file, overrides);
    if (!l.ok) {
        std::fprintf(stderr, "%s\n", l.errors.front().format().c_str());
        std::exit(2);
    }
    return l.scenario;
}

SeedOutcome judge(const Scenario& s, uint64_t seed, const std::optional<SwarmKinds>& swarm) {
    RunRequest r;
    r.seed = seed;
    r.swarm = swarm;
    r.level = TraceLevel::checker;
    r.record_choices = false;
    const RunOutcome run = run_scenario(s, r);
    SeedOutcome o;
    o.failed = !compare(run.report, full_expectation(s.expect)).met;
    return o;
}

// Median of three sweeps of `seeds` seeds on `jobs` threads, in seeds per second.
double seeds_per_s(const Scenario& s, unsigned jobs, uint64_t seeds) {
    std::vector<double> rates;
    for (int rep = 0; rep < 3; ++rep) {
        SweepOptions o;
        o.count = seeds;
        o.jobs = jobs;
        o.stop_at_first_failure = false;
        const double start = now_s();
        sweep_seeds(o, [&](uint64_t seed) { return judge(s, seed, std::nullopt); });
        rates.push_back(double(seeds) / (now_s() - start));
    }
    std::sort(rates.begin(), rates.end());
    return rates[1];
}

void sweep_rates(const std::string& root) {
    std::printf("%-34s %8s %14s %14s %7s\n", "scenario", "seeds", "1 thread/s", "2 threads/s",
                "ratio");
    for (const char* file :
         {"scenarios/kleppmann/gc-pause.yaml", "scenarios/redlock/happy-path.yaml"}) {
        const Scenario s = load(root, file);
        const uint64_t seeds = 20'000;
        const double one = seeds_per_s(s, 1, seeds);
        const double two = seeds_per_s(s, 2, seeds);
        std::printf("%-34s %8llu %14.0f %14.0f %7.2f\n", file, (unsigned long long)seeds, one, two,
                    two / one);
    }
}

// Simulated lock operations (acquire + write + release) per second of wall time.
void lock_ops(const std::string& root) {
    std::printf("\n%-10s %8s %12s %14s %14s\n", "service", "clients", "operations", "ops/s",
                "events/s");
    for (const char* service : {"redis", "redlock"}) {
        for (int clients : {2, 10, 100}) {
            const Scenario s =
                load(root, "scenarios/examples/flash-sale.yaml",
                     {std::string("lock.service=") + service,
                      "clients.0.count=" + std::to_string(clients),
                      "clients.0.cycles=" + std::to_string(4000 / clients), "duration=1h",
                      "lock.redis.fencing_counter=" +
                          std::string(std::string(service) == "redis" ? "true" : "false"),
                      "resource.fencing=none"});
            RunRequest r;
            r.level = TraceLevel::checker;
            r.record_choices = false;
            const double start = now_s();
            const RunOutcome run = run_scenario(s, r);
            const double seconds = now_s() - start;
            const uint64_t ops = run.report.metrics.critical_sections;
            const uint64_t events = run.world->steps();
            std::printf("%-10s %8d %12llu %14.0f %14.0f\n", service, clients,
                        (unsigned long long)ops, double(ops) / seconds, double(events) / seconds);
        }
    }
}

// Swarm `crash` breaks the 5-node Redlock in about 0.2% of seeds (a node restarting empty,
// RD-8): the rare case the issue asks for. `all` breaks it in a few percent.
void first_violation(const std::string& root) {
    const char* file = "scenarios/redlock/happy-path.yaml";
    const Scenario s = load(root, file);
    SwarmKinds crash_only;
    std::string error;
    parse_swarm_kinds("crash", crash_only, error);
    const std::pair<const char*, SwarmKinds> mixes[] = {{"crash", crash_only}, {"all", {}}};
    for (const auto& [name, kinds] : mixes) {
        for (unsigned jobs : {1u, 2u}) {
            SweepOptions o;
            o.count = 100'000;
            o.jobs = jobs;
            o.stop_at_first_failure = true;
            const double start = now_s();
            const SweepResult r =
                sweep_seeds(o, [&](uint64_t seed) { return judge(s, seed, kinds); });
            std::printf("first violation with --swarm %s on %s, %u thread(s): seed %llu after "
                        "%.3fs\n",
                        name, file, jobs, (unsigned long long)r.first_failure.value_or(0),
                        now_s() - start);
        }
    }
}

} // namespace

int main(int argc, char** argv) {
    keep_heap_between_runs(); // as lockstep itself does
    const std::string root = argc > 1 ? argv[1] : ".";
    sweep_rates(root);
    lock_ops(root);
    std::printf("\n");
    first_violation(root);
}
