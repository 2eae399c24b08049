// lockstep-bench-sim: the simulation core's speed on the des-baseline peer's lock workload
// (../shared/peers/des-baseline/des_lock.cpp), written as ordinary lockstep Nodes.
//
// usage: lockstep-bench-sim [--n N] [--seconds S] [--level off|checker|full] [--seed X] [--reps R]
// With no option it runs the whole ladder: N = 10, 100, 1000, 10000 with tracing off, then N = 100
// at the checker and full trace levels. One line of key=value pairs per run.
//
// Workload (per client, as in des_lock.cpp): think U[1,20) ms -> ACQUIRE to the server (100 us)
// -> reply back (100 us) -> BUSY: back off 2 ms and retry; GRANTED(token): hold U[1,5) ms, 1% of
// the time 20 ms longer (a GC pause past the 10 ms TTL) -> RELEASE(token) to the server, think
// again from the moment it lands. Server: SET NX PX on ACQUIRE, compare-and-delete on RELEASE.
// A client stops when a think or back-off timer fires at or after the end. Events = message
// deliveries + timer expiries (World::steps()), as des and SimGrid count them.
//
// This file is outside the deterministic layers, so it may read real clocks for timing. The
// simulated workload itself draws every random value through the Context (the chooser).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include <sys/resource.h>

#include "sim/hash.hpp"
#include "sim/trace_io.hpp"
#include "sim/world.hpp"

// ---------------------------------------------------------------- allocation counter
// Every operator new in this binary counts, so "allocations per event" shows whether the event
// loop allocates in steady state (des_lock.cpp counts the same way).
namespace {
uint64_t g_allocations = 0;
}

void* operator new(std::size_t size) {
    ++g_allocations;
    if (void* p = std::malloc(size != 0 ? size : 1)) {
        return p;
    }
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
    std::free(p);
}

namespace {

using namespace lockstep;

// ---------------------------------------------------------------- the workload
constexpr Duration link_latency = Duration::us(100);
constexpr Duration lease_ttl = Duration::ms(10);
constexpr Duration busy_backoff = Duration::ms(2);
constexpr Duration gc_pause = Duration::ms(20);
constexpr Duration think_min = Duration::ms(1);
constexpr Duration think_max = Duration::ms(20); // exclusive, as des's uniform(lo, hi)
constexpr Duration hold_min = Duration::ms(1);
constexpr Duration hold_max = Duration::ms(5);
constexpr uint64_t gc_pause_percent = 1;

struct Acquire {
    static constexpr std::string_view name = "bench.acquire";
    uint64_t attempt;
};
struct Reply {
    static constexpr std::string_view name = "bench.reply";
    uint64_t token; // 0: busy
};
struct Release {
    static constexpr std::string_view name = "bench.release";
    uint64_t token;
};

// A duration drawn uniformly from [lo, hi) through the chooser.
Duration draw_between(Context& ctx, Duration lo, Duration hi) {
    const auto span_ns = static_cast<uint64_t>((hi - lo).count_ns());
    return lo + Duration::ns(static_cast<int64_t>(ctx.pick(span_ns)));
}

// One lock key with SET NX PX semantics and a token counter.
class LockServer final : public Node {
  public:
    uint64_t grants = 0;
    uint64_t stale_releases = 0;

    void on_message(Context& ctx, const Envelope& message) override {
        if (message.is<Acquire>()) {
            on_acquire(ctx, message.from);
        } else {
            on_release(ctx, message.as<Release>().token);
        }
    }
    std::unique_ptr<Node> clone() const override { return std::make_unique<LockServer>(*this); }
    void fingerprint(Hasher& h, const LocalNow& now) const override {
        h.add(holder_token_).add(last_token_).add_signed((expires_at_ - now.mono).count_ns());
    }

  private:
    void on_acquire(Context& ctx, NodeId client) {
        const Time now = ctx.mono_now();
        uint64_t token = 0;
        if (holder_token_ == 0 || now >= expires_at_) {
            holder_token_ = ++last_token_;
            expires_at_ = now + lease_ttl;
            token = holder_token_;
            ++grants;
        }
        ctx.send(client, Reply{token});
    }
    // Compare-and-delete: only the current holder, and only while its lease runs.
    void on_release(Context& ctx, uint64_t token) {
        if (holder_token_ == token && ctx.mono_now() < expires_at_) {
            holder_token_ = 0;
        } else {
            ++stale_releases;
        }
    }

    uint64_t holder_token_ = 0; // 0: free
    uint64_t last_token_ = 0;
    Time expires_at_;
};

// Think, acquire (retrying on BUSY), hold, release, until its clock reaches `stop_at`.
class LockClient final : public Node {
  public:
    LockClient(NodeId server, Time stop_at) : server_(server), stop_at_(stop_at) {}

