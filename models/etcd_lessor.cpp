#include "models/etcd_lessor.hpp"

#include "sim/hash.hpp"

namespace lockstep {

void EtcdLessor::promote(Time now, const EtcdStore& store, Duration extend) {
    primary_ = true;
    items_.clear();
    for (const auto& [id, lease] : store.leases()) {
        items_[id] = Item{now + Duration::s(lease.ttl_s) + extend, false};
    }
}

void EtcdLessor::demote() {
    primary_ = false;
    items_.clear();
}

void EtcdLessor::granted(uint32_t lease, uint32_t ttl_s, Time now) {
    if (primary_) {
        items_[lease] = Item{now + Duration::s(ttl_s), false};
    }
}

void EtcdLessor::revoked(uint32_t lease) {
    items_.erase(lease);
}

uint32_t EtcdLessor::renew(uint32_t lease, const EtcdStore& store, Time now) {
    const EtcdStore::Lease* l = store.lease(lease);
    const auto it = items_.find(lease);
    if (!primary_ || l == nullptr || it == items_.end() || it->second.revoking) {
        return 0; // a lease already handed to the revoker is as good as gone
    }
    it->second.expiry = now + Duration::s(l->ttl_s);
    return l->ttl_s;
}

std::vector<uint32_t> EtcdLessor::take_expired(Time now) {
    std::vector<uint32_t> out;
    for (auto& [id, item] : items_) {
        if (!item.revoking && item.expiry <= now) {
            item.revoking = true;
            out.push_back(id);
        }
    }
    return out;
}

void EtcdLessor::fingerprint(Hasher& h, Time now) const {
    h.add(primary_ ? 1u : 0u).add(items_.size());
    for (const auto& [id, item] : items_) {
        h.add(id).add_signed((item.expiry - now).count_ns()).add(item.revoking ? 1u : 0u);
    }
}

} // namespace lockstep
