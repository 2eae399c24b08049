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

MonitorNames::MonitorNames(Trace& trace, const std::vector<std::string>& names)
    : acquire_start(trace.intern("acquire_start")),
      acquire_gave_up(trace.intern("acquire_gave_up")), acquired(trace.intern("acquired")),
      belief_end(trace.intern("belief_end")), write_accepted(trace.intern("write_accepted")),
      cycle(trace.intern("cycle")), token(trace.intern("token")), value(trace.intern("value")),
      previous(trace.intern("previous")), client(trace.intern("client")) {
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

PropertyMonitor::Client PropertyMonitor::empty_client() {
    Client c{};
    for (Tenure& t : c.tenures) {
        t = {-1, 0};
    }
    return c;
}

PropertyMonitor::PropertyMonitor(size_t node_count) : count_(uint8_t(node_count)) {
    assert(node_count <= max_nodes);
    if (count_ > inline_nodes) {
        spill_ = std::make_unique<Client[]>(max_nodes);
    }
    for (size_t i = 0; i < count_; ++i) {
        nodes()[i] = empty_client();
    }
}

PropertyMonitor& PropertyMonitor::operator=(const PropertyMonitor& o) {
    if (o.count_ > inline_nodes && !spill_) {
        spill_ = std::make_unique<Client[]>(max_nodes);
    }
    count_ = o.count_;
    std::copy_n(o.nodes(), o.count_, nodes());
    instant_ = o.instant_;
    has_newest_ = o.has_newest_;
    newest_rank_ = o.newest_rank_;
    highest_token_ = o.highest_token_;
    last_held_ns_ = o.last_held_ns_;
    violated_ = o.violated_;
    fresh_ = o.fresh_;
    touched_ = o.touched_;
    return *this;
}

void PropertyMonitor::violate(MonitoredProperty p) {
    const auto bit = uint8_t(1u << unsigned(p));
    if ((violated_ & bit) == 0) {
        violated_ |= bit;
        fresh_ |= bit;
    }
}

void PropertyMonitor::on_events(const Trace& trace, const MonitorNames& names, Time now,
                                bool new_instant, const MonitorConfig& config, size_t first) {
    if (new_instant) {
        ++instant_;
    }
    const std::vector<TraceEvent>& events = trace.events();
    for (size_t i = first; i < events.size(); ++i) {
        const TraceEvent& e = events[i];
        if (e.node >= count_) {
            continue; // world-level records (a delay armed for any sender) concern no client
        }
        switch (e.kind) {
        case TraceKind::model: on_model(trace, e, names, now, config); break;
        case TraceKind::crash:
            touched_ = true;
            nodes()[e.node].down = true;
            end_belief(e.node, now);
            nodes()[e.node].waiting = false; // the report closes the wait, unsuccessfully
            break;
        case TraceKind::restart:
            touched_ = true;
            nodes()[e.node].down = false;
            break;
        default: break;
        }
    }
}

void PropertyMonitor::on_model(const Trace& trace, const TraceEvent& e, const MonitorNames& names,
                               Time now, const MonitorConfig& config) {
    Client& c = nodes()[e.node];
    if (e.name == names.acquire_start) {
        c.is_client = true;
        c.waiting = true;
        c.wait_begin_ns = now.since_epoch_ns();
        c.other_acquired = false;
    } else if (e.name == names.acquire_gave_up) {
        close_wait(e.node, now, config);
    } else if (e.name == names.acquired) {
        touched_ = true;
        on_acquired(trace, e, names, now, config);
    } else if (e.name == names.belief_end) {
        touched_ = true;
        end_belief(e.node, now);
    } else if (e.name == names.write_accepted) {
        on_write(trace, e, names); // storage's own order: it never commutes with itself
    }
}

void PropertyMonitor::on_acquired(const Trace& trace, const TraceEvent& e,
                                  const MonitorNames& names, Time now,
                                  const MonitorConfig& config) {
    const NodeId self = e.node;
    close_wait(self, now, config);
    for (size_t n = 0; n < count_; ++n) {
        Client& other = nodes()[n];
        if (n == self) {
            continue;
        }
        if (other.believes) {
            other.overlap = true; // decided once time moves past this instant
        }
        if (other.waiting && now.since_epoch_ns() > other.wait_begin_ns && !other.other_acquired) {
            other.other_acquired = true;
            other.other_acquired_ns = now.since_epoch_ns();
        }
    }
    Client& c = nodes()[self];
    c.believes = true;
    c.overlap = false;
    c.cycle = static_cast<int32_t>(integer(trace, e, names.cycle, 0));
    Tenure& slot = c.tenures[size_t(c.cycle) % ring];
    slot = {c.cycle, instant_};
}

void PropertyMonitor::end_belief(NodeId node, Time now) {
    Client& c = nodes()[node];
    if (!c.believes) {
        return;
    }
    // Ending at the instant another began is no overlap: begin_j < end_i fails.
    c.believes = false;
    c.overlap = false;
    last_held_ns_ = now.since_epoch_ns();
}

void PropertyMonitor::close_wait(NodeId node, Time now, const MonitorConfig& config) {
    Client& c = nodes()[node];
    if (!c.waiting) {
        return;
    }
    c.waiting = false;
    const int64_t t = now.since_epoch_ns();
    if (config.track_liveness && t - c.wait_begin_ns > config.stall.count_ns() &&
        c.other_acquired && c.other_acquired_ns < t) {
        violate(MonitoredProperty::starvation_free);
    }
}

uint32_t PropertyMonitor::tenure_rank(NodeId node, int32_t cycle) const {
    if (node >= count_) {
        return never_rank;
    }
    const Tenure& t = nodes()[node].tenures[size_t(cycle) % ring];
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
    const int64_t end = run_end.since_epoch_ns();
    const int64_t stall = config.stall.count_ns();
    const int64_t last_held = anyone_believes ? end : last_held_ns_;
    for (const Client& c : clients()) {
        if (!c.waiting) {
            continue;
        }
        const int64_t stuck_since = std::max(c.wait_begin_ns, last_held);
        if (!server_down && end - stuck_since >= stall && last_held < end) {
            violate(MonitoredProperty::deadlock_free);
        }
        if (end - c.wait_begin_ns > stall && c.other_acquired && c.other_acquired_ns < end) {
            violate(MonitoredProperty::starvation_free);
        }
    }
}

namespace {

// Tenure ranks renumbered densely, computed once per fingerprint (per thread: monitors are copied
// by the million, so the scratch does not live in them).
struct DenseRanks {
    std::array<uint32_t, PropertyMonitor::max_nodes * PropertyMonitor::ring + 2> ranks{};
    size_t count = 0;
};
thread_local DenseRanks dense_ranks;

} // namespace

void PropertyMonitor::collect_ranks() const {
    // Only the order of tenures matters to the future, so ranks are hashed densely renumbered
    // (with the current instant among them: a new tenure may tie with it or come after).
    DenseRanks& d = dense_ranks;
    size_t n = 0;
    d.ranks[n++] = instant_;
    if (has_newest_) {
        d.ranks[n++] = newest_rank_;
    }
    for (const Client& c : clients()) {
        for (const Tenure& t : c.tenures) {
            if (t.cycle >= 0) {
                d.ranks[n++] = t.rank;
            }
        }
    }
    std::sort(d.ranks.begin(), d.ranks.begin() + long(n));
    d.count = size_t(std::unique(d.ranks.begin(), d.ranks.begin() + long(n)) - d.ranks.begin());
}

uint64_t PropertyMonitor::dense(uint32_t rank) const {
    const DenseRanks& d = dense_ranks;
    return uint64_t(std::lower_bound(d.ranks.begin(), d.ranks.begin() + long(d.count), rank) -
                    d.ranks.begin());
}

void PropertyMonitor::hash_client(Hasher& h, const Client& c, Time now,
                                  const MonitorConfig& config) const {
    const unsigned bits = unsigned(c.believes) | unsigned(c.overlap) << 1 |
                          unsigned(c.waiting) << 2 | unsigned(c.is_client) << 3 |
                          unsigned(c.down) << 4;
    h.add(uint64_t(bits) << 32 | uint32_t(c.cycle));
    if (!c.is_client) {
        return; // servers: no tenures, no waits
    }
    // Two tenures per word when cycles and ranks fit in 16 bits (they all but always do).
    uint64_t words[ring / 2] = {};
    bool fits = true;
    for (size_t i = 0; i < ring; ++i) {
        const Tenure& t = c.tenures[i];
        const uint64_t cycle = uint64_t(int64_t(t.cycle) + 1); // 0: empty
        const uint64_t rank = t.cycle >= 0 ? dense(t.rank) : 0;
        fits = fits && cycle <= 0xffff && rank <= 0xffff;
        words[i / 2] |= (cycle << 16 | rank) << (32 * (i % 2));
    }
    if (fits) {
        for (uint64_t w : words) {
            h.add(w);
        }
    } else {
        for (const Tenure& t : c.tenures) {
            h.add(t.cycle >= 0 ? (uint64_t(uint32_t(t.cycle)) << 32 | dense(t.rank)) : UINT64_MAX);
        }
    }
    if (config.track_liveness && c.waiting) {
        const int64_t t = now.since_epoch_ns();
        h.add_signed(std::min(t - c.wait_begin_ns, config.stall.count_ns() + 1));
        h.add(!c.other_acquired ? 0u : c.other_acquired_ns < t ? 2u : 1u);
    }
}

uint64_t PropertyMonitor::client_key(NodeId node, Time now, const MonitorConfig& config) const {
    collect_ranks();
    Hasher h = Hasher::fast();
    hash_client(h, nodes()[node], now, config);
    return h.value();
}

void PropertyMonitor::fingerprint(Hasher& h, Time now, const MonitorConfig& config,
                                  const NodeId* map) const {
    collect_ranks();
    std::array<NodeId, max_nodes> at{};
    for (size_t i = 0; i < count_; ++i) {
        at[map != nullptr ? map[i] : i] = NodeId(i);
    }
    for (size_t p = 0; p < count_; ++p) {
        hash_client(h, nodes()[at[p]], now, config);
    }
    h.add(dense(instant_)).add(has_newest_ ? dense(newest_rank_) + 1 : 0);
    h.add_signed(highest_token_);
    if (config.track_liveness) {
        h.add_signed(std::min(now.since_epoch_ns() - last_held_ns_, config.stall.count_ns() + 1));
    }
}

} // namespace lockstep
