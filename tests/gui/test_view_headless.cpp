// The ImGui view with no window at all: a bare ImGui context, a built font atlas, and frames
// driven through io. Checks where things are drawn (from the draw lists), and that hover, click,
// wheel and drag reach the model the way a person's pointer would.
#include <catch2/catch.hpp>
#include <imgui.h>
#include <imgui_internal.h>

#include "gui/client_lane.hpp"
#include "gui/view.hpp"
#include "gui/view_parts.hpp"
#include "tests/gui/gui_fixtures.hpp"

using namespace lockstep;
using namespace lockstep::gui;
using namespace lockstep::gui::test;

namespace {

class Headless {
  public:
    explicit Headless(const RunData& run = gc_pause_run()) : context_(ImGui::CreateContext()) {
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = {1280, 800};
        io.DeltaTime = 1.0f / 60;
        add_fonts(io);
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        app_.set_run(0, run);
        frame(); // lays the window out and sets the view's canvas
    }
    ~Headless() { ImGui::DestroyContext(context_); }
    Headless(const Headless&) = delete;
    Headless& operator=(const Headless&) = delete;

    void frame() {
        ImGui::NewFrame();
        app_.tick(1.0 / 60);
        draw_app(app_);
        ImGui::Render();
    }
    void move_to(float x, float y) { ImGui::GetIO().MousePos = {x, y}; }
    void click_at(float x, float y) {
        move_to(x, y);
        frame();
        ImGui::GetIO().MouseDown[0] = true;
        frame();
        ImGui::GetIO().MouseDown[0] = false;
        frame();
    }

    AppState& app() { return app_; }
    const TimelineModel& model() { return *app_.pane(0).model; }
    // The same layout the view computed for pane 0.
    TimelineLayout layout() {
        const AppLayout a = compute_app_layout(1280, 800, app_.pane_count());
        TimelineLayout l(model(), a.panes[0].canvas);
        l.set_scroll(app_.pane(0).scroll_px);
        return l;
    }
    float x_of(int64_t t) { return static_cast<float>(app_.view.x_of(static_cast<double>(t))); }
    float track_mid(size_t lane, size_t track) {
        return layout().track_top_px(lane, track) +
               model().lanes()[lane].tracks[track].height_px / 2;
    }

