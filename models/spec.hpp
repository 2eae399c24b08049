#pragma once
// What a scenario describes, as plain data: the lock service, the resource, the clients, the
// network, clocks and faults. The YAML loader fills it; build_world() turns it into a World.
// Defaults follow the real systems (docs/models/*.md cites each one).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/consensus_spec.hpp"
#include "sim/clock.hpp"
#include "sim/fault.hpp"
#include "sim/network.hpp"
#include "sim/time.hpp"

namespace lockstep {

enum class LockService : uint8_t { redis, redis_replicated, redlock, etcd, zookeeper };
enum class Persistence : uint8_t { none, aof_everysec, aof_always };
enum class FencingMode : uint8_t { none, token, cas };
// As the scenario format writes it (resource: { fencing: ... }) and the trace records it.
constexpr std::string_view fencing_mode_name(FencingMode mode) {
    switch (mode) {
    case FencingMode::none: return "none";
    case FencingMode::token: return "token";
    case FencingMode::cas: return "cas";
    }
    return "?";
}
enum class ReleaseMode : uint8_t { safe, unsafe };
enum class RenewalMode : uint8_t { none, watchdog };
enum class ClockSource : uint8_t { monotonic, wall };
enum class RedlockVariant : uint8_t { spec, naive };

struct RedisSpec {
    Persistence persistence = Persistence::none;
    bool fencing_counter = false; // INCR a counter with every grant and hand it out as a token
    int64_t first_token = 1;      // the counter's first value (Kleppmann's example starts at 33)
    uint32_t hz = 10;             // active expiry cycles per second (Redis default)
};

struct ReplicationSpec {
    uint32_t replicas = 1;
    Duration replication_lag = Duration::ms(10); // primary -> replica, on top of the network
    Duration ping_interval = Duration::s(1);     // Sentinel pings the primary
    Duration down_after = Duration::s(30);       // Sentinel default down-after-milliseconds
};

struct RedlockSpec {
    uint32_t nodes = 5;
    Duration per_node_timeout = Duration::ms(50);
    bool parallel = false;             // the doc's algorithm asks the nodes one after the other
    int64_t drift_factor_ppm = 10'000; // CLOCK_DRIFT_FACTOR = 0.01
    Duration drift_extra = Duration::ms(2);
    RedlockVariant variant = RedlockVariant::spec;
    ClockSource clock = ClockSource::monotonic;
};

struct LockSpec {
    LockService service = LockService::redis;
    Duration ttl = Duration::s(30); // zero: no TTL at all (the "never set a TTL" mistake)
    std::string key = "lock";
    RedisSpec redis;
    ReplicationSpec replication;
    RedlockSpec redlock;
    EtcdSpec etcd;           // the session TTL follows `ttl` when a scenario sets it
    ZooKeeperSpec zookeeper; // likewise the requested session timeout
};

struct ResourceSpec {
    bool enabled = true;
    FencingMode fencing = FencingMode::none;
};

struct ClientSpec {
    std::string name;
    Duration start;                     // when it first tries to acquire
    uint32_t cycles = 1;                // acquire, critical section, release: this many times
    Duration hold = Duration::ms(100);  // think time inside the critical section
    Duration hold_max;                  // if above `hold`: drawn uniformly in [hold, hold_max]
    Duration think = Duration::ms(100); // between cycles
    ReleaseMode release = ReleaseMode::safe;
    bool check_validity = false; // compare the clock with the validity just before writing
    RenewalMode renewal = RenewalMode::none;
    Duration renew_interval;                  // zero: ttl / 3 (Redisson's watchdog)
    bool use_token = true;                    // send the lock's fencing token with writes
    Duration retry_delay = Duration::ms(200); // back-off base; a jitter of 0-75% of it is added
    uint32_t retry_count =
        0; // attempts per cycle, the first included (YAML `attempts`); 0: no limit
    Duration acquire_timeout;                  // zero: none
    Duration request_timeout = Duration::s(1); // a server that does not answer counts as a failure

    // Every field compared: the explorer treats clients that differ only in name as
    // interchangeable (symmetry reduction), so a new field must count here too.
    bool operator==(const ClientSpec&) const = default;
};

struct SystemSpec {
    std::string name;
    std::string description;
    uint64_t seed = 1;
    Duration duration = Duration::s(120);
    LockSpec lock;
    ResourceSpec resource;
    lockstep::NetworkSpec network;
    std::vector<ClientSpec> clients;
    std::map<std::string, ClockSpec> clocks; // by node name
};

// The names of the nodes build_world() will create, in order: lock servers, the resource, then
// clients. The loader checks fault and clock targets against them.
std::vector<std::string> node_names(const SystemSpec& spec);
std::string service_name(LockService service);

} // namespace lockstep
