#include "checker/explore_monitor.hpp"

#include <algorithm>
#include <cassert>

#include "checker/verdict.hpp"

namespace lockstep {

std::string_view monitored_property_name(MonitoredProperty p) {
    switch (p) {
    case MonitoredProperty::mutual_exclusion: return property_mutual_exclusion;
    case MonitoredProperty::resource_safety: return property_resource_safety;
    case MonitoredProperty::deadlock_free: return property_deadlock_free;
    case MonitoredProperty::starvation_free: return property_starvation_free;
    }
    return "?";
}

MonitorNames::MonitorNames(Trace& trace)
    : acquire_start(trace.intern("acquire_start")),
      acquire_gave_up(trace.intern("acquire_gave_up")),
      acquired(trace.intern("acquired")),
      belief_end(trace.intern("belief_end")),
      write_accepted(trace.intern("write_accepted")),
      cycle(trace.intern("cycle")),
      token(trace.intern("token")),
      value(trace.intern("value")),
      previous(trace.intern("previous")),
      client(trace.intern("client")) {
    const std::vector<std::string> names = trace.node_names(); // intern() may grow the table
    for (size_t n = 0; n < names.size(); ++n) {
        const uint32_t id = trace.intern(names[n]);
        if (id >= node_of_name.size()) {
            node_of_name.resize(size_t(id) + 1, no_node);
        }
        node_of_name[id] = static_cast<NodeId>(n);
    }
}

namespace {

// A field by interned key, without comparing strings.
const TraceField* field(const Trace& trace, const TraceEvent& e, uint32_t key) {
    for (const TraceField* f = trace.fields_begin(e); f != trace.fields_end(e); ++f) {
        if (f->key == key) {
            return f;
        }
    }
    return nullptr;
}

int64_t integer(const Trace& trace, const TraceEvent& e, uint32_t key, int64_t fallback) {
    const TraceField* f = field(trace, e, key);
    return f != nullptr && f->value.type != FieldValue::Type::text ? f->value.number : fallback;
}

constexpr uint32_t never_rank = UINT32_MAX; // a write with no tenure: the report's Time::never()

} // namespace

PropertyMonitor::PropertyMonitor(size_t node_count) : count_(uint8_t(node_count)) {
    assert(node_count <= max_nodes);
}

void PropertyMonitor::violate(MonitoredProperty p) {
    const auto bit = uint8_t(1u << unsigned(p));
    if ((violated_ & bit) == 0) {
        violated_ |= bit;
        fresh_ |= bit;
    }
}

void PropertyMonitor::on_events(const Trace& trace, const MonitorNames& names, Time now,
                                bool new_instant, const MonitorConfig& config) {
    if (new_instant) {
        ++instant_;
    }
    for (const TraceEvent& e : trace.events()) {
        if (e.node >= count_) {
            continue; // world-level records (a delay armed for any sender) concern no client
        }
        switch (e.kind) {
        case TraceKind::model: on_model(trace, e, names, now, config); break;
        case TraceKind::crash:
            touched_ = true;
            nodes_[e.node].down = true;
            end_belief(e.node, now);
            nodes_[e.node].waiting = false; // the report closes the wait, unsuccessfully
            break;
        case TraceKind::restart:
            touched_ = true;
            nodes_[e.node].down = false;
            break;
        default: break;
        }
    }
}

void PropertyMonitor::on_model(const Trace& trace, const TraceEvent& e, const MonitorNames& names,
                               Time now, const MonitorConfig& config) {
    Client& c = nodes_[e.node];
    if (e.name == names.acquire_start) {
        touched_ = true;
        c.is_client = true;
        c.waiting = true;
        c.wait_begin = now;
        c.other_acquired = false;
    } else if (e.name == names.acquire_gave_up) {
        touched_ = true;
        close_wait(e.node, now, config);
    } else if (e.name == names.acquired) {
        touched_ = true;
        on_acquired(trace, e, names, now, config);
    } else if (e.name == names.belief_end) {
        touched_ = true;
        end_belief(e.node, now);
    } else if (e.name == names.write_accepted) {
        touched_ = true;
        on_write(trace, e, names);
    }
}

void PropertyMonitor::on_acquired(const Trace& trace, const TraceEvent& e,
                                  const MonitorNames& names, Time now,
                                  const MonitorConfig& config) {
    const NodeId self = e.node;
    close_wait(self, now, config);
    for (size_t n = 0; n < count_; ++n) {
        Client& other = nodes_[n];
        if (n == self) {
            continue;
        }
        if (other.believes) {
            other.overlap = true; // decided once time moves past this instant
        }
        if (other.waiting && now > other.wait_begin && !other.other_acquired) {
            other.other_acquired = true;
            other.other_acquired_at = now;
        }
    }
    Client& c = nodes_[self];
    c.believes = true;
    c.overlap = false;
    c.cycle = static_cast<int32_t>(integer(trace, e, names.cycle, 0));
    Tenure& slot = c.tenures[size_t(c.cycle) % ring];
    slot = {c.cycle, instant_};
}

void PropertyMonitor::end_belief(NodeId node, Time now) {
    Client& c = nodes_[node];
    if (!c.believes) {
        return;
    }
    // Ending at the instant another began is no overlap: begin_j < end_i fails.
    c.believes = false;
    c.overlap = false;
    last_held_ = now;
}

void PropertyMonitor::close_wait(NodeId node, Time now, const MonitorConfig& config) {
    Client& c = nodes_[node];
    if (!c.waiting) {
        return;
    }
    c.waiting = false;
    if (config.track_liveness && now - c.wait_begin > config.stall && c.other_acquired &&
        c.other_acquired_at < now) {
        violate(MonitoredProperty::starvation_free);
    }
}

uint32_t PropertyMonitor::tenure_rank(NodeId node, int32_t cycle) const {
    if (node >= count_) {
        return never_rank;
    }
    const Tenure& t = nodes_[node].tenures[size_t(cycle) % ring];
    return t.cycle == cycle ? t.rank : never_rank;
}

void PropertyMonitor::on_write(const Trace& trace, const TraceEvent& e, const MonitorNames& names) {
    const TraceField* who = field(trace, e, names.client);
    NodeId writer = no_node;
    if (who != nullptr && who->value.type == FieldValue::Type::text &&
        size_t(who->value.number) < names.node_of_name.size()) {
        writer = names.node_of_name[size_t(who->value.number)];
    }
    const auto cycle = static_cast<int32_t>(integer(trace, e, names.cycle, 0));
    const int64_t token = integer(trace, e, names.token, -1);
    const int64_t value = integer(trace, e, names.value, 0);
    const int64_t previous = integer(trace, e, names.previous, 0);
    const uint32_t rank = tenure_rank(writer, cycle);
    if ((has_newest_ && rank < newest_rank_) || value != previous + 1 ||
        (token >= 0 && token < highest_token_)) {
        violate(MonitoredProperty::resource_safety);
    }
    if (!has_newest_ || rank >= newest_rank_) {
        has_newest_ = true;
        newest_rank_ = rank;
    }
    highest_token_ = std::max(highest_token_, token);
}

void PropertyMonitor::settle(Time now, Time next, Time run_end) {
    if (next <= now) {
        return; // more happens at this instant
    }
    bool overlap = false;
    for (Client& c : clients()) {
        overlap = overlap || (c.overlap && c.believes);
        c.overlap = false;
    }
    // The run goes on past this instant (or ends later), so the overlapping belief outlasted it.
    if (overlap && run_end > now) {
        violate(MonitoredProperty::mutual_exclusion);
    }
}

void PropertyMonitor::at_run_end(Time run_end, const MonitorConfig& config) {
    if (!config.track_liveness) {
        return;
    }
    bool anyone_believes = false;
    bool server_down = false;
    for (const Client& c : clients()) {
        anyone_believes = anyone_believes || c.believes;
        server_down = server_down || (c.down && !c.is_client);
    }
    const Time last_held = anyone_believes ? run_end : last_held_;
    for (const Client& c : clients()) {
        if (!c.waiting) {
            continue;
        }
        const Time stuck_since = std::max(c.wait_begin, last_held);
        if (!server_down && run_end - stuck_since >= config.stall && last_held < run_end) {
            violate(MonitoredProperty::deadlock_free);
        }
        if (run_end - c.wait_begin > config.stall && c.other_acquired &&
            c.other_acquired_at < run_end) {
            violate(MonitoredProperty::starvation_free);
        }
    }
}

void PropertyMonitor::hash_ranks(Hasher& h) const {
    // Only the order of tenures matters to the future, so ranks are hashed densely renumbered
    // (with the current instant among them: a new tenure may tie with it or come after).
    std::array<uint32_t, max_nodes * ring + 2> all{};
    size_t n = 0;
    all[n++] = instant_;
    if (has_newest_) {
        all[n++] = newest_rank_;
    }
    for (const Client& c : clients()) {
        for (const Tenure& t : c.tenures) {
            if (t.cycle >= 0) {
                all[n++] = t.rank;
            }
        }
    }
    std::sort(all.begin(), all.begin() + long(n));
    const auto end = std::unique(all.begin(), all.begin() + long(n));
    auto dense = [&](uint32_t rank) {
        return uint64_t(std::lower_bound(all.begin(), end, rank) - all.begin());
    };
    h.add(dense(instant_)).add(has_newest_ ? dense(newest_rank_) + 1 : 0);
    for (const Client& c : clients()) {
        for (const Tenure& t : c.tenures) {
            h.add(t.cycle >= 0 ? (uint64_t(uint32_t(t.cycle)) << 32 | dense(t.rank)) : UINT64_MAX);
        }
    }
}

void PropertyMonitor::fingerprint(Hasher& h, Time now, const MonitorConfig& config) const {
    for (const Client& c : clients()) {
        const unsigned bits = unsigned(c.believes) | unsigned(c.overlap) << 1 |
                              unsigned(c.waiting) << 2 | unsigned(c.is_client) << 3 |
                              unsigned(c.down) << 4;
        h.add(uint64_t(bits) << 32 | uint32_t(c.cycle));
        if (config.track_liveness && c.waiting) {
            const Duration cap = config.stall + Duration::ns(1);
            h.add_signed(std::min(now - c.wait_begin, cap).count_ns());
            h.add(!c.other_acquired ? 0u : c.other_acquired_at < now ? 2u : 1u);
        }
    }
    hash_ranks(h);
    h.add_signed(highest_token_);
    if (config.track_liveness) {
        h.add_signed(std::min(now - last_held_, config.stall + Duration::ns(1)).count_ns());
    }
}

} // namespace lockstep