    void on_start(Context& ctx) override { think(ctx, Duration::zero()); }
    void on_message(Context& ctx, const Envelope& message) override {
        const uint64_t token = message.as<Reply>().token;
        if (token == 0) {
            ctx.set_timer(busy_backoff, backoff_done);
            return;
        }
        token_ = token;
        if (ctx.tracing()) {
            ctx.emit("acquired", {Field("token", token)});
        }
        ctx.set_timer(hold_length(ctx), hold_done);
    }
    void on_timer(Context& ctx, uint64_t tag) override {
        if (tag == hold_done) {
            release(ctx);
        } else if (ctx.mono_now() < stop_at_) {
            ctx.send(server_, Acquire{++attempts_});
        }
    }
    std::unique_ptr<Node> clone() const override { return std::make_unique<LockClient>(*this); }
    void fingerprint(Hasher& h, const LocalNow&) const override { h.add(token_).add(attempts_); }

  private:
    enum Tag : uint64_t { think_done = 1, hold_done = 2, backoff_done = 3 };

    void think(Context& ctx, Duration after) {
        ctx.set_timer(after + draw_between(ctx, think_min, think_max), think_done);
    }
    // The 1% GC pause is modelled as a longer hold, as des does.
    static Duration hold_length(Context& ctx) {
        const Duration hold = draw_between(ctx, hold_min, hold_max);
        return ctx.chance(gc_pause_percent, 100) ? hold + gc_pause : hold;
    }
    // des schedules the next think from the moment the release lands at the server.
    void release(Context& ctx) {
        ctx.send(server_, Release{token_});
        if (ctx.tracing()) {
            ctx.emit("released", {Field("token", token_)});
        }
        think(ctx, link_latency);
    }

    NodeId server_;
    Time stop_at_;
    uint64_t token_ = 0;
    uint64_t attempts_ = 0;
};

std::unique_ptr<World> lock_world(uint32_t clients, Duration length, TraceLevel level) {
    NetworkSpec network;
    network.link.latency = LatencySpec::constant_of(link_latency);
    auto world = std::make_unique<World>(network, level);
    const NodeId server = world->add_node("server", std::make_unique<LockServer>());
    const Time stop_at = Time::zero() + length;
    for (uint32_t i = 0; i < clients; ++i) {
        world->add_node("c" + std::to_string(i), std::make_unique<LockClient>(server, stop_at));
    }
    return world;
}

// ---------------------------------------------------------------- measuring
struct RunConfig {
    uint32_t clients = 100;
    double length_s = 0; // 0: the ladder's default for `clients`
    TraceLevel level = TraceLevel::off;
    uint64_t seed = 1;
};

struct RunFigures {
    uint64_t events = 0;
    uint64_t messages = 0;
    uint64_t timers = 0;
    uint64_t grants = 0;
    uint64_t stale_releases = 0;
    uint64_t allocations = 0;
    size_t trace_events = 0;
    uint64_t trace_hash = 0; // full level only
    size_t peak_pending = 0;
    size_t queue_bytes_at_peak = 0;
    double wall_s = 0;
    double cpu_s = 0;
    double peak_rss_mb = 0;
    bool rss_is_per_run = false;
};

// Long enough for about 50 M events, as des's "long" runs (5000 / 400 / 40 s for 10 / 100 / 1000).
// Tracing keeps every record in memory, so traced runs are ten times shorter (about 1 GB at full).
double default_length_s(uint32_t clients, TraceLevel level) {
    const double untraced_s = clients <= 10 ? 5000.0 : 40000.0 / clients;
    return level == TraceLevel::off ? untraced_s : untraced_s / 10;
}

double length_of(const RunConfig& config) {
    return config.length_s > 0 ? config.length_s : default_length_s(config.clients, config.level);
}

double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval& tv) { return double(tv.tv_sec) + double(tv.tv_usec) * 1e-6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Resets the kernel's peak-RSS mark so each run reports its own peak (Linux >= 4.0).
bool reset_peak_rss() {
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
    out.flush();
    return out.good();
}

double peak_rss_mb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) {
            return std::strtod(line.c_str() + 6, nullptr) / 1024.0;
        }
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

// Runs to quiescence in about a thousand slices of simulated time, sampling the queue between
// slices (the time limit only pauses the loop; it changes nothing in the run).
void run_sampled(World& world, Duration length, RunFigures& figures) {
    const Duration slice = std::max(length / 1000, Duration::ms(1));
    Time until = Time::zero() + slice;
    while (world.run({.until = until}).stop == RunResult::Stop::time_limit) {
        if (world.pending_events() > figures.peak_pending) {
            figures.peak_pending = world.pending_events();
            figures.queue_bytes_at_peak = world.queue_memory_bytes();
        }
        until += slice;
    }
}

void collect_counts(const World& world, RunFigures& figures) {
    const auto& server = static_cast<const LockServer&>(world.node(0));
    figures.events = world.steps();
    figures.messages = world.stats().messages_delivered;
    figures.timers = world.stats().timers_fired;
    figures.grants = server.grants;
    figures.stale_releases = server.stale_releases;
    figures.trace_events = world.trace().size();
}

