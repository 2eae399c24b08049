#include "gui/app_state.hpp"

#include <algorithm>
#include <chrono>

namespace lockstep::gui {

AppState::AppState(RunFunction run) : run_(std::move(run)) {}

void AppState::set_run(size_t pane, RunData data) {
    pane = std::min(pane, std::min(panes_.size(), max_panes - 1));
    auto p = std::make_unique<RunPane>();
    p->data = std::move(data);
    if (p->data.ok && p->data.trace) {
        p->model = std::make_unique<TimelineModel>(p->data.trace, p->data.report, p->data.end);
        p->log = EventLog(p->model->trace());
    }
    // The first run that can be shown is shown whole; later ones keep the view.
    const bool fit =
        std::none_of(panes_.begin(), panes_.end(), [](const auto& q) { return q->ok(); });
    if (pane == panes_.size()) {
        panes_.push_back(std::move(p));
    } else {
        panes_[pane] = std::move(p);
    }
    if (pane == 0) {
        what_if.reset_from(panes_[0]->data);
    }
    if (selection.pane == pane) {
        selection = {pane, std::nullopt, SelectOrigin::program, selection.serial + 1};
    }
    update_limits();
    if (fit) {
        view.fit_all();
    }
}

void AppState::close_comparison() {
    if (panes_.size() > 1) {
        panes_.resize(1);
        selection = {0, std::nullopt, SelectOrigin::program, selection.serial + 1};
        update_limits();
    }
}

RunPane* AppState::active_pane() {
    if (selection.pane < panes_.size()) {
        return panes_[selection.pane].get();
    }
    return panes_.empty() ? nullptr : panes_[0].get();
}

// Both panes share one time axis, so the union of their runs bounds it.
void AppState::update_limits() {
    int64_t end_ns = 1;
    for (const auto& p : panes_) {
        if (p->ok()) {
            end_ns = std::max(end_ns, p->model->end_ns());
        }
    }
    view.set_limits(0, end_ns);
}

void AppState::select(size_t pane, std::optional<uint32_t> event, SelectOrigin origin) {
    if (pane >= panes_.size() || !panes_[pane]->ok()) {
        return;
    }
    RunPane& p = *panes_[pane];
    selection = {pane, event, origin, selection.serial + 1};
    if (!event) {
        return;
    }
    // The timeline follows selections made elsewhere; a click on it needs no help.
    if (origin != SelectOrigin::timeline) {
        view.ensure_visible(static_cast<double>(p.model->event_time_ns(*event)), 0.15);
        p.reveal_lane = p.model->lane_of_event(*event);
    }
    if (origin != SelectOrigin::playback) {
        playback.set_cursor(static_cast<double>(p.model->event_time_ns(*event)));
    }
}

void AppState::step(int direction) {
    RunPane* p = active_pane();
    if (p == nullptr || !p->ok()) {
        return;
    }
    const size_t pane = selection.pane < panes_.size() ? selection.pane : 0;
    const auto from = selection.pane == pane ? selection.event : std::nullopt;
    const auto to = direction > 0 ? p->log.next(from) : p->log.previous(from);
    if (to) {
        select(pane, to, SelectOrigin::step);
    }
}

void AppState::jump_to_violation() {
    RunPane* p = active_pane();
    if (p == nullptr || !p->ok() || p->model->violations().empty()) {
        status = "no violation in this run";
        return;
    }
    const auto& violations = p->model->violations();
    const ViolationMarker& v = violations[next_violation % violations.size()];
    next_violation = (next_violation + 1) % violations.size();
    const TimeRange focus = padded_focus(v);
    view.show(static_cast<double>(focus.begin_ns), static_cast<double>(focus.end_ns));
    const size_t pane = selection.pane < panes_.size() ? selection.pane : 0;
    if (!v.witness.empty()) {
        select(pane, focal_witness(v, p->model->trace()), SelectOrigin::program);
        view.show(static_cast<double>(focus.begin_ns), static_cast<double>(focus.end_ns));
    }
    status = v.property + " violated: " + v.summary;
}

void AppState::fit_all() {
    view.fit_all();
}

void AppState::set_filter(size_t pane, std::string_view text) {
    if (pane < panes_.size() && panes_[pane]->ok()) {
        panes_[pane]->log.set_filter(text);
    }
}

// Playback drags the selection along: the last event the log shows at or before the cursor.
void AppState::follow_playback() {
    RunPane* p = active_pane();
    if (p == nullptr || !p->ok()) {
        return;
    }
    view.ensure_visible(playback.cursor_ns(), 0.1);
    const auto event = p->log.last_at_or_before(static_cast<int64_t>(playback.cursor_ns()));
    if (event && event != selection.event) {
        select(selection.pane < panes_.size() ? selection.pane : 0, event, SelectOrigin::playback);
    }
}

void AppState::tick(double dt_s) {
    zoom.step(view, dt_s);
    const RunPane* p = active_pane();
    const double end_ns = p != nullptr && p->ok() ? static_cast<double>(p->model->end_ns()) : 0;
    if (playback.advance(dt_s, end_ns)) {
        follow_playback();
    }
    poll_run(false);
}

bool AppState::can_rerun() const {
    return run_ && !panes_.empty() && panes_[0]->ok() && panes_[0]->data.settings.has_value();
}

void AppState::request_rerun(size_t pane) {
    if (can_rerun()) {
        const RunSettings& base = *panes_[0]->data.settings;
        start_run(pane, what_if.settings(base), what_if.describe(base));
    }
}

bool AppState::can_reload() const {
    return run_ && !panes_.empty() && !panes_[0]->ok() && panes_[0]->data.settings.has_value();
}

void AppState::request_reload() {
    if (can_reload()) {
        start_run(0, *panes_[0]->data.settings, panes_[0]->data.source);
    }
}

void AppState::start_run(size_t pane, const RunSettings& settings, std::string what) {
    if (running()) {
        return;
    }
    job_pane_ = std::min(pane, max_panes - 1);
    status = "running " + what + " ...";
    job_ = std::async(std::launch::async, run_, settings);
}

void AppState::poll_run(bool wait) {
    if (!job_.valid()) {
        return;
    }
    if (!wait && job_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
        return;
    }
    RunData data = job_.get();
    status = data.ok ? "ran " + data.title : "run failed: " + data.error;
    // The comparison keeps what-if's settings; a re-run of pane 0 becomes the new baseline.
    const WhatIf kept = what_if;
    set_run(std::min(job_pane_, panes_.size()), std::move(data));
    if (job_pane_ != 0) {
        what_if = kept;
    }
}

void AppState::wait_for_run() {
    poll_run(true);
}

} // namespace lockstep::gui
