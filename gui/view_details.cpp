// The selection panel: the selected event's fields and its causal neighbours (each a link that
// selects it), and the run's violations with their witnesses and a jump to each.
#include <string>

#include "gui/event_text.hpp"
#include "gui/view_parts.hpp"

namespace lockstep::gui {
namespace {

void fields_table(const Trace& trace, const TraceEvent& e) {
    if (!ImGui::BeginTable("##fields", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
        return;
    }
    for (const auto& [key, value] : event_fields(trace, e)) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", key.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(value.c_str());
    }
    ImGui::EndTable();
}

// A link to another event; clicking selects it (and the timeline and log follow).
void event_link(AppState& app, size_t pane, uint32_t event, const char* prefix) {
    const Trace& trace = app.pane(pane).model->trace();
    const TraceEvent& e = trace.events()[event];
    const std::string label = std::string(prefix) + " " + event_title(trace, e) + " (" +
                              std::string(e.node == no_node ? "-" : trace.node_name(e.node)) +
                              ", " + format_time(e.time) + ")##" + std::to_string(event);
    if (ImGui::SmallButton(label.c_str())) {
        app.select(pane, event, SelectOrigin::program);
    }
}

void selected_event(AppState& app) {
    const size_t pane = app.selection.pane;
    if (pane >= app.pane_count() || !app.pane(pane).ok() || !app.selection.event) {
        ImGui::TextDisabled("Click an item on the timeline or a line of the log.");
        return;
    }
    const TimelineModel& model = *app.pane(pane).model;
    const uint32_t event = *app.selection.event;
    const TraceEvent& e = model.trace().events()[event];
    ImGui::Text("#%u  %s", event, event_title(model.trace(), e).c_str());
    if (model.is_witness(event)) {
        ImGui::SameLine();
        ImGui::TextColored(vec4(violation_colour), "witness");
    }
    fields_table(model.trace(), e);
    const auto neighbours = model.causal().neighbours(event);
    if (!neighbours.empty()) {
        ImGui::Spacing();
        ImGui::TextDisabled("causal neighbours");
    }
    for (const Neighbour& n : neighbours) {
        event_link(app, pane, n.event, std::string(relation_name(n.relation)).c_str());
    }
}

void violations(AppState& app) {
    const size_t pane = app.selection.pane < app.pane_count() ? app.selection.pane : 0;
    if (app.pane_count() == 0 || !app.pane(pane).ok()) {
        return;
    }
    const TimelineModel& model = *app.pane(pane).model;
    if (model.violations().empty()) {
        ImGui::TextColored(vec4({90, 210, 90, 255}), "Every property holds in this run.");
        return;
    }
    for (const ViolationMarker& v : model.violations()) {
        ImGui::PushID(v.property.c_str());
        ImGui::TextColored(vec4(violation_colour), "%s violated", v.property.c_str());
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(v.summary.c_str());
        if (!v.assumption.empty()) {
            ImGui::TextDisabled("because: %s", v.assumption.c_str());
        }
        ImGui::PopTextWrapPos();
        for (uint32_t w : v.witness) {
            event_link(app, pane, w, "witness");
        }
        ImGui::PopID();
    }
}

} // namespace

void draw_details(AppState& app) {
    if (ImGui::CollapsingHeader("Selection", ImGuiTreeNodeFlags_DefaultOpen)) {
        selected_event(app);
    }
    if (ImGui::CollapsingHeader("Violations", ImGuiTreeNodeFlags_DefaultOpen)) {
        violations(app);
    }
}

} // namespace lockstep::gui
