// Opening runs: saved traces with and without their verdict file, scenarios, replays, and every
// kind of bad input, which must come back as a message and never as a crash.
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "gui/gui_options.hpp"
#include "gui/trace_source.hpp"
#include "gui/verdict_file.hpp"
#include "sim/trace_io.hpp"
#include "tests/gui/gui_fixtures.hpp"

using namespace lockstep;
using namespace lockstep::gui;
using namespace lockstep::gui::test;

namespace {

std::string temp_file(const std::string& name, const std::string& text) {
    const auto path = std::filesystem::temp_directory_path() / ("lockstep-gui-test-" + name);
    std::ofstream(path) << text;
    return path.string();
}

GuiOptions parse(std::vector<const char*> args) {
    args.insert(args.begin(), "lockstep-gui");
    return parse_gui_options(static_cast<int>(args.size()), args.data());
}

} // namespace

TEST_CASE("a saved trace shows the same verdicts as the run that wrote it") {
    const RunData& run = gc_pause_run();
    const std::string trace = temp_file("gc.jsonl", trace_to_jsonl(*run.trace));
    const std::string verdict =
        temp_file("gc-verdict.json",
                  "{\n  \"format\": \"lockstep-verdict\",\n  \"seed\": 1,\n  \"end_ns\": " +
                      std::to_string(run.end.since_epoch_ns()) +
                      ",\n  \"replay\": \"lockstep run x.yaml --seed 1\"\n}\n");
    const RunData loaded = load_trace_file(trace, verdict);
    REQUIRE(loaded.ok);
    CHECK(loaded.trace->size() == run.trace->size());
    CHECK(loaded.end == run.end);
    CHECK(loaded.seed == 1);
    CHECK(loaded.replay == "lockstep run x.yaml --seed 1");
    for (const PropertyResult& p : run.report.properties) {
        CHECK(loaded.report.property(p.name)->verdict == p.verdict);
    }
    CHECK_FALSE(loaded.settings.has_value()); // a trace cannot be re-run
    // Without the verdict file the run ends at its last event.
    const RunData bare = load_trace_file(trace);
    REQUIRE(bare.ok);
    CHECK(bare.end == run.trace->events().back().time);
}

TEST_CASE("bad traces and verdict files come back as messages") {
    const RunData missing = load_trace_file("/no/such/trace.jsonl");
    CHECK_FALSE(missing.ok);
    CHECK(missing.error == "/no/such/trace.jsonl: error: cannot open the trace file");
    const std::string garbage = temp_file("garbage.jsonl", "this is not json\n");
    const RunData bad = load_trace_file(garbage);
    CHECK_FALSE(bad.ok);
    CHECK(bad.error.rfind(garbage + ":1:1: error: ", 0) == 0);
    const std::string empty = temp_file("empty.jsonl", "");
    CHECK_FALSE(load_trace_file(empty).ok);
    const std::string good = temp_file("good.jsonl", trace_to_jsonl(*handmade_trace()));
    const RunData bad_verdict = load_trace_file(good, garbage);
    CHECK_FALSE(bad_verdict.ok);
    CHECK(bad_verdict.error.find("not a lockstep verdict file") != std::string::npos);
}

