#include "models/build_consensus.hpp"

#include <stdexcept>

#include "models/etcd_driver.hpp"
#include "models/etcd_server.hpp"
#include "models/kube_election_driver.hpp"
#include "models/zookeeper_driver.hpp"
#include "models/zookeeper_server.hpp"

namespace lockstep {
namespace {

const RaftSpec& raft_of(const LockSpec& lock, const ConsensusSpec& consensus) {
    if (lock.service == LockService::etcd) {
        return consensus.etcd.raft;
    }
    if (lock.service == LockService::zookeeper) {
        return consensus.zookeeper.raft;
    }
    throw std::invalid_argument("not a consensus-backed lock service: " +
                                service_name(lock.service));
}

ClockSpec clock_of(const SystemSpec& spec, const std::string& name) {
    const auto it = spec.clocks.find(name);
    return it == spec.clocks.end() ? ClockSpec{} : it->second;
}

std::vector<NodeId> member_ids(NodeId first, uint32_t count) {
    std::vector<NodeId> ids;
    for (uint32_t i = 0; i < count; ++i) {
        ids.push_back(static_cast<NodeId>(first + i));
    }
    return ids;
}

} // namespace

std::vector<std::string> consensus_server_names(const LockSpec& lock) {
    return consensus_server_names(lock, ConsensusSpec{lock.etcd, lock.zookeeper});
}

std::vector<std::string> consensus_server_names(const LockSpec& lock,
                                                const ConsensusSpec& consensus) {
    const uint32_t members = raft_of(lock, consensus).members;
    const std::string prefix = lock.service == LockService::etcd ? "etcd-" : "zk-";
    std::vector<std::string> names;
    for (uint32_t i = 0; i < members; ++i) {
        names.push_back(prefix + std::to_string(i + 1));
    }
    return names;
}

void add_consensus_servers(const SystemSpec& spec, World& world) {
    add_consensus_servers(spec, ConsensusSpec{spec.lock.etcd, spec.lock.zookeeper}, world);
}

void add_consensus_servers(const SystemSpec& spec, const ConsensusSpec& consensus, World& world) {
    const std::vector<std::string> names = consensus_server_names(spec.lock, consensus);
    const auto first = static_cast<NodeId>(world.node_count());
    const std::vector<NodeId> members = member_ids(first, uint32_t(names.size()));
    for (uint32_t i = 0; i < names.size(); ++i) {
        std::unique_ptr<Node> node;
        if (spec.lock.service == LockService::etcd) {
            node = std::make_unique<EtcdServer>(consensus.etcd, spec.lock.key, members, i);
        } else {
            node =
                std::make_unique<ZooKeeperServer>(consensus.zookeeper, spec.lock.key, members, i);
        }
        const NodeId id = world.add_node(names[i], std::move(node), clock_of(spec, names[i]));
        if (id != members[i]) {
            throw std::logic_error("consensus servers must get consecutive node ids");
        }
    }
}

std::unique_ptr<LockDriver> make_consensus_driver(const SystemSpec& spec, const ClientSpec& client,
                                                  NodeId first_server, NodeId self) {
    return make_consensus_driver(spec, ConsensusSpec{spec.lock.etcd, spec.lock.zookeeper}, client,
                                 first_server, self);
}

std::unique_ptr<LockDriver> make_consensus_driver(const SystemSpec& spec,
                                                  const ConsensusSpec& consensus,
                                                  const ClientSpec& client, NodeId first_server,
                                                  NodeId self) {
    const std::vector<NodeId> members =
        member_ids(first_server, raft_of(spec.lock, consensus).members);
    if (spec.lock.service == LockService::zookeeper) {
        return std::make_unique<ZooKeeperDriver>(consensus.zookeeper, members, client, self);
    }
    if (consensus.etcd.recipe == EtcdRecipe::kube_election) {
        return std::make_unique<KubeElectionDriver>(consensus.etcd, members, client, self);
    }
    return std::make_unique<EtcdMutexDriver>(consensus.etcd, members, client, self);
}

} // namespace lockstep
