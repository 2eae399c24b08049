// lock: the lock service and its parameters (defaults from models/spec.hpp).
#include "cli/scenario_convert.hpp"
#include "cli/scenario_schema.hpp"

namespace lockstep::scenario {
namespace {

// Redlock, Sentinel replicas: a few nodes each; the bound keeps node ids and names sane.
constexpr uint32_t max_servers = 100;
constexpr int64_t ppm_per_one = 1'000'000;

void read_redis(const Section& lock_section, LockSpec& lock) {
    const DocNode* node = lock_section.value("redis");
    if (node == nullptr) {
        return;
    }
    const Section s(lock_section.issues(), *node, "lock.redis", keys_of(Place::redis));
    s.read_choice<Persistence>("persistence",
                               {{"none", Persistence::none},
                                {"aof-everysec", Persistence::aof_everysec},
                                {"aof-always", Persistence::aof_always}},
                               lock.redis.persistence);
    s.read("fencing_counter", lock.redis.fencing_counter);
    // -1 means "no token" to the client, so tokens start at zero or above.
    s.read("first_token", lock.redis.first_token, 0, INT64_MAX / 2);
    s.read("hz", lock.redis.hz, 1, 500); // Redis accepts hz 1..500
}

void read_replication(const Section& lock_section, LockSpec& lock) {
    const DocNode* node = lock_section.value("replication");
    if (node == nullptr) {
        return;
    }
    const Section s(lock_section.issues(), *node, "lock.replication", keys_of(Place::replication));
    s.read("replicas", lock.replication.replicas, 1, max_servers);
    s.read("lag", lock.replication.replication_lag, Sign::non_negative);
    s.read("ping_interval", lock.replication.ping_interval, Sign::positive);
    s.read("down_after", lock.replication.down_after, Sign::positive);
}

void read_redlock(const Section& lock_section, LockSpec& lock) {
    const DocNode* node = lock_section.value("redlock");
    if (node == nullptr) {
        return;
    }
    const Section s(lock_section.issues(), *node, "lock.redlock", keys_of(Place::redlock));
    s.read("nodes", lock.redlock.nodes, 1, max_servers);
    s.read("per_node_timeout", lock.redlock.per_node_timeout, Sign::positive);
    s.read("parallel", lock.redlock.parallel);
    int64_t drift_factor_ppm = 0;
    if (s.read_rate_ppm("drift_factor", drift_factor_ppm, true)) {
        if (drift_factor_ppm < 0 || drift_factor_ppm >= ppm_per_one) {
            s.issues().add(s.value("drift_factor")->pos,
                           "lock.redlock.drift_factor must be at least 0 and below 1 (100%), got " +
                               s.value("drift_factor")->text);
        } else {
            lock.redlock.drift_factor_ppm = drift_factor_ppm;
        }
    }
    s.read("drift_extra", lock.redlock.drift_extra, Sign::non_negative);
    s.read_choice<RedlockVariant>(
        "variant", {{"spec", RedlockVariant::spec}, {"naive", RedlockVariant::naive}},
        lock.redlock.variant);
    s.read_choice<ClockSource>("clock",
                               {{"monotonic", ClockSource::monotonic}, {"wall", ClockSource::wall}},
                               lock.redlock.clock);
}

void read_raft(const Section& s, RaftSpec& raft) {
    s.read("members", raft.members, 1, max_servers);
    s.read("heartbeat", raft.heartbeat, Sign::positive);
    s.read("election_timeout", raft.election_timeout, Sign::positive);
    s.read("fsync", raft.fsync, Sign::non_negative);
}

void read_etcd(const Section& lock_section, LockSpec& lock) {
    const DocNode* node = lock_section.value("etcd");
    if (node == nullptr) {
        return;
    }
    const Section s(lock_section.issues(), *node, "lock.etcd", keys_of(Place::etcd));
    read_raft(s, lock.etcd.raft);
    s.read_choice<EtcdRecipe>(
        "recipe", {{"mutex", EtcdRecipe::mutex}, {"kube-election", EtcdRecipe::kube_election}},
        lock.etcd.recipe);
    s.read("session_ttl", lock.etcd.session_ttl, Sign::positive);
    s.read("lessor_check", lock.etcd.lessor_check, Sign::positive);
    s.read("bug_11456", lock.etcd.bug_11456);
    s.read("session_per_lock", lock.etcd.session_per_lock);
    s.read("session_done_ends_belief", lock.etcd.session_done_ends_belief);
    if (const DocNode* kube = s.value("kube")) {
        const Section k(s.issues(), *kube, "lock.etcd.kube", keys_of(Place::kube));
        k.read("lease_duration", lock.etcd.kube.lease_duration, Sign::positive);
        k.read("renew_deadline", lock.etcd.kube.renew_deadline, Sign::positive);
        k.read("retry_period", lock.etcd.kube.retry_period, Sign::positive);
    }
}

void read_zookeeper(const Section& lock_section, LockSpec& lock) {
    const DocNode* node = lock_section.value("zookeeper");
    if (node == nullptr) {
        return;
    }
    const Section s(lock_section.issues(), *node, "lock.zookeeper", keys_of(Place::zookeeper));
    read_raft(s, lock.zookeeper.raft);
    s.read("tick", lock.zookeeper.tick, Sign::positive);
    s.read("session_timeout", lock.zookeeper.session_timeout, Sign::positive);
    s.read_choice<ZkRecipe>("recipe",
                            {{"next-lower", ZkRecipe::next_lower}, {"herd", ZkRecipe::herd}},
                            lock.zookeeper.recipe);
    s.read("suspended_ends_belief", lock.zookeeper.suspended_ends_belief);
    s.read("guid_protection", lock.zookeeper.guid_protection);
}

// For etcd the lock's TTL is the session lease (whole seconds); for ZooKeeper the requested
// session timeout. Naming both is a contradiction, not a preference.
void apply_ttl_to_sessions(const Section& s, LockSpec& lock) {
    const DocEntry* ttl = s.entry("ttl");
    if (ttl == nullptr || lock.ttl == Duration::zero()) {
        return;
    }
    if (lock.service == LockService::etcd) {
        const DocNode* etcd = s.value("etcd");
        if (etcd != nullptr && etcd->find("session_ttl") != nullptr) {
            s.issues().add(ttl->key_pos, "set lock.ttl or lock.etcd.session_ttl, not both");
        } else if (lock.ttl.count_ns() % 1'000'000'000 != 0) {
            s.issues().add(ttl->value.pos, "etcd leases are granted in whole seconds: lock.ttl " +
                                               ttl->value.text + " is not");
        } else {
            lock.etcd.session_ttl = lock.ttl;
        }
    } else if (lock.service == LockService::zookeeper) {
        const DocNode* zk = s.value("zookeeper");
        if (zk != nullptr && zk->find("session_timeout") != nullptr) {
            s.issues().add(ttl->key_pos,
                           "set lock.ttl or lock.zookeeper.session_timeout, not both");
        } else {
            lock.zookeeper.session_timeout = lock.ttl;
        }
    }
}

void read_ttl(const Section& s, LockSpec& lock) {
    const DocNode* ttl = s.value("ttl");
    if (ttl != nullptr && ttl->is_scalar() && ttl->text == "none") {
        lock.ttl = Duration::zero(); // the "never set a TTL" mistake, on purpose
        return;
    }
    Duration value;
    if (!s.read("ttl", value, Sign::non_negative)) {
        return;
    }
    if (value == Duration::zero()) {
        s.issues().add(ttl->pos, "lock.ttl must be greater than zero, got " + ttl->text +
                                     " (write `ttl: none` for a lock without a TTL)");
        return;
    }
    lock.ttl = value;
}

// A section that configures another service is a mistake: its settings would be ignored.
void check_applies(const Section& s, std::string_view key, bool applies,
                   std::string_view services) {
    if (const DocEntry* e = s.entry(key); e != nullptr && !applies) {
        s.issues().add(e->key_pos,
                       "lock." + std::string(key) + " only applies to " + std::string(services));
    }
}

} // namespace

bool read_lock(const Section& top, LockSpec& lock) {
    const DocNode* node = top.value("lock");
    if (node == nullptr) {
        return true;
    }
    const Section s(top.issues(), *node, "lock", keys_of(Place::lock));
    if (!s.valid()) {
        return false;
    }
    const bool service_known =
        !s.has("service") ||
        s.read_choice<LockService>("service",
                                   {{"redis", LockService::redis},
                                    {"redis-replicated", LockService::redis_replicated},
                                    {"redlock", LockService::redlock},
                                    {"etcd", LockService::etcd},
                                    {"zookeeper", LockService::zookeeper}},
                                   lock.service);
    read_ttl(s, lock);
    s.read_word("key", lock.key);
    read_redis(s, lock);
    read_replication(s, lock);
    read_redlock(s, lock);
    read_etcd(s, lock);
    read_zookeeper(s, lock);
    if (service_known) {
        apply_ttl_to_sessions(s, lock);
        const LockService svc = lock.service;
        check_applies(s, "redis",
                      svc == LockService::redis || svc == LockService::redis_replicated ||
                          svc == LockService::redlock,
                      "services redis, redis-replicated and redlock");
        check_applies(s, "replication", svc == LockService::redis_replicated,
                      "service redis-replicated");
        check_applies(s, "redlock", svc == LockService::redlock, "service redlock");
        check_applies(s, "etcd", svc == LockService::etcd, "service etcd");
        check_applies(s, "zookeeper", svc == LockService::zookeeper, "service zookeeper");
    }
    return service_known;
}

} // namespace lockstep::scenario
