#pragma once
// Everything the window shows, with no ImGui in it: one run (or two, compared one above the
// other), the shared time axis, the selection that the timeline and the log share, playback,
// the what-if settings, and re-runs in the background. The view reads and pokes this; tests
// drive it directly.
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gui/event_log.hpp"
#include "gui/interaction.hpp"
#include "gui/playback.hpp"
#include "gui/run_data.hpp"
#include "gui/timeline_model.hpp"
#include "gui/what_if.hpp"

namespace lockstep::gui {

// One run on screen.
struct RunPane {
    RunData data;
    std::unique_ptr<TimelineModel> model; // null when the run could not be loaded
    EventLog log;
    float scroll_px = 0;               // the lanes' vertical scroll
    std::optional<size_t> reveal_lane; // a lane to scroll into view at the next frame
    CanvasInteraction interaction;
    Hit hover;

    bool ok() const { return model != nullptr; }
};

enum class SelectOrigin : uint8_t { timeline, log, step, playback, program };

struct Selection {
    size_t pane = 0;
    std::optional<uint32_t> event;
    SelectOrigin origin = SelectOrigin::program;
    uint64_t serial = 0; // bumps on every change, so each view notices it once
};

class AppState {
  public:
    static constexpr size_t max_panes = 2;

    explicit AppState(RunFunction run = {});

    // Pane 0 is the run; pane 1 the comparison.
    void set_run(size_t pane, RunData data);
    void close_comparison();
    size_t pane_count() const { return panes_.size(); }
    RunPane& pane(size_t i) { return *panes_[i]; }
    const RunPane& pane(size_t i) const { return *panes_[i]; }
    RunPane* active_pane();

    void select(size_t pane, std::optional<uint32_t> event, SelectOrigin origin);
    // Through the active pane's filtered log: +1 forward, -1 back.
    void step(int direction);
    // Shows the active pane's next violation (cycling), and selects its first witness.
    void jump_to_violation();
    void fit_all();
    void set_filter(size_t pane, std::string_view text);

    // Per frame: the zoom animation, playback, finished background runs.
    void tick(double dt_s);

    // What-if: re-run the run's scenario with the panel's settings into `pane`. Needs a shown
    // scenario run (a trace cannot be re-run).
    bool can_rerun() const;
    void request_rerun(size_t pane);
    // A scenario that could not be loaded can be loaded again, as it was asked for, once fixed.
    bool can_reload() const;
    void request_reload();
    bool running() const { return job_.valid(); }
    void wait_for_run(); // blocks until a pending run is in (screenshots, tests)

    TimeView view;
    ZoomAnimator zoom;
    Playback playback;
    Selection selection;
    WhatIf what_if;
    size_t next_violation = 0;
    std::string status;           // a line for the status bar
    uint64_t log_seen_serial = 0; // the last selection the log scrolled to

  private:
    void update_limits();
    void follow_playback();
    void poll_run(bool wait);
    void start_run(size_t pane, const RunSettings& settings, std::string what);

    RunFunction run_;
    std::vector<std::unique_ptr<RunPane>> panes_;
    std::future<RunData> job_;
    size_t job_pane_ = 0;
};

} // namespace lockstep::gui
