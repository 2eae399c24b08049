#include "models/build.hpp"

#include <stdexcept>

#include "models/client.hpp"
#include "models/redis_driver.hpp"
#include "models/redis_server.hpp"
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
    case LockService::zookeeper:
        break;
    }
    throw std::invalid_argument("lock service '" + service_name(lock.service) +
                                "' is not available yet");
}

ClockSpec clock_of(const SystemSpec& spec, const std::string& name) {
    const auto it = spec.clocks.find(name);
    return it == spec.clocks.end() ? ClockSpec{} : it->second;
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
    const std::vector<std::string> servers = server_names(spec.lock);
    for (const std::string& name : servers) {
        if (spec.lock.service != LockService::redis) {
            throw std::invalid_argument("lock service '" + service_name(spec.lock.service) +
                                        "' is not available yet");
        }
        world->add_node(name, std::make_unique<RedisServer>(spec.lock.redis, spec.lock.key),
                        clock_of(spec, name));
    }
    NodeId resource = no_node;
    if (spec.resource.enabled) {
        resource = world->add_node("storage", std::make_unique<ResourceNode>(spec.resource.fencing),
                                   clock_of(spec, "storage"));
    }
    for (const ClientSpec& c : spec.clients) {
        const auto self = static_cast<NodeId>(world->node_count());
        auto driver = std::make_unique<RedisDriver>(0, spec.lock, c.request_timeout, self);
        world->add_node(c.name,
                        std::make_unique<LockClient>(c, std::move(driver), resource, spec.lock.ttl),
                        clock_of(spec, c.name));
    }
    world->set_fault_plan(faults);
    return world;
}

} // namespace lockstep
