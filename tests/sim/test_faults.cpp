#include <catch2/catch.hpp>

#include "sim/world.hpp"
#include "tests/sim/test_nodes.hpp"

using namespace lockstep;
using namespace lockstep::test;

namespace {

Time at(Duration d) {
    return Time::zero() + d;
}

NetworkSpec constant_network(Duration latency, bool hold = false) {
    NetworkSpec spec;
    spec.link.latency = LatencySpec::constant_of(latency);
    spec.hold_when_partitioned = hold;
    return spec;
}

Fault pause_fault(NodeId node, Trigger trigger, Duration length) {
    Fault f;
    f.kind = Fault::Kind::pause;
    f.node = node;
    f.trigger = std::move(trigger);
    f.length = length;
    return f;
}

} // namespace

TEST_CASE("a paused node handles timers and messages late and in order and after the pause") {
    World w(constant_network(Duration::ms(1)), TraceLevel::full);
    auto sleeper = std::make_unique<ScriptNode>();
    sleeper->start = [](Context& ctx) {
        ctx.set_timer(Duration::ms(20), 1);
        ctx.set_timer(Duration::ms(30), 2);
        ctx.set_timer(Duration::ms(200), 3);
    };
    const NodeId s = w.add_node("sleeper", std::move(sleeper));
    auto other = std::make_unique<ScriptNode>();
    other->start = [s](Context& ctx) { ctx.set_timer(Duration::ms(24), 0); };
    other->timer = [s](Context& ctx, uint64_t) { ctx.send(s, Ping{9}); };
    const NodeId o = w.add_node("other", std::move(other));
    w.set_fault_plan({pause_fault(s, Trigger::at_time_of(at(Duration::ms(10))), Duration::ms(90))});
    RandomChooser chooser(1);
    w.start(chooser);
    w.run({});
    // Everything due during [10ms, 100ms) runs at 100ms, in arrival order; later timers on time.
    CHECK(script(w, s).log ==
          std::vector<std::string>{"timer:1@100", "ping:9@100", "timer:2@100", "timer:3@200"});
    // Others keep going while it sleeps.
    CHECK(script(w, o).log == std::vector<std::string>{"timer:0@24"});
    CHECK(w.trace().events().front().kind == TraceKind::pause_begin);
}

TEST_CASE("a pause can strike at a program point and and a yield point delays what follows") {
    World w(constant_network(Duration::ms(1)), TraceLevel::full);
    const NodeId server = w.add_node("server", std::make_unique<ScriptNode>());
    auto client = std::make_unique<ScriptNode>();
    client->start = [](Context& ctx) { ctx.reach("after_check", 1); };
    client->timer = [server](Context& ctx, uint64_t) { ctx.send(server, Ping{1}); };
    const NodeId c = w.add_node("client", std::move(client));
    w.set_fault_plan({pause_fault(c, Trigger::at_point_of(c, "after_check"), Duration::s(40))});
    RandomChooser chooser(1);
    w.start(chooser);
    w.run({});
    CHECK(script(w, server).log == std::vector<std::string>{"ping:1@40001"});
}

TEST_CASE("the n-th occurrence of a point triggers and not the others") {
    World w(constant_network(Duration::ms(1)), TraceLevel::full);
    auto n = std::make_unique<ScriptNode>();
    n->start = [](Context& ctx) { ctx.reach("loop", 1); };
    n->timer = [](Context& ctx, uint64_t tag) {
        if (tag < 4) {
            ctx.set_timer(Duration::ms(1), 100 + tag);
        } else if (tag >= 100 && tag < 103) {
            ctx.reach("loop", tag - 98);
        }
    };
    const NodeId id = w.add_node("n", std::move(n));
    Trigger t = Trigger::at_point_of(id, "loop", 2);
    w.set_fault_plan({pause_fault(id, t, Duration::ms(500))});
    RandomChooser chooser(1);
    w.start(chooser);
    w.run({});
    // Points at 0 ms and 1 ms; the second one pauses until 501 ms, so its continuation (tag 3)
    // runs then.
    const auto& log = script(w, id).log;
    REQUIRE(log.size() >= 3);
    CHECK(log[0] == "timer:1@0");
    CHECK(log[1] == "timer:101@1");
    CHECK(log[2] == "timer:3@501");
}

