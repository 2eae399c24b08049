// The event log of the active run: a filter box and every event that passes it, drawn through
// ImGuiListClipper so a 100,000-line log costs only its visible rows. Selecting a row selects
// the event on the timeline; a selection made elsewhere scrolls the log to its row.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "gui/view.hpp"
#include "gui/view_parts.hpp"

namespace lockstep::gui {
namespace {

void filter_box(AppState& app, size_t pane, RunPane& p) {
    std::string filter = p.log.filter();
    ImGui::SetNextItemWidth(260);
    if (ImGui::InputTextWithHint("##filter", "filter: words that must all appear", &filter)) {
        app.set_filter(pane, filter);
    }
    ImGui::SameLine();
    ImGui::Text("%zu of %zu events", p.log.rows(), p.log.total());
    ImGui::SameLine();
    if (ImGui::SmallButton("clear")) {
        app.set_filter(pane, "");
    }
}

void scroll_to_selection(const AppState& app, const RunPane& p, uint64_t& seen_serial) {
    if (app.selection.serial == seen_serial) {
        return;
    }
    seen_serial = app.selection.serial;
    if (app.selection.origin == SelectOrigin::log || !app.selection.event) {
        return;
    }
    if (const auto row = p.log.row_of(*app.selection.event)) {
        const float line = ImGui::GetTextLineHeightWithSpacing();
        ImGui::SetScrollY(static_cast<float>(*row) * line - ImGui::GetWindowHeight() * 0.4f);
    }
}

void rows(AppState& app, size_t pane, RunPane& p) {
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(p.log.rows()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const uint32_t event = p.log.event_at(static_cast<size_t>(row));
            const bool selected = app.selection.pane == pane && app.selection.event == event;
            std::string line(p.log.line(event));
            // "##" in a label would hide the rest of it from ImGui.
            for (size_t at = line.find("##"); at != std::string::npos; at = line.find("##", at)) {
                line.insert(at + 1, " ");
            }
            ImGui::PushID(row);
            const bool witness = p.model->is_witness(event);
            if (witness) {
                ImGui::PushStyleColor(ImGuiCol_Text, vec4(violation_colour));
            }
            if (ImGui::Selectable(line.c_str(), selected)) {
                app.select(pane, event, SelectOrigin::log);
            }
            if (witness) {
                ImGui::PopStyleColor();
            }
            ImGui::PopID();
        }
    }
}

} // namespace

void draw_log(AppState& app, const Rect& rect) {
    if (!begin_fixed_window(log_window, rect, {6, 4})) {
        end_fixed_window();
        return;
    }
    const size_t pane = app.selection.pane < app.pane_count() ? app.selection.pane : 0;
    if (app.pane_count() == 0 || !app.pane(pane).ok()) {
        ImGui::TextUnformatted("No events.");
        end_fixed_window();
        return;
    }
    RunPane& p = app.pane(pane);
    ImGui::Text("Event log (%s)", pane == 0 ? "A" : "B");
    ImGui::SameLine();
    filter_box(app, pane, p);
    ImGui::BeginChild("##rows", {0, 0}, false, ImGuiWindowFlags_HorizontalScrollbar);
    scroll_to_selection(app, p, app.log_seen_serial);
    rows(app, pane, p);
    ImGui::EndChild();
    end_fixed_window();
}

} // namespace lockstep::gui
