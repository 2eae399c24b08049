// The app without a window: the selection the timeline and the log share, stepping, playback,
// jumping to the violation, and what-if re-runs into a comparison pane.
#include <catch2/catch.hpp>

#include "gui/app_state.hpp"
#include "tests/gui/gui_fixtures.hpp"

using namespace lockstep;
using namespace lockstep::gui;
using namespace lockstep::gui::test;

namespace {

AppState gc_pause_app(RunFunction run = {}) {
    AppState app(std::move(run));
    app.set_run(0, gc_pause_run());
    app.view.set_canvas(132, 1000);
    return app;
}

} // namespace

TEST_CASE("a selection from the log moves the timeline to it - one from the timeline does not") {
    AppState app = gc_pause_app();
    const Trace& t = app.pane(0).model->trace();
    const uint32_t write = find_event(t, "storage", "write_accepted", 1);
    app.view.show(0, 1e9); // the first second
    const uint64_t serial = app.selection.serial;
    app.select(0, write, SelectOrigin::log);
    CHECK(app.selection.event == write);
    CHECK(app.selection.serial == serial + 1);
    CHECK(app.view.begin_ns() <= static_cast<double>(app.pane(0).model->event_time_ns(write)));
    CHECK(app.view.end_ns() >= static_cast<double>(app.pane(0).model->event_time_ns(write)));
    CHECK(app.pane(0).reveal_lane == app.pane(0).model->lane_of_event(write));

    app.view.show(0, 1e9);
    app.pane(0).reveal_lane.reset();
    app.select(0, find_event(t, "c2", "acquired"), SelectOrigin::timeline);
    CHECK(app.view.begin_ns() == 0);
    CHECK_FALSE(app.pane(0).reveal_lane.has_value());
    CHECK(app.playback.cursor_ns() ==
          Approx(app.pane(0).model->event_time_ns(find_event(t, "c2", "acquired"))));
}

TEST_CASE("stepping goes through the events the log's filter shows") {
    AppState app = gc_pause_app();
    const Trace& t = app.pane(0).model->trace();
    app.set_filter(0, "acquired token="); // the model events, not the program points
    app.step(+1);
    CHECK(app.selection.event == find_event(t, "c1", "acquired"));
    app.step(+1);
    CHECK(app.selection.event == find_event(t, "c2", "acquired"));
    app.step(+1); // the last one: stays
    CHECK(app.selection.event == find_event(t, "c2", "acquired"));
    app.step(-1);
    CHECK(app.selection.event == find_event(t, "c1", "acquired"));
    CHECK(app.selection.origin == SelectOrigin::step);
}

TEST_CASE("playback advances at its speed and drags the selection along") {
    AppState app = gc_pause_app();
    const Trace& t = app.pane(0).model->trace();
    app.playback.set_speed(10); // ten simulated seconds per second
    app.playback.play();
    app.tick(3.1); // to 31 s: c2 acquired at 30.78 s
    CHECK(app.playback.cursor_ns() == Approx(31e9));
    REQUIRE(app.selection.event.has_value());
    CHECK(t.events()[*app.selection.event].time.since_epoch_ns() <= 31'000'000'000);
    CHECK(*app.selection.event >= find_event(t, "c2", "acquired"));
    CHECK(app.view.begin_ns() <= 31e9);
    CHECK(app.view.end_ns() >= 31e9);
    app.tick(100); // past the end: stops there
    CHECK_FALSE(app.playback.playing());
    CHECK(app.playback.cursor_ns() == Approx(app.pane(0).model->end_ns()));
}

TEST_CASE("jump to violation frames the overlap and selects the overlapping belief") {
    AppState app = gc_pause_app();
    const TimelineModel& m = *app.pane(0).model;
    app.jump_to_violation();
    const TimeRange overlap = m.violations()[0].ranges[0];
    CHECK(app.view.begin_ns() < static_cast<double>(overlap.begin_ns));
    CHECK(app.view.end_ns() > static_cast<double>(overlap.end_ns));
    CHECK(app.view.span_ns() < 5e9); // zoomed in from 120 s
    CHECK(app.selection.event == find_event(m.trace(), "c2", "acquired"));
    app.jump_to_violation(); // the next one: resource safety
    CHECK(app.status.find("resource_safety") != std::string::npos);
}

TEST_CASE("what-if turns the panel into overrides after the run's own") {
    WhatIf w;
    RunData run = gc_pause_run();
    w.reset_from(run);
    REQUIRE(w.faults.size() == 1);
    CHECK(w.faults[0].key == "faults.0.for");
    CHECK(w.faults[0].original_ns == 40'000'000'000);
    const RunSettings base = *run.settings;
    CHECK(w.overrides(base.overrides).empty());
    w.fencing = FencingChoice::token;
    w.faults[0].value_ns = 20'000'000'000;
    w.seed = 7;
    const RunSettings s = w.settings(base);
    CHECK(s.overrides == std::vector<std::string>{"resource.fencing=token", "faults.0.for=20s"});
    CHECK(s.seed == 7u);
    CHECK_FALSE(s.choices.has_value());
    CHECK(w.command(base) == "lockstep run " + base.scenario_path +
                                 " --seed 7 --set resource.fencing=token --set faults.0.for=20s");
}

TEST_CASE("a what-if run lands below for comparison on the same time axis") {
    std::vector<RunSettings> asked;
    AppState app = gc_pause_app([&](const RunSettings& s) {
        asked.push_back(s);
        return run_scenario_for_gui(s);
    });
    REQUIRE(app.can_rerun());
    app.what_if.fencing = FencingChoice::token;
    app.request_rerun(1);
    app.wait_for_run();
    REQUIRE(asked.size() == 1);
    CHECK(asked[0].overrides == std::vector<std::string>{"resource.fencing=token"});
    REQUIRE(app.pane_count() == 2);
    REQUIRE(app.pane(1).ok());
    // Fencing leaves the beliefs overlapping and protects the resource.
    const Report& fenced = app.pane(1).model->report();
    CHECK(fenced.property("mutual_exclusion")->verdict == Verdict::violated);
    CHECK(fenced.property("resource_safety")->verdict == Verdict::holds);
    CHECK(app.pane(0).model->report().property("resource_safety")->verdict == Verdict::violated);
    CHECK(app.what_if.fencing == FencingChoice::token); // the panel keeps its settings
    app.close_comparison();
    CHECK(app.pane_count() == 1);
}

TEST_CASE("a failed what-if run shows its error in the pane not a crash") {
    AppState app = gc_pause_app([](const RunSettings&) {
        RunData failed;
        failed.error = "x.yaml:1:1: error: broken";
        return failed;
    });
    app.request_rerun(1);
    app.wait_for_run();
    REQUIRE(app.pane_count() == 2);
    CHECK_FALSE(app.pane(1).ok());
    CHECK(app.status.find("broken") != std::string::npos);
}

TEST_CASE("a scenario that failed to load can be reloaded but not varied") {
    RunData failed;
    failed.source = "x.yaml";
    failed.error = "x.yaml:1:1: error: broken";
    failed.settings = scenario_run("x.yaml");
    int runs = 0;
    AppState app([&](const RunSettings& s) {
        ++runs;
        CHECK(s.scenario_path == "x.yaml");
        return gc_pause_run(); // fixed in the meantime
    });
    app.set_run(0, failed);
    CHECK_FALSE(app.can_rerun());
    REQUIRE(app.can_reload());
    app.request_reload();
    app.wait_for_run();
    CHECK(runs == 1);
    REQUIRE(app.pane(0).ok());
    CHECK(app.view.span_ns() > 100e9); // the first run shown is shown whole
}
