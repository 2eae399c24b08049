#pragma once
// A small randomised world for determinism tests: clients ping a server over a lossy, jittery
// network with a pause and a clock step thrown in.
#include "sim/world.hpp"
#include "tests/sim/test_nodes.hpp"

namespace lockstep::test {

inline std::unique_ptr<World> jittery_world(TraceLevel level) {
    NetworkSpec spec;
    spec.link.latency =
        LatencySpec::heavy_of(Duration::us(200), Duration::ms(2), Duration::ms(50), 1, 8);
    spec.link.loss_num = 1;
    spec.link.loss_den = 20;
    spec.link.dup_num = 1;
    spec.link.dup_den = 30;
    auto w = std::make_unique<World>(spec, level);
    const NodeId server = w->add_node("server", echo_server(), ClockSpec{Duration::ms(3), 150});
    for (int i = 0; i < 3; ++i) {
        auto c = std::make_unique<ScriptNode>();
        c->start = [](Context& ctx) { ctx.set_timer(Duration::ms(1), 0); };
        c->timer = [server](Context& ctx, uint64_t tag) {
            ctx.send(server, Ping{tag});
            if (tag < 20) {
                ctx.set_timer(Duration::us(int64_t(100 + ctx.pick(900))), tag + 1);
            }
        };
        w->add_node("c" + std::to_string(i), std::move(c), ClockSpec{Duration::zero(), -100 * i});
    }
    Fault pause;
    pause.kind = Fault::Kind::pause;
    pause.node = server;
    pause.trigger = Trigger::at_time_of(Time::zero() + Duration::ms(4));
    pause.length = Duration::ms(3);
    Fault step;
    step.kind = Fault::Kind::clock_step;
    step.node = 1;
    step.trigger = Trigger::at_time_of(Time::zero() + Duration::ms(5));
    step.amount = -Duration::ms(2);
    w->set_fault_plan({pause, step});
    return w;
}

} // namespace lockstep::test
