#pragma once
// Each property is a function of the facts of one run: lock-level and resource-level safety are
// reported apart (fencing fixes the second, never the first), and liveness beside them.
#include "checker/report.hpp"
#include "checker/timeline.hpp"

namespace lockstep {

PropertyResult check_mutual_exclusion(const Trace& trace, const Facts& facts);
PropertyResult check_resource_safety(const Trace& trace, const Facts& facts);

// Liveness: a client still waiting when the run ends, while nobody has held the lock for at
// least `stall` (a crashed holder with no TTL blocks everyone for good).
PropertyResult check_deadlock_free(const Trace& trace, const Facts& facts, Duration stall);

// Liveness: no client waits longer than `bound` for the lock while others keep getting it.
PropertyResult check_starvation_free(const Trace& trace, const Facts& facts, Duration bound);

} // namespace lockstep
