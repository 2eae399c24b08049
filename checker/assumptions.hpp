#pragma once
// Why two clients believed at once: the model assumption the run broke, as the one line a
// verdict prints after "because:". Each lock rests on a few assumptions (DESIGN: "violated,
// because the scenario exceeded assumption X"): pauses shorter than the lease, servers that keep
// their locks across a restart or a failover, bounded clock error, messages faster than the
// lease, a holder that hears its lease ended. The first one the trace shows broken is named.
#include <string>

#include "checker/timeline.hpp"

namespace lockstep {

// `a` began no later than `b` and they overlap. Empty when no assumption explains it.
std::string explain_overlap(const Trace& trace, const Facts& facts, const Belief& a,
                            const Belief& b);

// Why the storage accepted `stale` (from an older tenure) after `newer`: what its fencing
// assumes and the run broke.
std::string explain_stale_write(const Trace& trace, const Write& stale, const Write& newer);

// Why nobody could take the lock while a client waited: a lock granted with no TTL that its
// holder will never release (it crashed, or never learned it had it). Empty otherwise.
std::string explain_deadlock(const Trace& trace);

// Why `lost`, a read-modify-write, overwrote an update it never read.
std::string explain_lost_update(const Trace& trace, const Write& lost);

} // namespace lockstep
