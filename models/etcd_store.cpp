#include "models/etcd_store.hpp"

#include "sim/hash.hpp"

namespace lockstep {

void EtcdStore::grant(uint32_t lease, uint32_t ttl_s, NodeId client) {
    // A lease grant does not touch the key space: the revision stays.
    leases_[lease] = Lease{ttl_s, client};
}

const EtcdStore::Lease* EtcdStore::lease(uint32_t id) const {
    const auto it = leases_.find(id);
    return it == leases_.end() ? nullptr : &it->second;
}

bool EtcdStore::revoke(uint32_t lease) {
    if (leases_.erase(lease) == 0) {
        return false;
    }
    // The attached keys go in one transaction: one revision (measured: watchers get a DELETE).
    if (keys_.erase(lease) != 0) {
        ++revision_;
    }
    return true;
}

EtcdStore::TxnResult EtcdStore::lock_txn(uint32_t lease) {
    TxnResult r;
    if (leases_.find(lease) == leases_.end()) {
        r.lease_missing = true; // the Put with a lease that expired fails the whole txn
        return r;
    }
    const auto it = keys_.find(lease);
    if (it == keys_.end()) {
        ++revision_;
        keys_[lease] = Key{lease, revision_, revision_};
        r.succeeded = true;
        r.my_rev = revision_;
    } else {
        r.my_rev = it->second.create_rev; // the session already waits or holds: reuse the key
    }
    r.owner_rev = owner()->create_rev;
    return r;
}

bool EtcdStore::delete_key(uint32_t key) {
    if (keys_.erase(key) == 0) {
        return false;
    }
    ++revision_;
    return true;
}

const EtcdStore::Key* EtcdStore::find(uint32_t key) const {
    const auto it = keys_.find(key);
    return it == keys_.end() ? nullptr : &it->second;
}

const EtcdStore::Key* EtcdStore::owner() const {
    const Key* best = nullptr;
    for (const auto& [id, k] : keys_) {
        if (best == nullptr || k.create_rev < best->create_rev) {
            best = &k;
        }
    }
    return best;
}

const EtcdStore::Key* EtcdStore::newest_at_or_before(int64_t max_rev) const {
    const Key* best = nullptr;
    for (const auto& [id, k] : keys_) {
        if (k.create_rev <= max_rev && (best == nullptr || k.create_rev > best->create_rev)) {
            best = &k;
        }
    }
    return best;
}

bool EtcdStore::cas_record(int64_t expected_mod_rev, uint32_t holder) {
    if (record_.mod_rev != expected_mod_rev) {
        return false;
    }
    ++revision_;
    record_ = Record{holder, revision_};
    return true;
}

void EtcdStore::fingerprint(Hasher& h) const {
    h.add_signed(revision_).add(keys_.size()).add(leases_.size());
    for (const auto& [id, k] : keys_) {
        h.add(id).add_signed(k.create_rev).add_signed(k.mod_rev);
    }
    for (const auto& [id, l] : leases_) {
        h.add(id).add(l.ttl_s).add(l.client);
    }
    h.add(record_.holder).add_signed(record_.mod_rev);
}

} // namespace lockstep