TEST_CASE("partitions drop messages both ways and one-way partitions only one way and and heal") {
    for (bool one_way : {false, true}) {
        World w(constant_network(Duration::ms(1)), TraceLevel::full);
        const NodeId a = w.add_node("a", std::make_unique<ScriptNode>());
        const NodeId b = w.add_node("b", std::make_unique<ScriptNode>());
        auto sender = [](NodeId peer) {
            auto n = std::make_unique<ScriptNode>();
            n->start = [](Context& ctx) {
                ctx.set_timer(Duration::ms(5), 1);  // inside the partition
                ctx.set_timer(Duration::ms(50), 2); // after the heal
            };
            n->timer = [peer](Context& ctx, uint64_t tag) { ctx.send(peer, Ping{tag}); };
            return n;
        };
        const NodeId sa = w.add_node("sa", sender(b));
        const NodeId sb = w.add_node("sb", sender(a));
        Fault p;
        p.kind = Fault::Kind::partition;
        p.trigger = Trigger::at_time_of(at(Duration::ms(1)));
        p.groups = {{a, sa}, {b, sb}};
        p.one_way = one_way;
        p.heal_after = Duration::ms(20);
        w.set_fault_plan({p});
        RandomChooser chooser(1);
        w.start(chooser);
        w.run({});
        CHECK(script(w, b).log == std::vector<std::string>{"ping:2@51"});
        if (one_way) {
            CHECK(script(w, a).log == std::vector<std::string>{"ping:1@6", "ping:2@51"});
        } else {
            CHECK(script(w, a).log == std::vector<std::string>{"ping:2@51"});
        }
    }
}

TEST_CASE("a holding partition delivers its messages after the heal") {
    World w(constant_network(Duration::ms(1), true), TraceLevel::full);
    const NodeId a = w.add_node("a", std::make_unique<ScriptNode>());
    auto s = std::make_unique<ScriptNode>();
    s->start = [a](Context& ctx) { ctx.send(a, Ping{1}); };
    const NodeId sender = w.add_node("s", std::move(s));
    Fault p;
    p.kind = Fault::Kind::partition;
    p.groups = {{a}, {sender}};
    p.heal_after = Duration::ms(30);
    w.set_fault_plan({p});
    RandomChooser chooser(1);
    w.start(chooser);
    w.run({});
    CHECK(script(w, a).log == std::vector<std::string>{"ping:1@31"});
}

TEST_CASE("a crash loses volatile state and messages and timers a restart starts fresh") {
    World w(constant_network(Duration::ms(1)), TraceLevel::full);
    auto victim = std::make_unique<ScriptNode>();
    victim->start = [](Context& ctx) {
        ctx.set_timer(Duration::ms(5), 1);
        ctx.set_timer(Duration::ms(50), 2); // set before the crash: must never fire
    };
    const NodeId v = w.add_node("victim", std::move(victim));
    auto s = std::make_unique<ScriptNode>();
    s->start = [](Context& ctx) {
        ctx.set_timer(Duration::ms(15), 1);
        ctx.set_timer(Duration::ms(40), 2);
    };
    s->timer = [v](Context& ctx, uint64_t tag) { ctx.send(v, Ping{tag}); };
    w.add_node("s", std::move(s));
    Fault crash;
    crash.kind = Fault::Kind::crash;
    crash.node = v;
    crash.trigger = Trigger::at_time_of(at(Duration::ms(10)));
    crash.length = Duration::ms(20); // restarts at 30 ms
    w.set_fault_plan({crash});
    RandomChooser chooser(1);
    w.start(chooser);
    w.run({});
    CHECK(script(w, v).crashes == 1);
    // The pre-crash log is gone, the ping at 16 ms was dropped, the 50 ms timer never fired.
    CHECK(script(w, v).log == std::vector<std::string>{"restart", "ping:2@41"});
    CHECK(w.stats().messages_dropped == 1);
}

TEST_CASE("a clock step fault moves the wall clock of one node") {
    World w(constant_network(Duration::ms(1)), TraceLevel::full);
    const NodeId n = w.add_node("n", std::make_unique<ScriptNode>());
    Fault step;
    step.kind = Fault::Kind::clock_step;
    step.node = n;
    step.trigger = Trigger::at_time_of(at(Duration::s(2)));
    step.amount = Duration::s(15);
    w.set_fault_plan({step});
    RandomChooser chooser(1);
    w.start(chooser);
    w.run({});
    CHECK(w.clock(n).wall(at(Duration::s(3))) == at(Duration::s(18)));
    CHECK(w.clock(n).mono(at(Duration::s(3))) == at(Duration::s(3)));
    REQUIRE(w.trace().events().size() == 1);
    CHECK(w.trace().events()[0].kind == TraceKind::clock_step);
}

