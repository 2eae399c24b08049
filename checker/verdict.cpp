#include "checker/verdict.hpp"

namespace lockstep {

std::string_view verdict_name(Verdict v) {
    switch (v) {
    case Verdict::holds: return "holds";
    case Verdict::violated: return "violated";
    case Verdict::inconclusive: return "inconclusive";
    }
    return "?";
}

bool parse_verdict(std::string_view text, Verdict& out) {
    for (Verdict v : {Verdict::holds, Verdict::violated, Verdict::inconclusive}) {
        if (verdict_name(v) == text) {
            out = v;
            return true;
        }
    }
    return false;
}

const std::vector<std::string_view>& property_names() {
    static const std::vector<std::string_view> names = {
        property_mutual_exclusion, property_resource_safety, property_deadlock_free,
        property_starvation_free};
    return names;
}

const std::vector<std::string_view>& mark_names() {
    static const std::vector<std::string_view> names = {
        "lock_acquired",              // some client acquired the lock
        "lock_changed_hands",         // two different clients held it in turn
        "lease_expired",              // a server expired a lock
        "lease_expired_while_paused", // ... while its holder was paused
        "holder_paused",              // a client was paused while it believed it held the lock
        "stale_write_accepted",       // the resource accepted a write from an ended tenure
        "stale_write_rejected",       // fencing rejected a write
        "foreign_lock_deleted",       // an unsafe release deleted another client's lock
        "release_refused",            // a safe release found someone else's lock and left it
        "acquire_contended",          // an attempt found the lock busy
        "acquire_gave_up",            // a client gave up acquiring
        "clock_stepped",              // a wall clock jumped
        "server_crashed",             // a lock server crashed
        "server_restarted_empty",     // a lock server restarted without the lock
        "renewed",                    // a watchdog renewal succeeded
        "renew_failed",
        "request_timed_out", // a resource request got no answer in time
        "message_dropped",
    };
    return names;
}

std::string count_noun(uint64_t n, std::string_view singular, std::string_view plural) {
    return std::to_string(n) + " " + std::string(n == 1 ? singular : plural);
}

} // namespace lockstep
