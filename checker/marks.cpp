#include "checker/marks.hpp"

namespace lockstep {
namespace {

bool is_lock_server(const Facts& facts, NodeId node) {
    return node < facts.is_lock_server.size() && facts.is_lock_server[node];
}

void count_model_event(const Trace& trace, const Facts& facts, const TraceEvent& e,
                       std::map<std::string, uint64_t>& marks) {
    const std::string_view name = trace.event_name(e);
    if (name == "lock_expired") {
        ++marks["lease_expired"];
        const NodeId holder = trace.find_node(trace.text_field(e, "holder"));
        if (holder != no_node && paused_at(facts, holder, e.time)) {
            ++marks["lease_expired_while_paused"];
        }
    } else if (name == "write_rejected") {
        ++marks["stale_write_rejected"];
    } else if (name == "lock_released" && trace.integer(e, "foreign", 0) != 0) {
        ++marks["foreign_lock_deleted"];
    } else if (name == "lock_release_refused") {
        ++marks["release_refused"];
    } else if (name == "acquire_attempt_failed" && trace.text_field(e, "reason") != "timeout") {
        ++marks["acquire_contended"];
    } else if (name == "acquire_gave_up") {
        ++marks["acquire_gave_up"];
    } else if (name == "restarted" && trace.integer(e, "keys", 1) == 0) {
        ++marks["server_restarted_empty"];
    } else if (name == "renewed") {
        ++marks["renewed"];
    } else if (name == "renew_failed") {
        ++marks["renew_failed"];
    } else if (name == "request_timeout") {
        ++marks["request_timed_out"];
    }
}

void count_stale_accepted(const Facts& facts, std::map<std::string, uint64_t>& marks) {
    // A write accepted from a tenure older than one already written: the resource-level harm.
    Time newest = Time::zero();
    for (const Write& w : facts.writes) {
        if (!w.accepted) {
            continue;
        }
        Time tenure = Time::never();
        for (const Belief& b : facts.beliefs) {
            if (b.client == w.client && b.cycle == w.cycle) {
                tenure = b.begin;
            }
        }
        if (tenure < newest) {
            ++marks["stale_write_accepted"];
        } else {
            newest = tenure;
        }
    }
}

} // namespace

std::map<std::string, uint64_t> count_marks(const Trace& trace, const Facts& facts) {
    std::map<std::string, uint64_t> marks;
    NodeId last_holder = no_node;
    for (const Belief& b : facts.beliefs) {
        ++marks["lock_acquired"];
        if (last_holder != no_node && last_holder != b.client) {
            ++marks["lock_changed_hands"];
        }
        last_holder = b.client;
    }
    for (const Interval& p : facts.pauses) {
        for (const Belief& b : facts.beliefs) {
            if (b.client == p.node && p.begin >= b.begin && p.begin < b.end) {
                ++marks["holder_paused"];
                break;
            }
        }
    }
    for (const TraceEvent& e : trace.events()) {
        switch (e.kind) {
        case TraceKind::model: count_model_event(trace, facts, e, marks); break;
        case TraceKind::clock_step: ++marks["clock_stepped"]; break;
        case TraceKind::drop: ++marks["message_dropped"]; break;
        case TraceKind::crash:
            if (is_lock_server(facts, e.node)) {
                ++marks["server_crashed"];
            }
            break;
        default: break;
        }
    }
    count_stale_accepted(facts, marks);
    return marks;
}

} // namespace lockstep
