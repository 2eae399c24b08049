#pragma once
// etcd's state machine as the lock recipes see it: an MVCC key space with one global revision
// (every write transaction bumps it by one; a key keeps the revision that created it and the one
// that last modified it), leases with attached keys, and one election record. Keys live under the
// lock prefix and are named by the lease that owns them (`pfx/<leaseID hex>`, as the Mutex names
// them), so a key is identified by its lease id. Every member applies the same entries in the
// same order and holds the same store; which member acts on it is the server's business.
#include <cstdint>
#include <map>

#include "sim/ids.hpp"

namespace lockstep {

class Hasher;

class EtcdStore {
  public:
    struct Key {
        uint32_t lease = 0;
        int64_t create_rev = 0;
        int64_t mod_rev = 0;
    };
    struct Lease {
        uint32_t ttl_s = 0;
        NodeId client = no_node; // who asked for it (for the trace)
    };
    struct Record {
        uint32_t holder = 0; // client node id + 1; 0: nobody
        int64_t mod_rev = 0; // 0: never written
    };
    struct TxnResult {
        bool lease_missing = false;
        bool succeeded = false;
        int64_t my_rev = 0;
        int64_t owner_rev = 0;
    };

    int64_t revision() const { return revision_; }

    void grant(uint32_t lease, uint32_t ttl_s, NodeId client);
    const Lease* lease(uint32_t id) const;
    const std::map<uint32_t, Lease>& leases() const { return leases_; }
    // Deletes the lease and its key in one revision; false if the lease was gone.
    bool revoke(uint32_t lease);

    TxnResult lock_txn(uint32_t lease);
    bool delete_key(uint32_t key);
    const Key* find(uint32_t key) const;
    // The owner: the key with the smallest create revision (nullptr: none).
    const Key* owner() const;
    // The newest key created at or before `max_rev` (waitDeletes' "last create" Get).
    const Key* newest_at_or_before(int64_t max_rev) const;

    const Record& record() const { return record_; }
    // Compare the record's mod revision and swap the holder; false if the compare failed.
    bool cas_record(int64_t expected_mod_rev, uint32_t holder);

    void fingerprint(Hasher& h) const;

  private:
    int64_t revision_ = 1; // an empty etcd store is at revision 1
    std::map<uint32_t, Key> keys_;
    std::map<uint32_t, Lease> leases_;
    Record record_;
};

} // namespace lockstep
