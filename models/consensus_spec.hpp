#pragma once
// Parameters of the consensus-backed lock services (etcd, ZooKeeper) that LockSpec does not carry
// yet. Defaults follow the real systems as measured (LITERATURE.md "Measured on real servers") and
// each is cited in docs/models/{raft,etcd,zookeeper}.md. Meant to move into models/spec.hpp as
// LockSpec::etcd and LockSpec::zookeeper.
#include <cstdint>

#include "sim/time.hpp"

namespace lockstep {

// The replicated log both services run on (docs/models/raft.md).
struct RaftSpec {
    uint32_t members = 3;
    Duration heartbeat = Duration::ms(100); // etcd --heartbeat-interval
    Duration election_timeout =
        Duration::ms(1000);           // etcd --election-timeout; randomised in [T, 2T)
    Duration fsync = Duration::ms(2); // one disk sync per batch of appended entries
    bool check_quorum = true;    // a leader that hears from no majority for T steps down (etcd)
    uint32_t max_inflight = 256; // entries sent ahead of a follower's acknowledgement
};

enum class EtcdRecipe : uint8_t {
    mutex,         // client/v3/concurrency.Mutex on a lease session (ET-1)
    kube_election, // client-go leaderelection on a lease record (ET-6)
};

// Kubernetes' leader election defaults (client-go leaderelection, ET-6).
struct KubeElectionSpec {
    Duration lease_duration = Duration::s(15);
    Duration renew_deadline = Duration::s(10);
    Duration retry_period = Duration::s(2);
};

struct EtcdSpec {
    RaftSpec raft;
    EtcdRecipe recipe = EtcdRecipe::mutex;
    Duration session_ttl = Duration::s(60);    // concurrency.NewSession default TTL
    Duration lessor_check = Duration::ms(500); // the primary lessor's expiry scan
    bool bug_11456 = false;        // pre-PR-11408 Lock(): no re-check of the own key after waiting
    bool session_per_lock = false; // etcdctl lock: a fresh session per lock, revoked at unlock
    bool session_done_ends_belief = false; // the application watches Session.Done()
    KubeElectionSpec kube;
};

enum class ZkRecipe : uint8_t {
    next_lower, // the recipe: watch only the next lower node (ZK-1)
    herd,       // the naive recipe: getChildren with a watch on the lock node, every waiter wakes
};

// ZooKeeper's measured fail-over (650-790 ms to the first write after SIGKILL of the leader)
// comes from a reset TCP connection and a fast leader election: an election timeout of 300 ms
// (randomised to [300, 600)) plus the election itself lands in that range.
inline RaftSpec zookeeper_raft_defaults() {
    RaftSpec r;
    r.election_timeout = Duration::ms(300);
    r.heartbeat = Duration::ms(50);
    return r;
}

struct ZooKeeperSpec {
    RaftSpec raft = zookeeper_raft_defaults();
    Duration tick = Duration::s(2);             // tickTime
    Duration session_timeout = Duration::s(60); // requested (Curator default): negotiated to 40 s
    ZkRecipe recipe = ZkRecipe::next_lower;
    bool suspended_ends_belief = false; // Curator: SUSPENDED means "cannot be certain"
    bool guid_protection = true; // Curator's protected mode: find the own node after a lost reply
};

struct ConsensusSpec {
    EtcdSpec etcd;
    ZooKeeperSpec zookeeper;
};

} // namespace lockstep