TEST_CASE("the verdict file gives the end the seed the choices and the replay command") {
    const VerdictFile v = parse_verdict_text(
        "{\"format\": \"lockstep-verdict\", \"seed\": 42, \"choices\": \"a\\\"b\", "
        "\"end_ns\": 120000000000, \"replay\": \"lockstep run f.yaml --seed 42\"}");
    REQUIRE(v.ok);
    CHECK(v.seed == 42u);
    CHECK(v.end_ns == 120'000'000'000);
    CHECK(v.choices == "a\"b");
    CHECK(v.replay == "lockstep run f.yaml --seed 42");
}

TEST_CASE("scenario mistakes come back as file:line:col errors") {
    const std::string bad =
        temp_file("bad.yaml", "name: x\nduration: 10s\nlock: {service: redis, tll: 3s}\n");
    const RunData run = run_scenario_for_gui(scenario_run(bad));
    CHECK_FALSE(run.ok);
    CHECK(run.error.find(bad + ":3:") != std::string::npos);
    CHECK(run.error.find("error:") != std::string::npos);
    const RunData missing = run_scenario_for_gui(scenario_run("/no/such.yaml"));
    CHECK_FALSE(missing.ok);
    CHECK(missing.error.find("/no/such.yaml") != std::string::npos);
    RunSettings bad_set = scenario_run(gc_pause_path());
    bad_set.overrides = {"resource.fencing=sometimes"};
    CHECK_FALSE(run_scenario_for_gui(bad_set).ok);
    RunSettings bad_choices = scenario_run(gc_pause_path());
    bad_choices.choices = "!!not choices";
    const RunData choices_run = run_scenario_for_gui(bad_choices);
    CHECK_FALSE(choices_run.ok);
    CHECK(choices_run.error.find("--replay") != std::string::npos);
    RunSettings bad_swarm_settings = scenario_run(gc_pause_path());
    bad_swarm_settings.swarm = "earthquakes";
    const RunData bad_swarm = run_scenario_for_gui(bad_swarm_settings);
    CHECK_FALSE(bad_swarm.ok);
    CHECK(bad_swarm.error.find("--swarm: error:") != std::string::npos);
}

TEST_CASE("a replayed choice string reproduces the run exactly") {
    const RunData& run = gc_pause_run();
    RunSettings settings = scenario_run(gc_pause_path());
    settings.choices = run.choices;
    const RunData replay = run_scenario_for_gui(settings);
    REQUIRE(replay.ok);
    CHECK(trace_hash(*replay.trace) == trace_hash(*run.trace));
    CHECK(replay.title.find("replay") != std::string::npos);
}

TEST_CASE("the command line - files flags and mistakes") {
    const GuiOptions scenario =
        parse({"s.yaml", "--seed", "7", "--set", "a=b", "--replay", "xyz", "--screenshot", "o.png",
               "--frames", "5", "--size", "800x600", "--jump-to-violation", "--swarm", "pause"});
    CHECK(scenario.error.empty());
    CHECK(scenario.file == "s.yaml");
    CHECK(scenario.seed == 7u);
    CHECK(scenario.overrides == std::vector<std::string>{"a=b"});
    CHECK(scenario.replay == "xyz");
    CHECK(scenario.swarm == "pause");
    CHECK(scenario.screenshot == "o.png");
    CHECK(scenario.frames == 5);
    CHECK(scenario.width_px == 800);
    CHECK(scenario.jump_to_violation);
    const GuiOptions trace = parse({"t.jsonl", "v.json"});
    CHECK(trace.error.empty());
    CHECK(trace.verdict == "v.json");
    CHECK(parse({}).error.find("give a scenario") != std::string::npos);
    CHECK(parse({"s.yaml", "extra"}).error.find("unexpected argument 'extra'") !=
          std::string::npos);
    CHECK(parse({"s.yaml", "--seed"}).error == "--seed needs a value");
    CHECK(parse({"s.yaml", "--seed", "x"}).error.find("whole number") != std::string::npos);
    CHECK(parse({"s.yaml", "--frames", "0"}).error.find("at least 1") != std::string::npos);
    CHECK(parse({"s.yaml", "--size", "big"}).error.find("WIDTHxHEIGHT") != std::string::npos);
    CHECK(parse({"s.yaml", "--bogus"}).error.find("unknown option --bogus") != std::string::npos);
    CHECK(parse({"--help"}).help);
    CHECK(file_kind("a.yml") == FileKind::scenario);
    CHECK(file_kind("a.jsonl") == FileKind::trace);
    CHECK(file_kind("/no/such/file") == FileKind::unknown);
}
