#include "models/zookeeper_sessions.hpp"

#include "sim/hash.hpp"

namespace lockstep {

Time ZkSessionTracker::round_up(Time t) const {
    // ExpiryQueue.roundToNextInterval: (time / interval + 1) * interval.
    const int64_t tick_ns = tick_.count_ns();
    return Time::from_ns((t.since_epoch_ns() / tick_ns + 1) * tick_ns);
}

Time ZkSessionTracker::next_tick(Time now) const {
    return round_up(now);
}

void ZkSessionTracker::start(Time now, const ZkStore& store) {
    active_ = true;
    items_.clear();
    for (const auto& [id, s] : store.sessions()) {
        add(id, s.timeout_ms, now);
    }
}

void ZkSessionTracker::stop() {
    active_ = false;
    items_.clear();
}

void ZkSessionTracker::add(uint32_t session, uint32_t timeout_ms, Time now) {
    if (!active_) {
        return;
    }
    const Duration timeout = Duration::ms(timeout_ms);
    items_[session] = Item{timeout, round_up(now + timeout), false};
}

void ZkSessionTracker::touch(uint32_t session, Time now) {
    const auto it = items_.find(session);
    if (it == items_.end() || it->second.closing) {
        return;
    }
    it->second.expiry = round_up(now + it->second.timeout);
}

std::vector<uint32_t> ZkSessionTracker::take_expired(Time now) {
    std::vector<uint32_t> out;
    for (auto& [id, item] : items_) {
        if (!item.closing && item.expiry <= now) {
            item.closing = true;
            out.push_back(id);
        }
    }
    return out;
}

void ZkSessionTracker::fingerprint(Hasher& h, Time now) const {
    h.add(active_ ? 1u : 0u).add(items_.size());
    for (const auto& [id, item] : items_) {
        h.add(id).add_signed(item.timeout.count_ns()).add_signed((item.expiry - now).count_ns());
        h.add(item.closing ? 1u : 0u);
    }
}

} // namespace lockstep
