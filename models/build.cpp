#include "models/build.hpp"

#include <stdexcept>

#include "models/build_consensus.hpp"
#include "models/client.hpp"
#include "models/redis_driver.hpp"
#include "models/redis_failover_driver.hpp"
#include "models/redis_replicated.hpp"
#include "models/redis_sentinel.hpp"
#include "models/redis_server.hpp"
#include "models/redlock_driver.hpp"
#include "models/resource.hpp"

namespace lockstep {

std::string service_name(LockService service) {
    switch (service) {
    case LockService::redis: return "redis";
    case LockService::redis_replicated: return "redis-replicated";
    case LockService::redlock: return "redlock";
    case LockService::etcd: return "etcd";
    case LockService::zookeeper: return "zookeeper";
    }
    return "?";
}

namespace {

std::vector<std::string> server_names(const LockSpec& lock) {
    switch (lock.service) {
    case LockService::redis: return {"redis"};
    case LockService::redis_replicated: {
        std::vector<std::string> names;
        for (uint32_t i = 0; i <= lock.replication.replicas; ++i) {
            names.push_back("redis-" + std::to_string(i + 1));
        }
        names.push_back("sentinel");
        return names;
    }
    case LockService::redlock: {
        std::vector<std::string> names;
        for (uint32_t i = 0; i < lock.redlock.nodes; ++i) {
            names.push_back("redis-" + std::to_string(i + 1));
        }
        return names;
    }
    case LockService::etcd:
    case LockService::zookeeper: return consensus_server_names(lock);
    }
    throw std::invalid_argument("unknown lock service");
}

ClockSpec clock_of(const SystemSpec& spec, const std::string& name) {
    const auto it = spec.clocks.find(name);
    return it == spec.clocks.end() ? ClockSpec{} : it->second;
}

// A node of the replicated deployment: redis-1 starts as primary, the others replicate from it,
// and the sentinel comes last. `earlier` holds the NodeIds of the nodes built before this one.
std::unique_ptr<Node> make_replicated_server(const LockSpec& lock, size_t index, size_t count,
                                             const std::vector<NodeId>& earlier) {
    if (index + 1 == count) {
        return std::make_unique<RedisSentinel>(lock.replication, earlier);
    }
    const NodeId primary = index == 0 ? no_node : earlier.front();
    return std::make_unique<RedisReplicated>(lock.redis, lock.key, lock.replication.replication_lag,
                                             primary);
}

std::unique_ptr<Node> make_server(const LockSpec& lock, size_t index, size_t count,
                                  const std::vector<NodeId>& earlier) {
    switch (lock.service) {
    case LockService::redis:
    case LockService::redlock: // Redlock's nodes are independent single instances
        return std::make_unique<RedisServer>(lock.redis, lock.key);
    case LockService::redis_replicated: return make_replicated_server(lock, index, count, earlier);
    case LockService::etcd:
    case LockService::zookeeper: break; // built by add_consensus_servers
    }
    throw std::invalid_argument("lock service '" + service_name(lock.service) +
                                "' has no single-server factory");
}

// The lock servers, named and ordered as server_names() says; returns their NodeIds.
std::vector<NodeId> add_servers(World& world, const SystemSpec& spec) {
    std::vector<NodeId> ids;
    if (spec.lock.service == LockService::etcd || spec.lock.service == LockService::zookeeper) {
        const auto first = static_cast<NodeId>(world.node_count());
        add_consensus_servers(spec, world);
        for (auto id = first; id < world.node_count(); ++id) {
            ids.push_back(id);
        }
        return ids;
    }
    const std::vector<std::string> names = server_names(spec.lock);
    for (size_t i = 0; i < names.size(); ++i) {
        auto node = make_server(spec.lock, i, names.size(), ids);
        ids.push_back(world.add_node(names[i], std::move(node), clock_of(spec, names[i])));
    }
    return ids;
}

// The client side of the service, speaking to the servers add_servers() created.
std::unique_ptr<LockDriver> make_driver(const SystemSpec& spec, const ClientSpec& client,
                                        const std::vector<NodeId>& servers, NodeId self) {
    switch (spec.lock.service) {
    case LockService::redis:
        return std::make_unique<RedisDriver>(servers.front(), spec.lock, client.request_timeout,
                                             self);
    case LockService::redlock: return std::make_unique<RedlockDriver>(servers, spec.lock, self);
    case LockService::redis_replicated:
        return std::make_unique<RedisFailoverDriver>(servers.back(), spec.lock,
                                                     client.request_timeout, self);
    case LockService::etcd:
    case LockService::zookeeper: return make_consensus_driver(spec, client, servers.front(), self);
    }
    throw std::invalid_argument("unknown lock service");
}

} // namespace

std::vector<std::string> node_names(const SystemSpec& spec) {
    std::vector<std::string> names = server_names(spec.lock);
    if (spec.resource.enabled) {
        names.push_back("storage");
    }
    for (const ClientSpec& c : spec.clients) {
        names.push_back(c.name);
    }
    return names;
}

std::unique_ptr<World> build_world(const SystemSpec& spec, const FaultPlan& faults,
                                   TraceLevel level) {
    auto world = std::make_unique<World>(spec.network, level);
    const std::vector<NodeId> servers = add_servers(*world, spec);
    NodeId resource = no_node;
    if (spec.resource.enabled) {
        resource = world->add_node("storage", std::make_unique<ResourceNode>(spec.resource.fencing),
                                   clock_of(spec, "storage"));
    }
    for (const ClientSpec& c : spec.clients) {
        const auto self = static_cast<NodeId>(world->node_count());
        auto driver = make_driver(spec, c, servers, self);
        world->add_node(c.name,
                        std::make_unique<LockClient>(c, std::move(driver), resource, spec.lock.ttl),
                        clock_of(spec, c.name));
    }
    world->set_fault_plan(faults);
    return world;
}

} // namespace lockstep
