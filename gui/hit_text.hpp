#pragma once
// What a tooltip says about whatever the pointer is on, in words: the bar's meaning and extent,
// the mark's event, the message's journey.
#include <string>

#include "gui/hit_test.hpp"

namespace lockstep::gui {

std::string describe_hit(const TimelineModel& model, const Hit& hit);

} // namespace lockstep::gui
