#include <catch2/catch.hpp>

#include "sim/world.hpp"
#include "tests/sim/test_nodes.hpp"

using namespace lockstep;
using namespace lockstep::test;

namespace {

NetworkSpec constant_network(Duration latency) {
    NetworkSpec spec;
    spec.link.latency = LatencySpec::constant_of(latency);
    return spec;
}

} // namespace

TEST_CASE("timers fire in time order and same-instant ones first-in first-out") {
    World w(constant_network(Duration::ms(1)), TraceLevel::full);
    auto n = std::make_unique<ScriptNode>();
    n->start = [](Context& ctx) {
        ctx.set_timer(Duration::ms(30), 3);
        ctx.set_timer(Duration::ms(10), 1);
        ctx.set_timer(Duration::ms(20), 21);
        ctx.set_timer(Duration::ms(20), 22);
        ctx.set_timer(Duration::ms(20), 23);
    };
    const NodeId id = w.add_node("n", std::move(n));
    RandomChooser chooser(1);
    w.start(chooser);
    const RunResult r = w.run({});
    CHECK(r.stop == RunResult::Stop::quiescent);
    CHECK(r.steps == 5);
    CHECK(script(w, id).log == std::vector<std::string>{"timer:1@10", "timer:21@20", "timer:22@20",
                                                        "timer:23@20", "timer:3@30"});
}

TEST_CASE("same-instant events are choice points when the chooser orders ties") {
    auto run_with = [](std::vector<uint64_t> script_values) {
        World w(constant_network(Duration::ms(1)), TraceLevel::off);
        auto n = std::make_unique<ScriptNode>();
        n->start = [](Context& ctx) {
            for (uint64_t tag = 1; tag <= 3; ++tag) {
                ctx.set_timer(Duration::ms(5), tag);
            }
        };
        const NodeId id = w.add_node("n", std::move(n));
        ScriptedChooser chooser(std::move(script_values), {.order_ties = true});
        w.start(chooser);
        w.run({});
        std::vector<Choice> log = chooser.log();
        return std::make_pair(script(w, id).log, log);
    };
    const auto [fifo, fifo_log] = run_with({});
    CHECK(fifo == std::vector<std::string>{"timer:1@5", "timer:2@5", "timer:3@5"});
    REQUIRE(fifo_log.size() == 2); // 3 options, then 2
    CHECK(fifo_log[0].options == 3);
    CHECK(fifo_log[1].options == 2);
    const auto [reversed, reversed_log] = run_with({2, 1});
    CHECK(reversed == std::vector<std::string>{"timer:3@5", "timer:2@5", "timer:1@5"});
}

TEST_CASE("cancelled timers never fire") {
    World w(constant_network(Duration::ms(1)), TraceLevel::off);
    auto n = std::make_unique<ScriptNode>();
    n->start = [](Context& ctx) {
        const TimerId doomed = ctx.set_timer(Duration::ms(10), 1);
        ctx.set_timer(Duration::ms(20), 2);
        ctx.cancel_timer(doomed);
    };
    const NodeId id = w.add_node("n", std::move(n));
    RandomChooser chooser(1);
    w.start(chooser);
    w.run({});
    CHECK(script(w, id).log == std::vector<std::string>{"timer:2@20"});
}

TEST_CASE("messages take the link's latency and replies come back") {
    World w(constant_network(Duration::ms(3)), TraceLevel::full);
    const NodeId server = w.add_node("server", echo_server());
    auto client = std::make_unique<ScriptNode>();
    client->start = [server](Context& ctx) { ctx.send(server, Ping{7}); };
    const NodeId c = w.add_node("client", std::move(client));
    RandomChooser chooser(1);
    w.start(chooser);
    w.run({});
    CHECK(script(w, server).log == std::vector<std::string>{"ping:7@3"});
    CHECK(script(w, c).log == std::vector<std::string>{"pong:7@6"});
    CHECK(w.stats().messages_sent == 2);
    // The send and the delivery share one message id in the trace.
    const auto& events = w.trace().events();
    REQUIRE(events.size() >= 2);
    CHECK(events[0].kind == TraceKind::send);
    CHECK(events[1].kind == TraceKind::deliver);
    CHECK(events[0].msg == events[1].msg);
}

