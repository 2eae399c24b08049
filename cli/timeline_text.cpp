#include "cli/timeline_text.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "sim/time.hpp"

namespace lockstep {
namespace {

// Whole milliseconds in a fixed column: "30.001s".
std::string clock_text(Time t) {
    // Rounded like the verdict's times, so both name the same millisecond.
    const int64_t ns = t.since_epoch_ns();
    const int64_t ms = (ns >= 0 ? ns + 500'000 : ns - 500'000) / 1'000'000;
    const int64_t whole = ms / 1000;
    const int64_t frac = ms % 1000;
    return fmt::format("{}{}.{:03}s", ms < 0 ? "-" : "", whole < 0 ? -whole : whole,
                       frac < 0 ? -frac : frac);
}

std::string token_text(int64_t token) {
    return token < 0 ? "no token" : "token " + std::to_string(token);
}

std::string text(const Trace& t, const TraceEvent& e, std::string_view key) {
    return std::string(t.text_field(e, key));
}

std::string generic(const Trace& t, const TraceEvent& e) {
    std::string out(t.event_name(e));
    for (const TraceField* f = t.fields_begin(e); f != t.fields_end(e); ++f) {
        out += " " + std::string(t.text(f->key)) + "=";
        out += f->value.type == FieldValue::Type::text
                   ? std::string(t.text(static_cast<uint32_t>(f->value.number)))
               : f->value.type == FieldValue::Type::boolean
                   ? (f->value.number != 0 ? "true" : "false")
                   : std::to_string(f->value.number);
    }
    return out;
}

std::string describe_client(const Trace& t, const TraceEvent& e, std::string_view name,
                            bool verbose) {
    if (name == "acquire_start") {
        return "tries to acquire the lock (cycle " + std::to_string(t.integer(e, "cycle", 0)) + ")";
    }
    if (name == "acquired") {
        std::string out = "ACQUIRED the lock, " + token_text(t.integer(e, "token", -1));
        const int64_t validity = t.integer(e, "validity_ns", -1);
        if (validity >= 0) {
            out += ", valid for " + format_duration_short(Duration::ns(validity)) + " by its clock";
        }
        return out;
    }
    if (name == "acquire_attempt_failed") {
        return verbose ? "attempt " + std::to_string(t.integer(e, "attempt", 0)) +
                             " failed: " + text(t, e, "reason")
                       : "";
    }
    if (name == "acquire_gave_up") {
        return "gave up acquiring: " + text(t, e, "reason");
    }
    if (name == "belief_end") {
        const std::string reason = text(t, e, "reason");
        return reason == "released" ? "" : "no longer believes it holds the lock: " + reason;
    }
    if (name == "release") {
        return t.integer(e, "safe", 1) != 0 ? "releases the lock"
                                            : "releases the lock unconditionally (a plain DEL)";
    }
    if (name == "renewed") {
        return "watchdog renewed the lease";
    }
    if (name == "renew_failed") {
        return "watchdog renewal FAILED: " + text(t, e, "reason");
    }
    if (name == "request_timeout") {
        return "no answer from the resource to its " + text(t, e, "phase") + "; moves on";
    }
    if (name == "done") {
        return verbose ? "finished its cycles" : "";
    }
    return "?";
}

std::string describe_server(const Trace& t, const TraceEvent& e, std::string_view name,
                            bool verbose) {
    if (name == "lock_granted") {
        std::string out = "grants the lock to " + text(t, e, "holder");
        const int64_t token = t.integer(e, "token", -1);
        if (token >= 0) {
            out += ", token " + std::to_string(token);
        }
        const int64_t ttl = t.integer(e, "ttl_ns", 0);
        return out + (ttl > 0 ? ", ttl " + format_duration_short(Duration::ns(ttl)) : ", no ttl");
    }
    if (name == "lock_busy") {
        return verbose ? "refuses " + text(t, e, "client") + ": held by " + text(t, e, "holder")
                       : "";
    }
    if (name == "lock_expired") {
        return "lock of " + text(t, e, "holder") + " EXPIRED";
    }
    if (name == "lock_released") {
        return t.integer(e, "foreign", 0) != 0
                   ? text(t, e, "by") + " DELETED " + text(t, e, "holder") + "'s lock (plain DEL)"
                   : "released by " + text(t, e, "holder");
    }
    if (name == "lock_release_refused") {
        return "refuses " + text(t, e, "by") + "'s release: the lock is " + text(t, e, "holder") +
               "'s";
    }
    if (name == "lock_extended") {
        return "extends " + text(t, e, "holder") + "'s lock to " +
               format_duration_short(Duration::ns(t.integer(e, "ttl_ns", 0)));
    }
    if (name == "restarted") {
        return "recovered " + std::to_string(t.integer(e, "keys", 0)) + " key(s) from disk";
    }
    if (name == "loss_begin") {
        const std::string percent = loss_percent(t, e);
        const std::string chance = percent.empty() ? "every message" : percent + " of messages";
        return "network LOSES " + chance + " from " + link_end(t, e.node) + " to " +
               link_end(t, e.peer) + " for " +
               format_duration_short(Duration::ns(t.integer(e, "for_ns", 0)));
    }
    if (name == "loss_end") {
        return "message loss window ends";
    }
    if (name == "delay_armed") {
        return "network delay armed: the next " + std::to_string(t.integer(e, "count", 1)) +
               " message(s) to " + link_end(t, e.peer) + " take " +
               format_duration_short(Duration::ns(t.integer(e, "latency_ns", 0)));
    }
    return "?";
}

std::string describe_redlock(const Trace& t, const TraceEvent& e, std::string_view name) {
    if (name != "redlock_decided" && name != "redlock_extend_decided") {
        return "?";
    }
    const bool extend = name == "redlock_extend_decided";
    const int64_t granted = t.integer(e, "granted", 0);
    const int64_t quorum = t.integer(e, "quorum", 0);
    const int64_t validity = t.integer(e, "validity_ns", 0);
    std::string out = std::string(extend ? "Redlock extension: " : "Redlock: ") +
                      std::to_string(granted) + " node(s) said OK (majority " +
                      std::to_string(quorum) + ") in " +
                      format_duration_short(Duration::ns(t.integer(e, "elapsed_ns", 0))) +
                      ", validity left " + format_duration_short(Duration::ns(validity));
    if (!extend) {
        out += t.integer(e, "ok", 0) != 0 ? " -> takes the lock"
               : granted >= quorum        ? " -> too late, unlocks all"
                                          : " -> no majority, unlocks all";
    }
    return out;
}

std::string describe_replication(const Trace& t, const TraceEvent& e, std::string_view name) {
    if (name == "primary_down") {
        return "sees primary " + text(t, e, "node") + " DOWN";
    }
    if (name == "failover") {
        return "FAILOVER: promotes " + text(t, e, "new") + " in place of " + text(t, e, "old");
    }
    if (name == "promoted") {
        return "becomes primary with " + std::to_string(t.integer(e, "keys", 0)) + " key(s)";
    }
    if (name == "demoted") {
        return "demoted to replica of " + text(t, e, "primary") + ", discards " +
               std::to_string(t.integer(e, "keys_discarded", 0)) + " key(s)";
    }
    if (name == "replica_of") {
        return "now replicates " + text(t, e, "primary");
    }
    if (name == "full_sync") {
        return "full sync from " + text(t, e, "primary") + " (" +
               std::to_string(t.integer(e, "keys", 0)) + " key(s))";
    }
    return "?";
}

// etcd, ZooKeeper and their replicated log: the events a reader follows; the rest stay generic.
std::string describe_consensus(const Trace& t, const TraceEvent& e, std::string_view name,
                               bool verbose) {
    const std::string term = std::to_string(t.integer(e, "term", 0));
    if (name == "leader_elected") {
        return "becomes LEADER (term " + term + ")";
    }
    if (name == "leader_stepped_down") {
        return "steps down as leader (term " + term + ", " + text(t, e, "reason") + ")";
    }
    if (name == "election_started") {
        return verbose ? "starts an election (term " + term + ")" : "";
    }
    if (name == "session_expired") {
        return "EXPIRES " + text(t, e, "client") + "'s session (" +
               std::to_string(t.integer(e, "ephemerals", 0)) + " ephemeral node(s) deleted)";
    }
    if (name == "session_created" || name == "session_closed" || name == "watch_fired" ||
        name == "lease_granted" || name == "lease_promoted") {
        return verbose ? generic(t, e) : "";
    }
    if (name == "lease_revoked") {
        return "revokes lease " + std::to_string(t.integer(e, "lease", 0)) + " (" +
               text(t, e, "reason") + ")";
    }
    if (name == "zk_state") {
        const std::string state = text(t, e, "state");
        if (state == "connected" && !verbose) {
            return "";
        }
        return "connection state: " + (state == "lost" ? std::string("LOST") : state) + " (" +
               text(t, e, "reason") + ")";
    }
    return "?";
}

std::string describe_resource(const Trace& t, const TraceEvent& e, std::string_view name) {
    if (name == "resource_read") {
        return text(t, e, "client") +
               " reads the counter: " + std::to_string(t.integer(e, "value", 0));
    }
    if (name == "write_accepted") {
        return "accepts " + text(t, e, "client") + "'s write " +
               std::to_string(t.integer(e, "previous", 0)) + " -> " +
               std::to_string(t.integer(e, "value", 0)) + " (" +
               token_text(t.integer(e, "token", -1)) + ")";
    }
    if (name == "write_rejected") {
        const std::string why =
            text(t, e, "reason") == "stale_token" ? " < highest " : " != current ";
        return "REJECTS " + text(t, e, "client") +
               "'s write: " + token_text(t.integer(e, "token", -1)) + why +
               std::to_string(t.integer(e, "highest", -1));
    }
    return "?";
}

std::string describe_model(const Trace& t, const TraceEvent& e, const TimelineStyle& style) {
    const std::string_view name = t.event_name(e);
    std::string out = describe_client(t, e, name, style.verbose);
    if (out == "?") {
        out = describe_server(t, e, name, style.verbose);
    }
    if (out == "?") {
        out = describe_resource(t, e, name);
    }
    if (out == "?") {
        out = describe_redlock(t, e, name);
    }
    if (out == "?") {
        out = describe_replication(t, e, name);
    }
    if (out == "?") {
        out = describe_consensus(t, e, name, style.verbose);
    }
    if (name == "replicated") {
        return style.verbose ? generic(t, e) : "";
    }
    return out == "?" ? generic(t, e) : out;
}

} // namespace

std::string link_end(const Trace& trace, NodeId node) {
    return node == no_node ? std::string("any node") : std::string(trace.node_name(node));
}

std::string loss_percent(const Trace& trace, const TraceEvent& loss_begin) {
    const int64_t num = trace.integer(loss_begin, "loss_num", 1);
    const int64_t den = trace.integer(loss_begin, "loss_den", 1);
    return num == den ? std::string() : fmt::format("{:g}%", 100.0 * double(num) / double(den));
}

std::string describe_event(const Trace& t, const TraceEvent& e, const TimelineStyle& style) {
    switch (e.kind) {
    case TraceKind::model: return describe_model(t, e, style);
    case TraceKind::pause_begin:
        if (t.integer(e, "extended", 0) != 0) {
            return "pause EXTENDED: paused for " +
                   format_duration_short(Duration::ns(t.integer(e, "for_ns", 0))) + " more";
        }
        return "PAUSED for " + format_duration_short(Duration::ns(t.integer(e, "for_ns", 0))) +
               " (stop-the-world)";
    case TraceKind::pause_end: return "resumes after its pause";
    case TraceKind::clock_step:
        return "wall clock jumps by " +
               format_duration_short(Duration::ns(t.integer(e, "by_ns", 0)));
    case TraceKind::clock_rate:
        return "clock now drifts " + std::to_string(t.integer(e, "drift_ppm", 0)) + " ppm";
    case TraceKind::crash: return "CRASHES";
    case TraceKind::restart: return "restarts";
    case TraceKind::partition: return "network partition begins";
    case TraceKind::heal: return "network partition heals";
    case TraceKind::point: return style.verbose ? "at point " + std::string(t.event_name(e)) : "";
    case TraceKind::drop:
        return style.verbose || style.messages
                   ? "message " + std::string(t.event_name(e)) + " from " +
                         std::string(t.node_name(e.peer)) + " lost: " + text(t, e, "reason")
                   : "";
    case TraceKind::send:
        return style.messages ? "sends " + std::string(t.event_name(e)) + " to " +
                                    std::string(t.node_name(e.peer))
                              : "";
    case TraceKind::deliver:
        return style.messages ? "receives " + std::string(t.event_name(e)) + " from " +
                                    std::string(t.node_name(e.peer))
                              : "";
    case TraceKind::timer: return "";
    }
    return "";
}

std::string format_timeline(const Trace& trace, const TimelineStyle& style) {
    size_t width = 4;
    for (const std::string& n : trace.node_names()) {
        width = std::max(width, n.size());
    }
    auto paint = [&](const std::string& s, const char* code) {
        return style.color ? fmt::format("\x1b[{}m{}\x1b[0m", code, s) : s;
    };
    std::string out;
    const auto& events = trace.events();
    for (size_t i = 0; i < events.size(); ++i) {
        const TraceEvent& e = events[i];
        std::string what = describe_event(trace, e, style);
        if (what.empty()) {
            continue;
        }
        const bool alarm =
            what.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos &&
            (what.find("EXPIRED") != std::string::npos || what.find("DOWN") != std::string::npos ||
             what.find("FAILOVER") != std::string::npos ||
             what.find("PAUSED") != std::string::npos ||
             what.find("CRASHES") != std::string::npos || what.find("LOSES") != std::string::npos ||
             what.find("DELETED") != std::string::npos || what.find("FAILED") != std::string::npos);
        if (what.rfind("ACQUIRED", 0) == 0) {
            what = paint(what, "32");
        } else if (what.find("REJECTS") != std::string::npos) {
            what = paint(what, "36");
        } else if (alarm) {
            what = paint(what, "33");
        }
        std::string local;
        if (e.node != no_node &&
            (e.local - e.time > Duration::ms(1) || e.time - e.local > Duration::ms(1))) {
            local = "(local " + clock_text(e.local) + ") ";
        }
        const auto note = style.notes.find(i);
        const std::string suffix =
            note == style.notes.end() ? "" : paint("  <- " + note->second, "1;31");
        out += fmt::format("{:>10}  {:<{}}  {}{}{}\n", clock_text(e.time), trace.node_name(e.node),
                           width, local, what, suffix);
    }
    return out;
}

} // namespace lockstep
