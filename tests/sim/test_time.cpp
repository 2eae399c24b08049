#include <catch2/catch.hpp>

#include "sim/time.hpp"

using namespace lockstep;

TEST_CASE("durations format in their shortest exact unit") {
    CHECK(format_duration(Duration::s(30)) == "30s");
    CHECK(format_duration(Duration::ms(150)) == "150ms");
    CHECK(format_duration(Duration::ms(2500)) == "2.5s");
    CHECK(format_duration(Duration::us(500)) == "500us");
    CHECK(format_duration(Duration::ns(20)) == "20ns");
    CHECK(format_duration(Duration::zero()) == "0s");
    CHECK(format_duration(-Duration::s(15)) == "-15s");
    CHECK(format_duration(Duration::ns(1'000'000'001)) == "1.000000001s");
    CHECK(format_duration(Duration::s(120)) == "120s");
}

TEST_CASE("duration strings parse exactly") {
    CHECK(parse_duration("30s").value == Duration::s(30));
    CHECK(parse_duration("150ms").value == Duration::ms(150));
    CHECK(parse_duration("2.5s").value == Duration::ms(2500));
    CHECK(parse_duration("500us").value == Duration::us(500));
    CHECK(parse_duration("20ns").value == Duration::ns(20));
    CHECK(parse_duration("2m").value == Duration::s(120));
    CHECK(parse_duration("1h").value == Duration::s(3600));
    CHECK(parse_duration("+15s").value == Duration::s(15));
    CHECK(parse_duration("-3s").value == -Duration::s(3));
    CHECK(parse_duration("0.000000001s").value == Duration::ns(1));
    for (const char* s : {"30s", "150ms", "2.5s", "500us", "1.000000001s", "-15s"}) {
        CHECK(format_duration(parse_duration(s).value) == s);
    }
}

TEST_CASE("garbage durations are rejected with a reason") {
    for (const char* bad : {"", "s", "30", "30 s", "3x", "1.2.3s", "ms", "1.5ns", "abc",
                            "99999999999999999999s", "--1s", ".s"}) {
        INFO(bad);
        const DurationParse p = parse_duration(bad);
        CHECK_FALSE(p.ok);
        CHECK_FALSE(p.error.empty());
    }
    CHECK_THAT(parse_duration("30").error, Catch::Contains("needs a unit"));
}

TEST_CASE("time arithmetic is exact integer nanoseconds") {
    const Time t = Time::zero() + Duration::s(1);
    CHECK((t + Duration::ms(500)) - t == Duration::ms(500));
    CHECK(t.since_epoch_ns() == 1'000'000'000);
    CHECK(Duration::ms(30) * 3 == Duration::ms(90));
    CHECK(Duration::s(1) / 3 == Duration::ns(333'333'333));
}