TEST_CASE("ordered links keep sending order even when latencies would swap messages") {
    for (bool ordered : {true, false}) {
        NetworkSpec spec;
        spec.link.latency = LatencySpec::uniform_of(Duration::ms(1), Duration::ms(100));
        spec.link.ordered = ordered;
        bool reordered_somewhere = false;
        for (uint64_t seed = 1; seed <= 20; ++seed) {
            World w(spec, TraceLevel::off);
            const NodeId server = w.add_node("server", std::make_unique<ScriptNode>());
            auto client = std::make_unique<ScriptNode>();
            client->start = [server](Context& ctx) {
                for (uint64_t i = 0; i < 10; ++i) {
                    ctx.send(server, Ping{i});
                }
            };
            w.add_node("client", std::move(client));
            RandomChooser chooser(seed);
            w.start(chooser);
            w.run({});
            const auto& log = script(w, server).log;
            REQUIRE(log.size() == 10);
            for (size_t i = 0; i + 1 < log.size(); ++i) {
                const bool in_order = std::stoi(log[i].substr(5)) < std::stoi(log[i + 1].substr(5));
                if (ordered) {
                    CHECK(in_order);
                }
                reordered_somewhere = reordered_somewhere || !in_order;
            }
        }
        CHECK(reordered_somewhere == !ordered);
    }
}

TEST_CASE("loss drops messages and duplication delivers twice and both through the chooser") {
    NetworkSpec spec;
    spec.link.latency = LatencySpec::constant_of(Duration::ms(1));
    spec.link.loss_num = 1;
    spec.link.loss_den = 2;
    World w(spec, TraceLevel::full);
    const NodeId server = w.add_node("server", std::make_unique<ScriptNode>());
    auto client = std::make_unique<ScriptNode>();
    client->start = [server](Context& ctx) {
        for (uint64_t i = 0; i < 200; ++i) {
            ctx.send(server, Ping{i});
        }
    };
    w.add_node("client", std::move(client));
    RandomChooser chooser(3);
    w.start(chooser);
    w.run({});
    const size_t delivered = script(w, server).log.size();
    CHECK(delivered > 70);
    CHECK(delivered < 130);
    CHECK(w.stats().messages_dropped == 200 - delivered);

    NetworkSpec dup_spec;
    dup_spec.link.dup_num = 1;
    dup_spec.link.dup_den = 1;
    World d(dup_spec, TraceLevel::off);
    const NodeId s2 = d.add_node("server", std::make_unique<ScriptNode>());
    auto c2 = std::make_unique<ScriptNode>();
    c2->start = [s2](Context& ctx) { ctx.send(s2, Ping{1}); };
    d.add_node("client", std::move(c2));
    RandomChooser chooser2(3);
    d.start(chooser2);
    d.run({});
    CHECK(script(d, s2).log.size() == 2);
}

TEST_CASE("runs stop at the time limit and at the step limit") {
    World w(constant_network(Duration::ms(1)), TraceLevel::off);
    auto n = std::make_unique<ScriptNode>();
    n->start = [](Context& ctx) { ctx.set_timer(Duration::s(1), 0); };
    n->timer = [](Context& ctx, uint64_t tag) { ctx.set_timer(Duration::s(1), tag + 1); };
    w.add_node("ticker", std::move(n));
    RandomChooser chooser(1);
    w.start(chooser);
    RunResult r = w.run({Time::zero() + Duration::ms(10'500), UINT64_MAX});
    CHECK(r.stop == RunResult::Stop::time_limit);
    CHECK(r.steps == 10);
    CHECK(w.now() == Time::zero() + Duration::ms(10'500));
    r = w.run({Time::never(), 5});
    CHECK(r.stop == RunResult::Stop::step_limit);
    CHECK(r.steps == 5);
}

TEST_CASE("a node's timers run on its own monotonic clock") {
    World w(constant_network(Duration::ms(1)), TraceLevel::full);
    auto n = std::make_unique<ScriptNode>();
    n->start = [](Context& ctx) { ctx.set_timer(Duration::s(10), 1); };
    w.add_node("fast", std::move(n), ClockSpec{Duration::zero(), 20'000});
    RandomChooser chooser(1);
    w.start(chooser);
    w.run({});
    // 10 s by a 2% fast clock is 9.80392157 s of true time.
    CHECK(w.now() == Time::zero() + Duration::ns(9'803'921'569));
}
