#include <catch2/catch.hpp>

#include "sim/clock.hpp"

using namespace lockstep;

namespace {
Time at(Duration d) {
    return Time::zero() + d;
}
} // namespace

TEST_CASE("a clock without faults reads true time plus its offset") {
    const Clock c({Duration::ms(250), 0});
    CHECK(c.wall(at(Duration::s(10))) == at(Duration::s(10) + Duration::ms(250)));
    CHECK(c.mono(at(Duration::s(10))) == at(Duration::s(10)));
}

TEST_CASE("drift is exact in parts per million and even at 2%") {
    const Clock fast({Duration::zero(), 20'000});
    CHECK(fast.wall(at(Duration::s(10))) == at(Duration::ms(10'200)));
    CHECK(fast.mono(at(Duration::s(10))) == at(Duration::ms(10'200)));
    const Clock slow({Duration::zero(), -10'000});
    CHECK(slow.wall(at(Duration::s(100))) == at(Duration::s(99)));
    // A 10 s local timer on a 2% fast clock fires after 10/1.02 s of true time (RD-5).
    CHECK(fast.true_for_local(Duration::s(10)) == Duration::ns(9'803'921'569));
}

TEST_CASE("a step moves the wall clock only the monotonic clock ignores it") {
    Clock c({Duration::zero(), 0});
    c.step(at(Duration::s(5)), Duration::s(15));
    CHECK(c.wall(at(Duration::s(6))) == at(Duration::s(21)));
    CHECK(c.mono(at(Duration::s(6))) == at(Duration::s(6)));
    c.step(at(Duration::s(7)), -Duration::s(20));
    CHECK(c.wall(at(Duration::s(7))) == at(Duration::s(2)));
    CHECK(c.mono(at(Duration::s(7))) == at(Duration::s(7)));
}

TEST_CASE("a drift change applies from its instant on and keeping earlier readings") {
    Clock c({Duration::zero(), 0});
    c.set_drift(at(Duration::s(10)), 100'000); // 10% fast from t=10s
    CHECK(c.wall(at(Duration::s(10))) == at(Duration::s(10)));
    CHECK(c.wall(at(Duration::s(20))) == at(Duration::s(21)));
    CHECK(c.mono(at(Duration::s(20))) == at(Duration::s(21)));
}

TEST_CASE("a slew absorbs the offset gradually and then stops") {
    Clock c({Duration::zero(), 0});
    c.slew(at(Duration::zero()), Duration::ms(5), 500); // ntpd's 500 ppm: 10 s to absorb 5 ms
    CHECK(c.wall(at(Duration::s(5))) == at(Duration::s(5) + Duration::us(2500)));
    CHECK(c.wall(at(Duration::s(10))) == at(Duration::s(10) + Duration::ms(5)));
    CHECK(c.wall(at(Duration::s(30))) == at(Duration::s(30) + Duration::ms(5)));
    CHECK(c.mono(at(Duration::s(30))) == at(Duration::s(30)));
    c.slew(at(Duration::s(30)), -Duration::ms(5), 500);
    CHECK(c.wall(at(Duration::s(40))) == at(Duration::s(40)));
}
