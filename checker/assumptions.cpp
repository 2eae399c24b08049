#include "checker/assumptions.hpp"

#include <optional>

namespace lockstep {
namespace {

std::string node(const Trace& trace, NodeId id) {
    return std::string(trace.node_name(id));
}

bool is_model(const Trace& trace, const TraceEvent& e, std::string_view name) {
    return e.kind == TraceKind::model && trace.event_name(e) == name;
}

// The instant the client started the acquisition that led to belief `b`.
Time acquisition_begin(const Facts& facts, const Belief& b) {
    for (const Wait& w : facts.waits) {
        if (w.client == b.client && w.begin <= b.begin && w.end >= b.begin) {
            return w.begin;
        }
    }
    return b.begin;
}

// The first grant to `b`'s client in the acquisition that led to `b`: its lease runs from there.
const TraceEvent* first_grant(const Trace& trace, const Facts& facts, const Belief& b) {
    const Time since = acquisition_begin(facts, b);
    const TraceEvent* found = nullptr;
    for (size_t i = b.begin_event; i-- > 0;) {
        const TraceEvent& e = trace.events()[i];
        if (e.time < since) {
            break;
        }
        if (is_model(trace, e, "lock_granted") &&
            trace.text_field(e, "holder") == trace.node_name(b.client)) {
            found = &e;
        }
    }
    return found;
}

std::optional<Duration> lease_of(const Trace& trace, const Facts& facts, const Belief& b) {
    const TraceEvent* grant = first_grant(trace, facts, b);
    const int64_t ttl_ns = grant == nullptr ? -1 : trace.integer(*grant, "ttl_ns", -1);
    return ttl_ns > 0 ? std::optional(Duration::ns(ttl_ns)) : std::nullopt;
}

struct Reason {
    std::string text;
    bool breaks = false; // the assumption is broken outright, not merely strained
};

// The lease `b`'s client held at instant `t`: per server, its last grant or extension before
// `t` plus the TTL it set (a renewed lease ends later than the first grant says); of several
// servers (Redlock), the earliest to run out.
struct Lease {
    Time end;
    Duration ttl;
};
std::optional<Lease> lease_at(const Trace& trace, const Facts& facts, const Belief& b, Time t) {
    const TraceEvent* grant = first_grant(trace, facts, b);
    if (grant == nullptr) {
        return std::nullopt;
    }
    std::vector<std::optional<Lease>> per_server(trace.node_names().size());
    for (size_t i = size_t(grant - trace.events().data()); i < trace.size(); ++i) {
        const TraceEvent& e = trace.events()[i];
        if (e.time > t) {
            break;
        }
        const bool sets_lease =
            is_model(trace, e, "lock_granted") || is_model(trace, e, "lock_extended");
        const int64_t ttl_ns = trace.integer(e, "ttl_ns", -1);
        if (sets_lease && ttl_ns > 0 && e.node < per_server.size() &&
            trace.text_field(e, "holder") == trace.node_name(b.client)) {
            per_server[e.node] = Lease{e.time + Duration::ns(ttl_ns), Duration::ns(ttl_ns)};
        }
    }
    std::optional<Lease> earliest;
    for (const std::optional<Lease>& l : per_server) {
        if (l && (!earliest || l->end < earliest->end)) {
            earliest = l;
        }
    }
    return earliest;
}

// One pause of the believer, while acquiring (KL-5) or while holding (KL-1); broken when it is
// at least the lease, or when it spans the end of the lease the client then held.
Reason one_pause_reason(const Trace& trace, const Facts& facts, const Belief& b,
                        const Interval& p) {
    const Duration length = p.end - p.begin;
    const std::optional<Duration> lease = lease_of(trace, facts, b);
    Reason r;
    r.text = node(trace, b.client) + " paused for " + format_duration_short(length) +
             (p.begin >= b.begin ? " while holding the lock" : " while acquiring the lock");
    const std::optional<Lease> held = lease_at(trace, facts, b, p.begin);
    if (lease && length >= *lease) {
        r.breaks = true;
        r.text += ", longer than its " + format_duration_short(*lease) +
                  " lease: the lock assumes pauses shorter than the TTL";
    } else if (held && p.begin < held->end && p.end > held->end) {
        // Shorter than the lease, but across its end: nobody was awake to notice it ran out.
        r.breaks = true;
        r.text += ", through the end of its " + format_duration_short(held->ttl) +
                  " lease: the lock assumes a holder is not paused when its lease runs out";
    }
    return r;
}

// The believer's pauses: the first that breaks an assumption, else the first at all (a client
// may pause more than once, and a harmless short pause must not hide the one that mattered).
Reason pause_reason(const Trace& trace, const Facts& facts, const Belief& b) {
    const Time window_begin = acquisition_begin(facts, b);
    Reason first;
    for (const Interval& p : facts.pauses) {
        if (p.node != b.client || p.end <= window_begin || p.begin >= b.end) {
            continue;
        }
        Reason r = one_pause_reason(trace, facts, b, p);
        if (r.breaks) {
            return r;
        }
        if (first.text.empty()) {
            first = std::move(r);
        }
    }
    return first;
}

// Whether `server` granted the lock to `a`'s client in the acquisition that led to `a`.
bool granted_by(const Trace& trace, const Facts& facts, const Belief& a, NodeId server) {
    const Time since = acquisition_begin(facts, a);
    for (size_t i = a.begin_event; i-- > 0;) {
        const TraceEvent& e = trace.events()[i];
        if (e.time < since) {
            break;
        }
        if (e.node == server && is_model(trace, e, "lock_granted") &&
            trace.text_field(e, "holder") == trace.node_name(a.client)) {
            return true;
        }
    }
    return false;
}

// The first `name` event between the two beliefs' beginnings whose node then held no key, on a
// lock server: "restarted" (a crash without persistence) or "promoted" (a failover). With
// `granted`, only a server that had granted `a`'s lock counts.
const TraceEvent* server_without_keys(const Trace& trace, const Facts& facts, const Belief& a,
                                      const Belief& b, std::string_view name, bool granted) {
    for (size_t i = a.begin_event; i < b.begin_event; ++i) {
        const TraceEvent& e = trace.events()[i];
        if (is_model(trace, e, name) && e.node < facts.is_lock_server.size() &&
            facts.is_lock_server[e.node] && trace.integer(e, "keys", -1) == 0 &&
            (!granted || granted_by(trace, facts, a, e.node))) {
            return &e;
        }
    }
    return nullptr;
}

// A lock server crashed after granting `a` and came back without any lock (RD-8).
Reason restart_reason(const Trace& trace, const Facts& facts, const Belief& a, const Belief& b) {
    const TraceEvent* e = server_without_keys(trace, facts, a, b, "restarted", true);
    if (e == nullptr) {
        return {};
    }
    return {node(trace, e->node) + " restarted at " + format_time_short(e->time) +
                " without the lock it had granted " + node(trace, a.client) +
                ": the lock assumes its server keeps granted locks across a crash (persistence)",
            true};
}

// The primary failed over to a replica that had not received `a`'s lock (KL-4, RD-7).
Reason failover_reason(const Trace& trace, const Facts& facts, const Belief& a, const Belief& b) {
    // The promoted replica never granted anything itself: any replica that comes up empty counts.
    const TraceEvent* e = server_without_keys(trace, facts, a, b, "promoted", false);
    if (e == nullptr) {
        return {};
    }
    return {node(trace, e->node) + " was promoted to primary at " + format_time_short(e->time) +
                " without " + node(trace, a.client) +
                "'s lock: the lock assumes a failover keeps what the old primary granted, but "
                "replication is asynchronous",
            true};
}

// A wall-clock step between the two beliefs' beginnings. Broken when a lock server's clock
// jumped forward (its keys expire early); a step elsewhere, or backwards, is only strained.
Reason clock_step_reason(const Trace& trace, const Facts& facts, const Belief& a, const Belief& b) {
    Reason first;
    for (size_t i = a.begin_event; i < b.begin_event; ++i) {
        const TraceEvent& e = trace.events()[i];
        if (e.kind != TraceKind::clock_step) {
            continue;
        }
        const Duration by = Duration::ns(trace.integer(e, "by_ns", 0));
        const bool slew = trace.has(e, "slew_ppm");
        Reason r{node(trace, e.node) + "'s wall clock " + (slew ? "slewed by " : "jumped by ") +
                     format_duration_short(by) + ": the lock assumes bounded clock error",
                 !slew && by > Duration::zero() && e.node < facts.is_lock_server.size() &&
                     facts.is_lock_server[e.node]};
        if (r.breaks) {
            return r;
        }
        if (first.text.empty()) {
            first = std::move(r);
        }
    }
    return first;
}

// The older holder kept working past its lease with no pause, no fault and no renewal: the
// critical section outlasted the TTL.
Reason hold_reason(const Trace& trace, const Facts& facts, const Belief& a, const Belief& b) {
    const TraceEvent* grant = first_grant(trace, facts, a);
    const std::optional<Duration> lease = lease_of(trace, facts, a);
    if (grant == nullptr || !lease || b.begin - grant->time < *lease) {
        return {};
    }
    for (size_t i = a.begin_event; i < b.begin_event; ++i) {
        const TraceEvent& e = trace.events()[i];
        if (is_model(trace, e, "lock_extended") &&
            trace.text_field(e, "holder") == trace.node_name(a.client)) {
            return {}; // renewed: the lease it worked under was not the first one
        }
    }
    return {node(trace, a.client) + " still believed it held the lock " +
                format_duration_short(b.begin - grant->time) + " after its " +
                format_duration_short(*lease) +
                " lease began, without renewing it: the lock assumes the critical section "
                "ends within the TTL",
            true};
}

// The client learned of its grant only after the lease the grant started had run out.
Reason delay_reason(const Trace& trace, const Facts& facts, const Belief& b) {
    const TraceEvent* grant = first_grant(trace, facts, b);
    const std::optional<Duration> lease = lease_of(trace, facts, b);
    if (grant == nullptr || !lease || b.begin - grant->time < *lease) {
        return {};
    }
    return {node(trace, b.client) + " learned of its lock " +
                format_duration_short(b.begin - grant->time) + " after " +
                node(trace, grant->node) + " granted it, longer than its " +
                format_duration_short(*lease) +
                " lease: the lock assumes messages arrive well within the TTL",
            true};
}

// The lock servers on another side of a partition than `client` ("c1 redis|c2 storage": the
// trace's groups field), or none when the client is on no side.
std::vector<NodeId> servers_cut_off(const Trace& trace, const Facts& facts, std::string_view groups,
                                    NodeId client) {
    std::vector<std::vector<NodeId>> sides(1);
    size_t client_side = SIZE_MAX;
    size_t start = 0;
    while (start <= groups.size()) {
        const size_t end = std::min(groups.find_first_of(" |", start), groups.size());
        const NodeId n = trace.find_node(groups.substr(start, end - start));
        client_side = n == client ? sides.size() - 1 : client_side;
        if (n != no_node) {
            sides.back().push_back(n);
        }
        if (end < groups.size() && groups[end] == '|') {
            sides.emplace_back();
        }
        start = end + 1;
    }
    std::vector<NodeId> out;
    for (size_t s = 0; s < sides.size() && client_side != SIZE_MAX; ++s) {
        for (NodeId n : sides[s]) {
            if (s != client_side && n < facts.is_lock_server.size() && facts.is_lock_server[n]) {
                out.push_back(n);
            }
        }
    }
    return out;
}

size_t lock_server_count(const Facts& facts) {
    size_t n = 0;
    for (bool server : facts.is_lock_server) {
        n += server ? 1 : 0;
    }
    return n;
}

// A partition, still active when `b` was granted, cut the older holder off from a majority of
// the lock servers: the service moved on without it (a minority cut, as Redlock's setup for a
// drift case, is not this).
Reason partition_reason(const Trace& trace, const Facts& facts, const Belief& a, const Belief& b) {
    for (size_t i = 0; i < b.begin_event; ++i) {
        const TraceEvent& e = trace.events()[i];
        if (e.kind != TraceKind::partition) {
            continue;
        }
        const int64_t rule = trace.integer(e, "rule", -1);
        bool healed = false;
        for (size_t j = i + 1; j < b.begin_event && !healed; ++j) {
            const TraceEvent& h = trace.events()[j];
            const int64_t healed_rule = trace.integer(h, "rule", -1);
            healed = h.kind == TraceKind::heal && (healed_rule == 0 || healed_rule == rule);
        }
        const std::vector<NodeId> cut =
            servers_cut_off(trace, facts, trace.text_field(e, "groups"), a.client);
        if (healed || cut.empty() || 2 * cut.size() <= lock_server_count(facts)) {
            continue;
        }
        std::string names;
        for (NodeId n : cut) {
            names += (names.empty() ? "" : ", ") + node(trace, n);
        }
        return {"a partition at " + format_time_short(e.time) + " cut " + node(trace, a.client) +
                    " off from " + names +
                    ": the lock assumes a holder hears that its lease ended before anyone "
                    "else gets the lock",
                true};
    }
    return {};
}

// The drift allowance Redlock subtracted from the validity of `b`'s acquisition, if any.
std::optional<Duration> drift_allowance(const Trace& trace, const Belief& b) {
    for (size_t i = b.begin_event; i-- > 0;) {
        const TraceEvent& e = trace.events()[i];
        if (e.node == b.client && is_model(trace, e, "redlock_decided") &&
            trace.has(e, "drift_allowance_ns")) {
            return Duration::ns(trace.integer(e, "drift_allowance_ns", 0));
        }
    }
    return std::nullopt;
}

// The fastest-drifting clock before the overlap, if any drifts at all; broken when it shortens
// the lease by more than the drift allowance the lock computed (RD-5).
Reason drift_reason(const Trace& trace, const Facts& facts, const Belief& a, const Belief& b) {
    int64_t worst_ppm = 0;
    NodeId worst = no_node;
    for (size_t i = 0; i < b.begin_event; ++i) {
        const TraceEvent& e = trace.events()[i];
        const int64_t ppm = e.kind == TraceKind::clock_rate ? trace.integer(e, "drift_ppm", 0) : 0;
        if (ppm != 0 && (ppm < 0 ? -ppm : ppm) > (worst_ppm < 0 ? -worst_ppm : worst_ppm)) {
            worst_ppm = ppm;
            worst = e.node;
        }
    }
    if (worst == no_node) {
        return {};
    }
    const std::string rate =
        node(trace, worst) + "'s clock runs " + std::to_string(worst_ppm) + " ppm off true time";
    const std::optional<Duration> lease = lease_of(trace, facts, a);
    const std::optional<Duration> allowance = drift_allowance(trace, a);
    if (!lease || !allowance) {
        return {rate + ": the lock assumes clocks drift less than its allowance", false};
    }
    const Duration early = *lease * (worst_ppm < 0 ? -worst_ppm : worst_ppm) / 1'000'000;
    return {rate + ", so a " + format_duration_short(*lease) + " lease can end " +
                format_duration_short(early) + " early, against a drift allowance of " +
                format_duration_short(*allowance) +
                ": the lock assumes clocks drift less than its allowance",
            early > *allowance};
}

} // namespace

namespace {

using Find = Reason (*)(const Trace&, const Facts&, const Belief&, const Belief&);
using FindFor = Reason (*)(const Trace&, const Facts&, const Belief&);

// A reason about one believer, asked of the older belief or of the newer one.
template <FindFor find>
Reason of_older(const Trace& trace, const Facts& facts, const Belief& a, const Belief&) {
    return find(trace, facts, a);
}
template <FindFor find>
Reason of_newer(const Trace& trace, const Facts& facts, const Belief&, const Belief& b) {
    return find(trace, facts, b);
}

} // namespace

std::string explain_overlap(const Trace& trace, const Facts& facts, const Belief& a,
                            const Belief& b) {
    // Broken assumptions first, in the order a reader would look for them; then the strained
    // ones (a drifting clock, a pause shorter than the lease) when nothing is broken outright.
    // Evaluated lazily: a sweep explains every violating seed, and the first broken one ends it.
    static constexpr Find finders[] = {
        of_older<pause_reason>, of_newer<pause_reason>,
        restart_reason,         failover_reason,
        clock_step_reason,      of_older<delay_reason>,
        of_newer<delay_reason>, drift_reason,
        partition_reason,       hold_reason,
    };
    std::string strained;
    for (const Find find : finders) {
        Reason r = find(trace, facts, a, b);
        if (r.breaks) {
            return std::move(r.text);
        }
        if (strained.empty()) {
            strained = std::move(r.text);
        }
    }
    return strained;
}

namespace {

std::string fencing_of(const Trace& trace, const Write& w) {
    return std::string(trace.text_field(trace.events()[w.event], "fencing"));
}

// A lock server that came back from a crash with its token counter below `token` before the
// second of the two tenures began: it hands `token` out again.
const TraceEvent* counter_reset(const Trace& trace, const Write& newer, int64_t token) {
    for (size_t i = 0; i < newer.event; ++i) {
        const TraceEvent& e = trace.events()[i];
        if (is_model(trace, e, "restarted") && trace.integer(e, "counter", INT64_MAX) < token) {
            return &e;
        }
    }
    return nullptr;
}

} // namespace

std::string explain_stale_write(const Trace& trace, const Write& stale, const Write& newer) {
    const std::string fencing = fencing_of(trace, stale);
    if (fencing == "none") {
        return "the storage checks no fencing token (resource fencing: none), so nothing stops a "
               "write from an ended tenure";
    }
    if (fencing == "cas" && stale.token >= 0 && stale.token < newer.token) {
        // AZ-1's limit: the read registers the token, and a late read registers an old one.
        for (size_t i = newer.event; i < stale.event; ++i) {
            const TraceEvent& e = trace.events()[i];
            if (is_model(trace, e, "resource_read") &&
                trace.text_field(e, "client") == trace.node_name(stale.client)) {
                return node(trace, stale.client) + " read at " + format_time_short(e.time) +
                       ", after " + node(trace, newer.client) +
                       "'s write, and so registered its "
                       "old token " +
                       std::to_string(stale.token) +
                       " again: compare-and-set fencing assumes a holder registers its token "
                       "before it is superseded";
            }
        }
        return {};
    }
    if (stale.token < 0 || stale.token != newer.token) {
        return {};
    }
    const std::string token = std::to_string(stale.token);
    if (const TraceEvent* reset = counter_reset(trace, newer, stale.token)) {
        return node(trace, reset->node) + " restarted at " + format_time_short(reset->time) +
               " with its token counter at " + std::to_string(trace.integer(*reset, "counter", 0)) +
               " and handed out token " + token +
               " twice: fencing assumes tokens never repeat (persistence)";
    }
    return "both tenures carried token " + token +
           ": fencing assumes every tenure gets a larger token";
}

std::string explain_lost_update(const Trace& trace, const Write& lost) {
    // The writer's last read before its write, and the accepted write that slipped in between.
    size_t read = SIZE_MAX;
    for (size_t i = lost.event; i-- > 0;) {
        const TraceEvent& e = trace.events()[i];
        if (is_model(trace, e, "resource_read") &&
            trace.text_field(e, "client") == trace.node_name(lost.client)) {
            read = i;
            break;
        }
    }
    const TraceEvent* between = nullptr;
    for (size_t i = read == SIZE_MAX ? lost.event : read + 1; i < lost.event; ++i) {
        const TraceEvent& e = trace.events()[i];
        if (is_model(trace, e, "write_accepted")) {
            between = &e;
        }
    }
    if (read == SIZE_MAX || between == nullptr) {
        return {};
    }
    const std::string story = std::string(trace.text_field(*between, "client")) + "'s write at " +
                              format_time_short(between->time) + " landed between " +
                              node(trace, lost.client) + "'s read at " +
                              format_time_short(trace.events()[read].time) + " and its write";
    const std::string fencing = fencing_of(trace, lost);
    if (fencing == "token") {
        return story + ": token fencing checks each write, not the read it was computed from "
                       "(compare-and-set fencing, `resource: { fencing: cas }`, does)";
    }
    if (fencing == "none") {
        return story + ": the storage checks no fencing token (resource fencing: none)";
    }
    return story;
}

std::string explain_deadlock(const Trace& trace) {
    // Per server, the grant that nothing ended since (no release, no expiry there); the latest
    // such grant made with no TTL is the lock nobody can take.
    std::vector<size_t> open_grant(trace.node_names().size(), SIZE_MAX);
    for (size_t i = 0; i < trace.size(); ++i) {
        const TraceEvent& e = trace.events()[i];
        if (e.node >= open_grant.size()) {
            continue;
        }
        if (is_model(trace, e, "lock_granted")) {
            open_grant[e.node] = i;
        } else if (is_model(trace, e, "lock_released") || is_model(trace, e, "lock_expired")) {
            open_grant[e.node] = SIZE_MAX;
        }
    }
    size_t grant = SIZE_MAX;
    for (size_t g : open_grant) {
        if (g != SIZE_MAX && trace.integer(trace.events()[g], "ttl_ns", -1) <= 0 &&
            (grant == SIZE_MAX || g > grant)) {
            grant = g;
        }
    }
    if (grant == SIZE_MAX) {
        return {};
    }
    const TraceEvent& g = trace.events()[grant];
    const std::string holder(trace.text_field(g, "holder"));
    const NodeId holder_id = trace.find_node(holder);
    bool learned = false;
    for (size_t i = grant + 1; i < trace.size(); ++i) {
        const TraceEvent& e = trace.events()[i];
        learned = learned || (e.node == holder_id && is_model(trace, e, "acquired"));
        if (e.node == holder_id && e.kind == TraceKind::crash) {
            return holder + " crashed at " + format_time_short(e.time) + " holding a lock " +
                   node(trace, g.node) +
                   " granted with no TTL: the lock assumes its holders never crash (a TTL frees "
                   "it)";
        }
    }
    if (!learned) {
        return node(trace, g.node) + " granted the lock to " + holder + " at " +
               format_time_short(g.time) + " with no TTL, and " + holder +
               " never learned it had it: the lock assumes every reply arrives (a TTL frees it)";
    }
    return {};
}

} // namespace lockstep
