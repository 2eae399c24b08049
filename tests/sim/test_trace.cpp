#include <sstream>

#include <catch2/catch.hpp>

#include "sim/trace_io.hpp"
#include "tests/sim/workload.hpp"

using namespace lockstep;
using namespace lockstep::test;

TEST_CASE("a trace survives a JSONL round trip byte for byte") {
    auto w = jittery_world(TraceLevel::full);
    RandomChooser chooser(11);
    w->start(chooser);
    w->trace().set_meta("seed", "11");
    w->run({});
    REQUIRE(w->trace().size() > 50);
    const std::string text = trace_to_jsonl(w->trace());
    std::istringstream in(text);
    const TraceRead back = read_trace_jsonl(in);
    REQUIRE(back.ok);
    CHECK(back.trace.size() == w->trace().size());
    CHECK(trace_to_jsonl(back.trace) == text);
    CHECK(trace_hash(back.trace) == trace_hash(w->trace()));
}

TEST_CASE("trace JSONL lines are flat objects with the documented keys") {
    auto w = jittery_world(TraceLevel::full);
    RandomChooser chooser(2);
    w->start(chooser);
    w->run({});
    const std::string text = trace_to_jsonl(w->trace());
    CHECK(
        text.rfind(
            R"({"kind":"header","format":"lockstep-trace","version":1,"nodes":["server","c0","c1","c2"])",
            0) == 0);
    CHECK_THAT(text, Catch::Contains(R"("kind":"send","node":"c0")"));
    CHECK_THAT(text, Catch::Contains(R"("kind":"pause_begin","node":"server")"));
    CHECK_THAT(text, Catch::Contains(R"("kind":"clock_step","node":"c0")"));
    CHECK_THAT(text, Catch::Contains(R"("name":"test.ping")"));
}

TEST_CASE("bad trace files are reported with line and column") {
    auto read = [](const std::string& text) {
        std::istringstream in(text);
        return read_trace_jsonl(in);
    };
    CHECK_THAT(read("").error, Catch::Contains("empty"));
    CHECK_THAT(read("{\"kind\":\"event\"}\n").error, Catch::Contains("1:1"));
    const std::string header =
        R"({"kind":"header","format":"lockstep-trace","version":1,"nodes":["a"]})";
    CHECK(read(header + "\n").ok);
    CHECK_THAT(read(header + "\n{\"t\":1,\"kind\":\"bogus\"}\n").error,
               Catch::Contains("2:1: unknown event kind"));
    CHECK_THAT(read(header + "\n{\"t\":1.5,\"kind\":\"send\"}\n").error, Catch::StartsWith("2:"));
    CHECK_THAT(read(header + "\n{\"t\":1,\"kind\":\"send\"\n").error, Catch::StartsWith("2:"));
    CHECK_THAT(read(header + "\n{\"t\":1,\"kind\":\"send\",\"x\":\"\\uZZZZ\"}\n").error,
               Catch::Contains("escape"));
}

TEST_CASE("the checker level keeps model and fault events and leaves out messages") {
    auto w = jittery_world(TraceLevel::checker);
    RandomChooser chooser(5);
    w->start(chooser);
    w->run({});
    REQUIRE(w->trace().size() >= 3); // pause begin and end, clock step
    for (const TraceEvent& e : w->trace().events()) {
        CHECK_FALSE(is_message_level(e.kind));
    }
}

TEST_CASE("interning keeps first-seen ids through growth and copies") {
    Trace t;
    std::vector<std::string> texts;
    for (int i = 0; i < 1000; ++i) {
        texts.push_back("name_" + std::to_string(i * 7919 % 1000)); // many growths, any order
    }
    std::vector<uint32_t> ids;
    for (const std::string& s : texts) {
        ids.push_back(t.intern(s));
    }
    for (size_t i = 0; i < texts.size(); ++i) {
        CHECK(ids[i] == i + 1); // 0 is the empty string, interned first
        CHECK(t.text(ids[i]) == texts[i]);
    }
    for (size_t i = 0; i < texts.size(); ++i) {
        CHECK(t.intern(texts[i]) == ids[i]); // found again, not added
    }
    CHECK(t.intern("") == 0);
    Trace copy = t;
    CHECK(copy.intern("name_42") == t.intern("name_42"));
    CHECK(copy.intern("new in the copy") == 1001);
    CHECK(t.intern("new in the original") == 1001); // the copy's table is its own
    // A text that points into the trace's own strings is found, never copied.
    CHECK(t.intern(t.text(ids[500])) == ids[500]);
}
