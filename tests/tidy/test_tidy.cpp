// The tidy checker must catch what it exists to catch: shown on planted text, never on the tree.
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "tests/tidy/tidy_rules.hpp"

using lockstep::tidy::check_source;
using lockstep::tidy::check_tree;

TEST_CASE("tidy flags real clocks and unseeded randomness in the simulated layers") {
    CHECK(check_source("sim/x.cpp", "std::random_device rd;\n").size() == 1);
    CHECK(check_source("models/x.cpp", "int r = rand();\n").size() == 1);
    CHECK(check_source("checker/x.cpp", "auto t = std::chrono::steady_clock::now();\n").size() ==
          1);
    CHECK(check_source("sim/x.cpp", "auto t = std::chrono::system_clock::now();\n").size() == 1);
    CHECK(check_source("sim/x.cpp", "std::uniform_int_distribution<int> d(1, 6);\n").size() == 1);
    CHECK(check_source("sim/x.cpp", "std::shuffle(v.begin(), v.end(), g);\n").size() == 1);
    CHECK(check_source("sim/x.cpp", "#include <random>\n").size() == 1);
    CHECK(check_source("models/x.cpp", "time_t now = time(nullptr);\n").size() == 1);
    CHECK(check_source("sim/x.cpp", "std::mt19937 g(42);\n").size() == 1);
}

TEST_CASE("tidy ignores comments and strings and and layers outside the simulation") {
    CHECK(check_source("sim/x.cpp", "// never std::random_device here\n").empty());
    CHECK(check_source("sim/x.cpp", "/* rand() */ int x = 0;\n").empty());
    CHECK(check_source("sim/x.cpp", "const char* s = \"steady_clock\";\n").empty());
    CHECK(check_source("sim/x.cpp", "int operand(int x);\nint v = operand(3);\n").empty());
    CHECK(check_source("sim/x.cpp", "Time runtime(Duration d);\n").empty());
    CHECK(check_source("cli/x.cpp", "auto t = std::chrono::steady_clock::now();\n").empty());
    CHECK(check_source("bench/x.cpp", "auto t = std::chrono::steady_clock::now();\n").empty());
}

TEST_CASE("tidy flags includes that point the wrong way") {
    CHECK(check_source("sim/x.cpp", "#include \"models/redis.hpp\"\n").size() == 1);
    CHECK(check_source("sim/x.hpp", "#include \"checker/verdict.hpp\"\n").size() == 1);
    CHECK(check_source("gui/x.cpp", "#include \"models/redis.hpp\"\n").size() == 1);
    CHECK(check_source("checker/x.cpp", "#include \"models/client.hpp\"\n").size() == 1);
    CHECK(check_source("models/x.cpp", "#include \"sim/world.hpp\"\n").empty());
    CHECK(check_source("checker/x.cpp", "#include \"sim/trace.hpp\"\n").empty());
}

TEST_CASE("tidy finds a random_device planted in a temporary tree's sim/") {
    namespace fs = std::filesystem;
    const fs::path root = fs::temp_directory_path() / "lockstep-tidy-test";
    fs::remove_all(root);
    fs::create_directories(root / "sim");
    { std::ofstream(root / "sim" / "clean.cpp") << "int answer() { return 42; }\n"; }
    CHECK(check_tree(root.string()).empty());
    {
        std::ofstream(root / "sim" / "planted.cpp")
            << "#include <random>\nstd::random_device rd;\n";
    }
    const auto findings = check_tree(root.string());
    REQUIRE(findings.size() == 2);
    CHECK(findings[0].file == "sim/planted.cpp");
    fs::remove_all(root);
}

TEST_CASE("tidy flags test names that CTest would never run") {
    CHECK(check_source("tests/x.cpp", "TEST_CASE(\"a, b\") {\n").size() == 1);
    CHECK(check_source("tests/x.cpp", "TEST_CASE(\"a ; b\") {\n").size() == 1);
    CHECK(check_source("tests/x.cpp", "TEST_CASE(\"a\", \"[tag]\") {\n").empty());
    CHECK(check_source("tests/x.cpp", "TEST_CASE(\"a and b\") {\n").empty());
}
