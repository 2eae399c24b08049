// The event log: lines, the filter, and stepping through what the filter shows.
#include <catch2/catch.hpp>

#include "gui/event_log.hpp"
#include "gui/event_text.hpp"
#include "tests/gui/gui_fixtures.hpp"

using namespace lockstep;
using namespace lockstep::gui;
using namespace lockstep::gui::test;

TEST_CASE("a log line names the time the node the event and its fields") {
    const auto trace = handmade_trace();
    const uint32_t grant = find_event(*trace, "srv", "lock_granted");
    CHECK(event_line(*trace, trace->events()[grant]) ==
          "2ms  srv  lock_granted key=lock holder=c1 token=5");
    const uint32_t send = find_event(*trace, "c1", "send");
    CHECK(event_line(*trace, trace->events()[send]) == "1ms  c1  send req -> srv latency=1ms");
    const auto fields = event_fields(*trace, trace->events()[grant]);
    CHECK(fields[0] == std::pair<std::string, std::string>{"time", "2ms"});
}

TEST_CASE("the filter keeps lines holding every word ignoring case") {
    const auto trace = handmade_trace();
    EventLog log(*trace);
    CHECK(log.rows() == trace->size());
    log.set_filter("C1 ACQUIRE");
    REQUIRE(log.rows() == 2); // acquire_start and acquired
    CHECK(log.event_at(0) == find_event(*trace, "c1", "acquire_start"));
    CHECK(log.event_at(1) == find_event(*trace, "c1", "acquired"));
    CHECK(log.row_of(find_event(*trace, "c1", "acquired")) == 1u);
    CHECK_FALSE(log.row_of(0 + find_event(*trace, "srv", "lock_granted")).has_value());
    log.set_filter("no such words");
    CHECK(log.rows() == 0);
    CHECK_FALSE(log.next(std::nullopt).has_value());
}

TEST_CASE("stepping walks the filtered rows from any event") {
    const auto trace = handmade_trace();
    EventLog log(*trace);
    log.set_filter("srv lock_"); // "lock_" alone would match clock_step too
    const uint32_t grant = find_event(*trace, "srv", "lock_granted");
    const uint32_t expired = find_event(*trace, "srv", "lock_expired");
    CHECK(log.next(std::nullopt) == grant);
    CHECK(log.next(grant) == expired);
    CHECK_FALSE(log.next(expired).has_value());
    CHECK(log.previous(expired) == grant);
    CHECK(log.previous(std::nullopt) == expired);
    // From an event the filter hides, the neighbours are the rows around it.
    CHECK(log.next(find_event(*trace, "c1", "acquired")) == expired);
    CHECK(log.last_at_or_before(ms(19)) == grant);
    CHECK(log.last_at_or_before(ms(20)) == expired);
    CHECK_FALSE(log.last_at_or_before(ms(1)).has_value());
}
