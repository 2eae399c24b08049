// JUnit reports: one suite per scenario file (two files may share a name), and a failing case
// for a file that could not be loaded, so a CI reading only the report still sees it.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "cli/report_output.hpp"

using namespace lockstep;

namespace {

size_t count(const std::string& text, const std::string& part) {
    size_t n = 0;
    for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
        ++n;
    }
    return n;
}

} // namespace

TEST_CASE("junit keeps two files of the same scenario name in two suites") {
    JunitCase a;
    a.scenario = "same-name";
    a.file = "one.yaml";
    a.property = "mutual_exclusion";
    JunitCase b = a;
    b.file = "two.yaml";
    b.failed = true;
    b.message = "expected holds, got violated";
    const std::string xml = junit_xml({a, b});
    CHECK(count(xml, "<testsuite ") == 2);
    CHECK_THAT(xml, Catch::Contains("<testsuite name=\"same-name\" file=\"one.yaml\" tests=\"1\" "
                                    "failures=\"0\""));
    CHECK_THAT(xml, Catch::Contains("<testsuite name=\"same-name\" file=\"two.yaml\" tests=\"1\" "
                                    "failures=\"1\""));
    CHECK_THAT(xml, Catch::Contains("<testsuites name=\"lockstep\" tests=\"2\" failures=\"1\""));
}

TEST_CASE("a file that could not be loaded is a failing junit case") {
    const std::string xml = junit_xml({unusable_file_case("missing.yaml")});
    CHECK_THAT(xml, Catch::Contains("<testsuites name=\"lockstep\" tests=\"1\" failures=\"1\""));
    CHECK_THAT(xml, Catch::Contains("name=\"scenario\""));
    CHECK_THAT(xml, Catch::Contains("<failure message=\"the scenario could not be loaded or run"));
}
