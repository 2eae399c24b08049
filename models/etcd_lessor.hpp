#pragma once
// The primary lessor: only the leader tracks when leases expire, on its own monotonic clock
// (LITERATURE ET-2). It scans every 500 ms and has expired leases revoked through the log, so a
// key vanishes in [TTL, TTL + 0.5 s + commit] after its last renewal, as measured. A new leader
// starts from the leases in its store and gives each its full TTL plus an extension (etcd's
// lessor.Promote(extend), extend = election timeout): a lock can outlive its TTL by up to
// TTL + election time per leader change (liveness, never safety).
#include <cstdint>
#include <map>
#include <vector>

#include "models/etcd_store.hpp"
#include "sim/node.hpp"

namespace lockstep {

class EtcdLessor {
  public:
    bool primary() const { return primary_; }
    void promote(Time now, const EtcdStore& store, Duration extend);
    void demote();

    void granted(uint32_t lease, uint32_t ttl_s, Time now);
    void revoked(uint32_t lease);
    // A keep-alive: the lease's expiry moves to now + TTL; returns the TTL, 0 if unknown.
    uint32_t renew(uint32_t lease, const EtcdStore& store, Time now);
    // Leases past their expiry that no revoke was proposed for yet; marks them as being revoked.
    std::vector<uint32_t> take_expired(Time now);

    void fingerprint(Hasher& h, Time now) const;

  private:
    struct Item {
        Time expiry;
        bool revoking = false;
    };
    bool primary_ = false;
    std::map<uint32_t, Item> items_;
};

} // namespace lockstep
