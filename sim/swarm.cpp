#include "sim/swarm.hpp"

#include <array>

namespace lockstep {
namespace {

using Kind = Fault::Kind;

struct Drawer {
    Prng& prng;
    const SwarmTargets& targets;

    template <class T>
    const T& any(const std::vector<T>& items) {
        return items[prng.uniform(items.size())];
    }
    Time any_time() {
        return Time::zero() +
               Duration::ns(int64_t(prng.uniform(uint64_t(targets.horizon.count_ns()))));
    }
    // Sizes on a ladder around the TTL: short ones rarely matter, long ones are Kleppmann's.
    Duration around_scale() {
        static constexpr std::array<int64_t, 6> percent = {10, 50, 90, 110, 150, 300};
        return targets.scale * percent[prng.uniform(percent.size())] / 100;
    }
    Trigger trigger_for(NodeId node, bool is_client) {
        if (is_client && !targets.client_points.empty() && prng.chance(1, 2)) {
            return Trigger::at_point_of(node, any(targets.client_points),
                                        uint32_t(1 + prng.uniform(2)));
        }
        return Trigger::at_time_of(any_time());
    }

    Fault pause() {
        Fault f;
        f.kind = Kind::pause;
        const bool client = targets.servers.empty() || prng.chance(3, 4);
        f.node = client ? any(targets.clients) : any(targets.servers);
        f.trigger = trigger_for(f.node, client);
        f.length = around_scale();
        return f;
    }
    Fault clock_step() {
        Fault f;
        f.kind = Kind::clock_step;
        f.node = any(targets.servers.empty() ? targets.clients : targets.servers);
        f.trigger = Trigger::at_time_of(any_time());
        f.amount = prng.chance(3, 4) ? around_scale() : -around_scale();
        return f;
    }
    Fault clock_drift() {
        static constexpr std::array<int64_t, 4> ppm = {5'000, 10'000, 20'000, -20'000};
        Fault f;
        f.kind = Kind::clock_drift;
        f.node = any(targets.servers.empty() ? targets.clients : targets.servers);
        f.trigger = Trigger::at_time_of(Time::zero());
        f.drift_ppm = ppm[prng.uniform(ppm.size())];
        return f;
    }
    Fault delay() {
        Fault f;
        f.kind = Kind::delay;
        f.from = any(targets.clients);
        f.trigger = trigger_for(f.from, true);
        f.amount = around_scale();
        return f;
    }
    // A lossy stretch on one node's outgoing links (a flapping NIC, a full socket buffer): lost
    // requests look like timeouts, lost replies like locks granted to nobody.
    Fault loss() {
        static constexpr std::array<uint32_t, 3> one_in = {10, 2, 1};
        Fault f;
        f.kind = Kind::loss;
        const bool client = targets.servers.empty() || prng.chance(1, 2);
        f.from = client ? any(targets.clients) : any(targets.servers);
        f.trigger = trigger_for(f.from, client);
        f.length = around_scale();
        f.loss_den = one_in[prng.uniform(one_in.size())];
        return f;
    }
    Fault partition() {
        Fault f;
        f.kind = Kind::partition;
        f.trigger = Trigger::at_time_of(any_time());
        f.heal_after = around_scale();
        std::vector<NodeId> a;
        std::vector<NodeId> b;
        for (const auto* group : {&targets.clients, &targets.servers}) {
            for (NodeId n : *group) {
                (prng.chance(1, 2) ? a : b).push_back(n);
            }
        }
        f.groups = {a, b};
        return f;
    }
    Fault crash() {
        Fault f;
        f.kind = Kind::crash;
        f.node = any(targets.servers.empty() ? targets.clients : targets.servers);
        f.trigger = Trigger::at_time_of(any_time());
        f.length = prng.chance(1, 2) ? Duration::ms(100) : around_scale();
        return f;
    }
};

} // namespace

bool parse_swarm_kinds(std::string_view text, SwarmKinds& out, std::string& error) {
    if (text == "all") {
        out = SwarmKinds{};
        return true;
    }
    out = SwarmKinds{false, false, false, false, false, false, false};
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find(',', start);
        end = end == std::string_view::npos ? text.size() : end;
        const std::string_view kind = text.substr(start, end - start);
        bool* flag = kind == "pause"         ? &out.pause
                     : kind == "clock_step"  ? &out.clock_step
                     : kind == "clock_drift" ? &out.clock_drift
                     : kind == "delay"       ? &out.delay
                     : kind == "loss"        ? &out.loss
                     : kind == "partition"   ? &out.partition
                     : kind == "crash"       ? &out.crash
                                             : nullptr;
        if (flag == nullptr) {
            error = "unknown swarm fault kind '" + std::string(kind) +
                    "' (pause, clock_step, clock_drift, delay, loss, partition, crash, or all)";
            return false;
        }
        *flag = true;
        start = end + 1;
    }
    return true;
}

std::string swarm_kinds_text(const SwarmKinds& kinds) {
    const std::pair<bool, const char*> named[] = {{kinds.pause, "pause"},
                                                  {kinds.clock_step, "clock_step"},
                                                  {kinds.clock_drift, "clock_drift"},
                                                  {kinds.delay, "delay"},
                                                  {kinds.loss, "loss"},
                                                  {kinds.partition, "partition"},
                                                  {kinds.crash, "crash"}};
    std::string out;
    bool all = true;
    for (const auto& [on, name] : named) {
        all = all && on;
        if (on) {
            out += (out.empty() ? "" : ",") + std::string(name);
        }
    }
    return all ? "all" : out;
}

FaultPlan draw_swarm_faults(uint64_t seed, const SwarmTargets& targets, const SwarmKinds& allowed) {
    Prng prng = Prng(seed).child("swarm");
    Drawer draw{prng, targets};
    // Swarm testing: each allowed kind is switched on for this seed with probability 1/2.
    std::vector<Kind> on;
    const std::array<std::pair<bool, Kind>, 7> kinds = {{{allowed.pause, Kind::pause},
                                                         {allowed.clock_step, Kind::clock_step},
                                                         {allowed.clock_drift, Kind::clock_drift},
                                                         {allowed.delay, Kind::delay},
                                                         {allowed.loss, Kind::loss},
                                                         {allowed.partition, Kind::partition},
                                                         {allowed.crash, Kind::crash}}};
    for (const auto& [allowed_kind, kind] : kinds) {
        if (allowed_kind && prng.chance(1, 2)) {
            on.push_back(kind);
        }
    }
    FaultPlan plan;
    if (on.empty() || targets.clients.empty() || targets.horizon <= Duration::zero()) {
        return plan;
    }
    const uint64_t count = 1 + prng.uniform(targets.max_faults);
    for (uint64_t i = 0; i < count; ++i) {
        Fault f;
        switch (on[prng.uniform(on.size())]) {
        case Kind::pause: f = draw.pause(); break;
        case Kind::clock_step: f = draw.clock_step(); break;
        case Kind::clock_drift: f = draw.clock_drift(); break;
        case Kind::delay: f = draw.delay(); break;
        case Kind::loss: f = draw.loss(); break;
        case Kind::partition: f = draw.partition(); break;
        default: f = draw.crash(); break;
        }
        f.label = "swarm";
        plan.push_back(std::move(f));
    }
    return plan;
}

} // namespace lockstep