RunFigures measure(const RunConfig& config) {
    RunFigures figures;
    const auto length = Duration::ns(static_cast<int64_t>(length_of(config) * 1e9));
    figures.rss_is_per_run = reset_peak_rss();
    auto world = lock_world(config.clients, length, config.level);
    RandomChooser chooser(config.seed, {.record = false});
    world->start(chooser);

    const uint64_t allocations_before = g_allocations;
    const double cpu_before = cpu_seconds();
    const auto wall_before = std::chrono::steady_clock::now();
    run_sampled(*world, length, figures);
    const auto wall_after = std::chrono::steady_clock::now();
    figures.cpu_s = cpu_seconds() - cpu_before;
    figures.allocations = g_allocations - allocations_before;
    figures.wall_s = std::chrono::duration<double>(wall_after - wall_before).count();
    figures.peak_rss_mb = peak_rss_mb();

    collect_counts(*world, figures);
    if (config.level == TraceLevel::full) {
        figures.trace_hash = trace_hash(world->trace());
    }
    return figures;
}

// ---------------------------------------------------------------- output
std::string_view level_name(TraceLevel level) {
    switch (level) {
    case TraceLevel::off: return "off";
    case TraceLevel::checker: return "checker";
    case TraceLevel::full: return "full";
    }
    return "?";
}

double per(double amount, double count) {
    return count > 0 ? amount / count : 0;
}

void print_run(const RunConfig& config, const RunFigures& f) {
    const auto events = double(f.events);
    // The queue's intrinsic cost: one heap key plus one slab record per pending event.
    constexpr size_t intrinsic_bytes = sizeof(QueueKey) + sizeof(EventRecord);
    std::printf("lockstep level=%s N=%u sim_s=%g events=%llu msgs=%llu timers=%llu grants=%llu "
                "stale_releases=%llu wall_s=%.3f cpu_s=%.3f Mev_per_s=%.2f Mev_per_cpu_s=%.2f "
                "ns_per_event=%.1f peak_rss_mb=%.1f%s peak_pending=%zu queue_B_per_pending=%.1f "
                "queue_B_intrinsic=%zu allocs_per_event=%.6f trace_events=%zu",
                std::string(level_name(config.level)).c_str(), config.clients, length_of(config),
                (unsigned long long)f.events, (unsigned long long)f.messages,
                (unsigned long long)f.timers, (unsigned long long)f.grants,
                (unsigned long long)f.stale_releases, f.wall_s, f.cpu_s,
                per(events, f.wall_s) / 1e6, per(events, f.cpu_s) / 1e6,
                per(f.wall_s, events) * 1e9, f.peak_rss_mb, f.rss_is_per_run ? "" : "(process)",
                f.peak_pending, per(double(f.queue_bytes_at_peak), double(f.peak_pending)),
                intrinsic_bytes, per(double(f.allocations), events), f.trace_events);
    if (config.level == TraceLevel::full) {
        std::printf(" trace_hash=%016llx", (unsigned long long)f.trace_hash);
    }
    std::printf("\n");
    std::fflush(stdout);
}

// ---------------------------------------------------------------- command line
struct Options {
    std::vector<RunConfig> runs;
    int reps = 1;
};

bool parse_level(std::string_view text, TraceLevel& out) {
    for (TraceLevel level : {TraceLevel::off, TraceLevel::checker, TraceLevel::full}) {
        if (text == level_name(level)) {
            out = level;
            return true;
        }
    }
    return false;
}

std::vector<RunConfig> ladder(uint64_t seed) {
    std::vector<RunConfig> runs;
    for (uint32_t n : {10u, 100u, 1000u, 10000u}) {
        runs.push_back({n, 0, TraceLevel::off, seed});
    }
    runs.push_back({100, 0, TraceLevel::checker, seed});
    runs.push_back({100, 0, TraceLevel::full, seed});
    return runs;
}

int usage(const char* self) {
    std::fprintf(stderr,
                 "usage: %s [--n N] [--seconds S] [--level off|checker|full] [--seed X] "
                 "[--reps R]\n  no --n/--seconds/--level: the whole ladder\n",
                 self);
    return 2;
}

bool parse_options(int argc, char** argv, Options& options) {
    RunConfig single;
    bool custom = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view flag = argv[i];
        if (i + 1 >= argc) {
            return false;
        }
        const char* value = argv[++i];
        if (flag == "--n") {
            single.clients = static_cast<uint32_t>(std::strtoul(value, nullptr, 10));
            custom = true;
        } else if (flag == "--seconds") {
            single.length_s = std::strtod(value, nullptr);
            custom = true;
        } else if (flag == "--level") {
            custom = true;
            if (!parse_level(value, single.level)) {
                return false;
            }
        } else if (flag == "--seed") {
            single.seed = std::strtoull(value, nullptr, 10);
        } else if (flag == "--reps") {
            options.reps = std::atoi(value);
        } else {
            return false;
        }
    }
    options.runs = custom ? std::vector<RunConfig>{single} : ladder(single.seed);
    return single.clients >= 1 && single.clients < no_node && options.reps >= 1;
}

} // namespace

int main(int argc, char** argv) {
    Options options;
    if (!parse_options(argc, argv, options)) {
        return usage(argv[0]);
    }
    for (const RunConfig& config : options.runs) {
        for (int rep = 0; rep < options.reps; ++rep) {
            print_run(config, measure(config));
        }
    }
    return 0;
}
