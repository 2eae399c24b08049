// Hover tooltips: the words come from describe_hit (gui/hit_text.hpp).
#include "gui/hit_text.hpp"
#include "gui/view_parts.hpp"

namespace lockstep::gui {

void hit_tooltip(const TimelineModel& model, const Hit& hit) {
    const std::string text = describe_hit(model, hit);
    if (text.empty()) {
        return;
    }
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40);
    if (model.is_witness(hit.event)) {
        ImGui::TextColored(vec4(violation_colour), "witness of a violation");
    }
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

} // namespace lockstep::gui
