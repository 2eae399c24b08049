// check's progress: a bar redrawn in place on a terminal, plain lines now and then elsewhere,
// and nothing at all for a sweep shorter than the plain interval.
#include <cstdio>
#include <string>

#include <catch2/catch.hpp>

#include "cli/progress.hpp"

using namespace lockstep;

namespace {

std::string contents(std::FILE* f) {
    std::rewind(f);
    std::string out;
    for (int c = std::fgetc(f); c != EOF; c = std::fgetc(f)) {
        out += char(c);
    }
    return out;
}

} // namespace

TEST_CASE("off a terminal progress is plain lines and none for the last seed") {
    std::FILE* f = std::tmpfile();
    REQUIRE(f != nullptr);
    Progress p(100, false, std::chrono::milliseconds(0), f);
    p.update(10, 1);
    p.update(100, 1); // the summary that follows says it
    p.finish();
    const std::string out = contents(f);
    CHECK_THAT(out,
               Catch::StartsWith("progress: 10/100 seeds, ") && Catch::EndsWith(" failures 1\n"));
    CHECK(out.find("100/100") == std::string::npos);
    CHECK(out.find('\r') == std::string::npos);
    std::fclose(f);
}

TEST_CASE("off a terminal a short sweep prints nothing") {
    std::FILE* f = std::tmpfile();
    REQUIRE(f != nullptr);
    Progress p(100, false, std::chrono::seconds(5), f);
    p.update(50, 0);
    p.finish();
    CHECK(contents(f).empty());
    std::fclose(f);
}

TEST_CASE("on a terminal progress is one bar redrawn in place") {
    std::FILE* f = std::tmpfile();
    REQUIRE(f != nullptr);
    Progress p(4, true, std::chrono::seconds(5), f);
    p.update(4, 2); // the last update always draws
    p.finish();
    const std::string out = contents(f);
    CHECK_THAT(out, Catch::StartsWith("\r[##############################] 4/4 seeds") &&
                        Catch::Contains("failures 2") && Catch::EndsWith("\n"));
    std::fclose(f);
}
