// The explorer's parts on their own: the visited set, the step chooser, the fault menu.
#include <catch2/catch.hpp>

#include "checker/explore_chooser.hpp"
#include "checker/explore_table.hpp"
#include "sim/world.hpp"
#include "tests/sim/test_nodes.hpp"

using namespace lockstep;
using namespace lockstep::test;

TEST_CASE("the visited set stores each fingerprint once and grows without losing any") {
    VisitedTable t(false, 4);
    for (uint64_t k = 0; k < 1000; ++k) {
        CHECK(t.insert(k * 0x9e3779b97f4a7c15ULL, 0) == VisitedTable::Insert::fresh);
        if (t.wants_grow()) {
            t.grow();
        }
    }
    CHECK(t.size() == 1000);
    for (uint64_t k = 0; k < 1000; ++k) {
        CHECK(t.insert(k * 0x9e3779b97f4a7c15ULL, 0) == VisitedTable::Insert::seen);
    }
    CHECK(t.contains(0)); // key 0 is stored under a stand-in, and still found
    CHECK_FALSE(t.contains(12345));
    CHECK(t.memory_bytes() == t.capacity() * sizeof(uint64_t));
}

TEST_CASE(
    "with a time bound the visited set keeps the earliest arrival and says when it improves") {
    VisitedTable t(true, 4);
    CHECK(t.insert(7, 500) == VisitedTable::Insert::fresh);
    CHECK(t.insert(7, 900) == VisitedTable::Insert::seen);
    CHECK(t.insert(7, 300) == VisitedTable::Insert::earlier);
    CHECK(t.earliest(7) == 300);
    t.grow();
    CHECK(t.earliest(7) == 300);
    CHECK(t.insert(7, 300) == VisitedTable::Insert::seen);
    CHECK(t.memory_bytes() == t.capacity() * 16);
}

namespace {

// A node with three same-instant timers and a 50/50 coin in each: a small choice tree.
std::unique_ptr<World> coin_world() {
    NetworkSpec net;
    net.link.latency = LatencySpec::constant_of(Duration::ms(1));
    auto w = std::make_unique<World>(net, TraceLevel::off);
    auto n = std::make_unique<ScriptNode>();
    n->start = [](Context& ctx) {
        for (uint64_t tag = 1; tag <= 3; ++tag) {
            ctx.set_timer(Duration::ms(5), tag);
        }
    };
    n->timer = [](Context& ctx, uint64_t) { ctx.chance(1, 2); };
    w->add_node("n", std::move(n));
    return w;
}

std::vector<Choice> run_with(Chooser& chooser) {
    auto w = coin_world();
    w->start(chooser);
    w->run({});
    return chooser.log();
}

} // namespace

TEST_CASE("the step chooser logs exactly what a lenient enumerating ScriptedChooser logs") {
    for (const std::vector<uint64_t>& script :
         {std::vector<uint64_t>{}, {2, 1}, {1, 0, 1, 1}, {9, 9, 9, 9, 9}}) {
        EnumChooser mine;
        mine.reset(script);
        ScriptedChooser theirs(script, {.strict = false, .enumerating = true, .order_ties = true});
        const auto a = run_with(mine);
        const auto b = run_with(theirs);
        REQUIRE(a.size() == b.size());
        for (size_t i = 0; i < a.size(); ++i) {
            CHECK(a[i].kind == b[i].kind);
            CHECK(a[i].value == b[i].value);
            CHECK(a[i].options == b[i].options);
        }
    }
}

TEST_CASE("next_prefix walks every leaf of a choice tree once") {
    // The whole run as one step: 3 tie orders x 2 ways for the coin at each of 3 timers... with
    // ties of 3, then 2, the leaves are 3 * 2 * 2 * 2 * 2 = 48 (the last timer has no tie).
    std::vector<uint64_t> prefix;
    size_t leaves = 0;
    EnumChooser chooser;
    do {
        chooser.reset(prefix);
        run_with(chooser);
        ++leaves;
    } while (chooser.next_prefix(prefix));
    CHECK(leaves == 48);
}

namespace {

// A node that reaches a point at start and at each timer.
std::unique_ptr<World> point_world(uint32_t budget) {
    NetworkSpec net;
    net.link.latency = LatencySpec::constant_of(Duration::ms(1));
    auto w = std::make_unique<World>(net, TraceLevel::full);
    auto n = std::make_unique<ScriptNode>();
    n->start = [](Context& ctx) { ctx.reach("acquired", 1); };
    n->timer = [](Context& ctx, uint64_t tag) {
        if (tag < 3) {
            ctx.reach("before_write", tag + 1);
        }
    };
    w->add_node("c1", std::move(n));
    FaultMenu menu;
    menu.budget = budget;
    FaultMenuItem pause;
    pause.fault.kind = Fault::Kind::pause;
    pause.fault.length = Duration::s(10);
    menu.items.push_back(pause);
    FaultMenuItem only_at_write = pause;
    only_at_write.fault.length = Duration::s(40);
    only_at_write.at_points = {"before_write"};
    menu.items.push_back(only_at_write);
    w->set_fault_menu(menu);
    return w;
}

} // namespace

TEST_CASE(
    "the fault menu is offered at every point where an item applies and stops at its budget") {
    auto w = point_world(1);
    EnumChooser chooser;
    chooser.reset({0, 2}); // no fault at acquired; the 40s pause at the first before_write
    w->start(chooser);
    w->run({});
    const auto& log = chooser.log();
    REQUIRE(log.size() == 2); // the budget is spent after the pause: no third question
    CHECK(log[0].kind == ChoiceKind::fault);
    CHECK(log[0].options == 2); // none, or the 10s pause (the 40s one is for before_write only)
    CHECK(log[1].options == 3);
    CHECK(w->faults_injected() == 1);
    CHECK(w->now() == Time::zero() + Duration::s(40));
}

TEST_CASE("without a budget the fault menu asks nothing") {
    auto w = point_world(0);
    EnumChooser chooser;
    chooser.reset({});
    w->start(chooser);
    w->run({});
    CHECK(chooser.log().empty());
}