TEST_CASE("a delay fault holds the next message on a link for the given time") {
    World w(constant_network(Duration::ms(1)), TraceLevel::full);
    const NodeId server = w.add_node("server", std::make_unique<ScriptNode>());
    auto c = std::make_unique<ScriptNode>();
    c->start = [](Context& ctx) { ctx.set_timer(Duration::ms(10), 1); };
    c->timer = [server](Context& ctx, uint64_t) {
        ctx.send(server, Ping{1});
        ctx.send(server, Ping{2});
    };
    const NodeId client = w.add_node("client", std::move(c));
    Fault delay;
    delay.kind = Fault::Kind::delay;
    delay.from = client;
    delay.to = server;
    delay.amount = Duration::s(90);
    delay.trigger = Trigger::at_time_of(at(Duration::ms(5)));
    w.set_fault_plan({delay});
    RandomChooser chooser(1);
    w.start(chooser);
    w.run({});
    // The first takes 90 s; the second, on the same ordered link, waits behind it.
    CHECK(script(w, server).log == std::vector<std::string>{"ping:1@90010", "ping:2@90010"});
}

namespace {

// A sender that pings `peer` every 10 ms from t = 10 ms, `count` times.
std::unique_ptr<ScriptNode> pinger(NodeId peer, uint64_t count) {
    auto n = std::make_unique<ScriptNode>();
    n->start = [](Context& ctx) { ctx.set_timer(Duration::ms(10), 1); };
    n->timer = [peer, count](Context& ctx, uint64_t tag) {
        ctx.send(peer, Ping{tag});
        if (tag < count) {
            ctx.set_timer(Duration::ms(10), tag + 1);
        }
    };
    return n;
}

Fault loss_window(NodeId from, NodeId to, Duration start, Duration length) {
    Fault f;
    f.kind = Fault::Kind::loss;
    f.from = from;
    f.to = to;
    f.trigger = Trigger::at_time_of(at(start));
    f.length = length;
    return f;
}

} // namespace

TEST_CASE("a loss window loses every message on its link while it lasts and then ends") {
    World w(constant_network(Duration::ms(1)), TraceLevel::full);
    const NodeId a = w.add_node("a", std::make_unique<ScriptNode>());
    const NodeId b = w.add_node("b", std::make_unique<ScriptNode>());
    const NodeId sa = w.add_node("sa", pinger(a, 5));
    w.add_node("sb", pinger(b, 5));
    // Pings leave at 10, 20, 30, 40, 50 ms; the window covers 15..35 ms on sa -> a only.
    w.set_fault_plan({loss_window(sa, a, Duration::ms(15), Duration::ms(20))});
    RandomChooser chooser(1);
    w.start(chooser);
    w.run({});
    CHECK(script(w, a).log == std::vector<std::string>{"ping:1@11", "ping:4@41", "ping:5@51"});
    CHECK(script(w, b).log.size() == 5);
    CHECK(w.stats().messages_dropped == 2);
    // Certain losses are not choices: the run replays from an empty choice string.
    CHECK(chooser.log().empty());
    size_t begins = 0;
    size_t ends = 0;
    for (const TraceEvent& e : w.trace().events()) {
        const std::string_view name = w.trace().text(e.name);
        begins += e.kind == TraceKind::model && name == "loss_begin";
        ends += e.kind == TraceKind::model && name == "loss_end";
        if (e.kind == TraceKind::drop) {
            CHECK(w.trace().text_field(e, "reason") == "loss");
        }
    }
    CHECK(begins == 1);
    CHECK(ends == 1);
}

TEST_CASE("a partial loss window flips a recorded coin per message and replays exactly") {
    auto run = [](Chooser& chooser) {
        World w(constant_network(Duration::ms(1)), TraceLevel::checker);
        const NodeId a = w.add_node("a", std::make_unique<ScriptNode>());
        w.add_node("sa", pinger(a, 40));
        Fault f = loss_window(no_node, no_node, Duration::ms(5), Duration::s(1));
        f.loss_num = 1;
        f.loss_den = 2;
        w.set_fault_plan({f});
        w.start(chooser);
        w.run({});
        return script(w, a).log;
    };
    RandomChooser random(7);
    const std::vector<std::string> delivered = run(random);
    CHECK(random.log().size() == 40); // one coin per ping, none for the window itself
    CHECK(delivered.size() > 5);
    CHECK(delivered.size() < 35);
    std::vector<uint64_t> script_values;
    for (const Choice& c : random.log()) {
        script_values.push_back(c.value);
    }
    ScriptedChooser replay(script_values, {.strict = true});
    CHECK(run(replay) == delivered);
    CHECK_FALSE(replay.divergence());
}
