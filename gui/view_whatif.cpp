// What-if: change the seed, the resource's fencing and the size of each fault, re-run through
// the CLI's runner, and show the result in place or beside the original for comparison.
#include <cmath>
#include <string>

#include "gui/view.hpp"
#include "gui/view_parts.hpp"

namespace lockstep::gui {
namespace {

void fencing_combo(WhatIf& w, const std::string& as_run) {
    const std::string current = w.fencing == FencingChoice::as_scenario
                                    ? "as run (" + (as_run.empty() ? "?" : as_run) + ")"
                                    : std::string(fencing_choice_name(w.fencing));
    if (!ImGui::BeginCombo("fencing", current.c_str())) {
        return;
    }
    for (FencingChoice c : {FencingChoice::as_scenario, FencingChoice::none, FencingChoice::token,
                            FencingChoice::cas}) {
        if (ImGui::Selectable(std::string(fencing_choice_name(c)).c_str(), w.fencing == c)) {
            w.fencing = c;
        }
    }
    ImGui::EndCombo();
}

// Each fault's size in seconds, from nothing to four times what the scenario says.
void fault_sliders(WhatIf& w) {
    for (FaultKnob& k : w.faults) {
        ImGui::PushID(k.key.c_str());
        ImGui::TextUnformatted(k.label.c_str());
        float seconds = static_cast<float>(static_cast<double>(k.value_ns) / 1e9);
        const float original = static_cast<float>(static_cast<double>(k.original_ns) / 1e9);
        const float limit = std::max(std::abs(original) * 4.0f, 1.0f);
        ImGui::SetNextItemWidth(-1);
        if (ImGui::SliderFloat("##size", &seconds, original < 0 ? -limit : 0.0f, limit, "%.3f s")) {
            // Whole milliseconds: the override is written as a duration in the scenario format.
            k.value_ns =
                static_cast<int64_t>(std::llround(static_cast<double>(seconds) * 1e3)) * 1'000'000;
        }
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("--set %s=...", k.key.c_str());
        }
        ImGui::PopID();
    }
}

} // namespace

void draw_what_if(AppState& app) {
    if (app.can_reload()) {
        ImGui::BeginDisabled(app.running());
        if (ImGui::Button("Reload")) {
            app.request_reload();
        }
        ImGui::EndDisabled();
        return;
    }
    if (!app.can_rerun()) {
        ImGui::TextDisabled("Open a scenario (.yaml) to re-run it with other settings.");
        return;
    }
    WhatIf& w = app.what_if;
    ImGui::SetNextItemWidth(140);
    ImGui::InputScalar("seed", ImGuiDataType_U64, &w.seed);
    ImGui::SetNextItemWidth(180);
    fencing_combo(w, app.pane(0).data.fencing);
    fault_sliders(w);
    ImGui::BeginDisabled(app.running());
    if (ImGui::Button("Re-run")) {
        app.request_rerun(0);
    }
    ImGui::SameLine();
    if (ImGui::Button("Run and compare below")) {
        app.request_rerun(1);
    }
    ImGui::EndDisabled();
    if (app.pane_count() > 1) {
        ImGui::SameLine();
        if (ImGui::Button("Close B")) {
            app.close_comparison();
        }
    }
    if (app.running()) {
        ImGui::TextDisabled("running...");
    }
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("same as: %s", w.command(*app.pane(0).data.settings).c_str());
    ImGui::PopTextWrapPos();
}

void draw_side(AppState& app, const Rect& rect) {
    if (begin_fixed_window(side_window, rect, {8, 6})) {
        draw_details(app);
        if (ImGui::CollapsingHeader("What if", ImGuiTreeNodeFlags_DefaultOpen)) {
            draw_what_if(app);
        }
    }
    end_fixed_window();
}

} // namespace lockstep::gui