  private:
    ImGuiContext* context_;
    AppState app_;
};

struct DrawnRect {
    ImVec2 min, max;
};

// Filled axis-aligned rectangles of one colour in a window's draw list (ImDrawList::PrimRect
// writes the corners in the order a, (b.x, a.y), b, (a.x, b.y)).
std::vector<DrawnRect> rects_of_colour(const char* window, Rgba colour) {
    std::vector<DrawnRect> out;
    const ImGuiWindow* w = ImGui::FindWindowByName(window);
    REQUIRE(w != nullptr);
    const ImVector<ImDrawVert>& v = w->DrawList->VtxBuffer;
    const ImU32 c = imu32(colour);
    for (int i = 0; i + 3 < v.Size; ++i) {
        if (v[i].col == c && v[i + 1].col == c && v[i + 2].col == c && v[i + 3].col == c &&
            v[i].pos.y == v[i + 1].pos.y && v[i + 1].pos.x == v[i + 2].pos.x &&
            v[i + 2].pos.y == v[i + 3].pos.y && v[i + 3].pos.x == v[i].pos.x &&
            v[i].pos.x < v[i + 1].pos.x && v[i].pos.y < v[i + 2].pos.y) {
            out.push_back({v[i].pos, v[i + 2].pos});
            i += 3;
        }
    }
    return out;
}

bool tooltip_open() {
    for (const ImGuiWindow* w : GImGui->Windows) {
        if (std::string_view(w->Name).rfind("##Tooltip", 0) == 0 && w->Active) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_CASE("the windows sit where compute_app_layout puts them") {
    Headless h;
    const AppLayout a = compute_app_layout(1280, 800, 1);
    const ImGuiWindow* pane = ImGui::FindWindowByName(pane_window(0));
    REQUIRE(pane != nullptr);
    CHECK(pane->Pos.x == a.panes[0].header.x);
    CHECK(pane->Pos.y == a.panes[0].header.y);
    CHECK(pane->Size.y == Approx(a.panes[0].header.h + a.panes[0].canvas.h));
    const ImGuiWindow* log = ImGui::FindWindowByName(log_window);
    REQUIRE(log != nullptr);
    CHECK(log->Pos.y == a.log.y);
    CHECK(h.app().view.x0_px() == Approx(a.panes[0].canvas.x + LayoutMetrics{}.label_width_px));
}

TEST_CASE("the overlap of the beliefs is painted over both belief tracks") {
    Headless h;
    const TimeRange overlap = h.model().violations()[0].ranges[0];
    const float x0 = h.x_of(overlap.begin_ns), x1 = h.x_of(overlap.end_ns);
    const TimelineLayout l = h.layout();
    int found = 0;
    for (const DrawnRect& r : rects_of_colour(pane_window(0), violation_colour)) {
        for (size_t lane : {size_t{0}, size_t{1}}) {
            const float top = l.track_top_px(lane, client_belief_track);
            if (r.min.y == top && std::abs(r.min.x - x0) < 1.01f &&
                std::abs(r.max.x - x1) < 1.01f) {
                ++found;
            }
        }
    }
    CHECK(found == 2);
    // c1's belief bar starts where c1 acquired.
    bool c1_bar = false;
    for (const DrawnRect& r : rects_of_colour(pane_window(0), belief_colour)) {
        c1_bar |=
            r.min.y == l.track_top_px(0, client_belief_track) &&
            std::abs(r.min.x - h.x_of(h.model().facts().beliefs[0].begin.since_epoch_ns())) < 1.01f;
    }
    CHECK(c1_bar);
}

TEST_CASE("hovering the overlap shows a tooltip - clicking selects the belief everywhere") {
    Headless h;
    const TimeRange overlap = h.model().violations()[0].ranges[0];
    const float x = (h.x_of(overlap.begin_ns) + h.x_of(overlap.end_ns)) / 2;
    const float y = h.track_mid(1, client_belief_track);
    h.move_to(x, y);
    h.frame();
    h.frame();
    const uint32_t c2_acquired = find_event(h.model().trace(), "c2", "acquired");
    CHECK(h.app().pane(0).hover.kind == HitKind::overlay);
    CHECK(h.app().pane(0).hover.event == c2_acquired);
    CHECK(tooltip_open());
    h.click_at(x, y);
    CHECK(h.app().selection.event == c2_acquired);
    CHECK(h.app().selection.origin == SelectOrigin::timeline);
    h.frame();
    CHECK(h.app().log_seen_serial == h.app().selection.serial); // the log scrolled to it
}

TEST_CASE("the wheel zooms around the pointer smoothly") {
    Headless h;
    const float x = 700, y = h.track_mid(0, client_belief_track);
    h.move_to(x, y);
    h.frame();
    const double span = h.app().view.span_ns();
    const double anchor = h.app().view.time_at(x);
    ImGui::GetIO().MouseWheel = 2;
    h.frame();
    ImGui::GetIO().MouseWheel = 0;
    CHECK(h.app().zoom.busy());
    for (int i = 0; i < 120 && h.app().zoom.busy(); ++i) {
        h.frame();
    }
    CHECK(h.app().view.span_ns() == Approx(span / std::exp2(2 * ZoomAnimator::notch_log2)));
    CHECK(h.app().view.time_at(x) == Approx(anchor));
}

TEST_CASE("dragging pans the timeline and selects nothing") {
    Headless h;
    float x = 600;
    const float y = h.track_mid(2, 0);
    h.move_to(x, y);
    h.frame();
    const double begin = h.app().view.begin_ns();
    const double px_per_ns = h.app().view.px_per_ns();
    ImGui::GetIO().MouseDown[0] = true;
    h.frame();
    for (int i = 0; i < 3; ++i) {
        x += 10;
        h.move_to(x, y);
        h.frame();
    }
    ImGui::GetIO().MouseDown[0] = false;
    h.frame();
    CHECK(h.app().view.begin_ns() == Approx(begin - 30 / px_per_ns));
    CHECK_FALSE(h.app().selection.event.has_value());
}

TEST_CASE("clicking a log row selects the event and brings it into the timeline") {
    Headless h;
    h.app().set_filter(0, "storage write_accepted");
    h.app().view.show(0, 1e9); // the writes are out of view
    h.frame();
    const ImGuiWindow* rows = nullptr;
    for (const ImGuiWindow* w : GImGui->Windows) {
        if (std::string_view(w->Name).find("##rows") != std::string_view::npos) {
            rows = w;
        }
    }
    REQUIRE(rows != nullptr);
    const float line = ImGui::GetTextLineHeightWithSpacing();
    h.click_at(rows->Pos.x + 60, rows->Pos.y + line * 1.5f); // the second row
    const uint32_t write = find_event(h.model().trace(), "storage", "write_accepted", 1);
    CHECK(h.app().selection.event == write);
    CHECK(h.app().selection.origin == SelectOrigin::log);
    const double t = static_cast<double>(h.model().event_time_ns(write));
    CHECK(h.app().view.begin_ns() <= t);
    CHECK(h.app().view.end_ns() >= t);
}

TEST_CASE("a run of 100000 events draws within the 16-bit vertex budget at every zoom") {
    const RunData run =
        run_scenario_for_gui(scenario_run(source_path("tests/gui/bench-100k.yaml")));
    REQUIRE(run.ok);
    REQUIRE(run.trace->size() > 100'000);
    Headless h(run);
    h.move_to(700, 300);
    const double end = static_cast<double>(h.model().end_ns());
    for (double span = end; span > 1e4; span /= 8) {
        for (double begin : {0.0, end / 3, end - span}) {
            h.app().view.show(begin, begin + span);
            h.frame();
            const ImDrawData* data = ImGui::GetDrawData();
            for (int i = 0; i < data->CmdListsCount; ++i) {
                CHECK(data->CmdLists[i]->VtxBuffer.Size < 65536);
            }
        }
    }
    h.app().jump_to_violation();
    h.frame();
    CHECK(h.app().pane(0).model->lanes()[0].name == "c-1"); // the story's clients come first
}
