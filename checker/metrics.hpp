#pragma once
#include "checker/report.hpp"
#include "checker/timeline.hpp"

namespace lockstep {

Metrics compute_metrics(const Trace& trace, const Facts& facts, const Report& report);

} // namespace lockstep
