#pragma once
// Wiring for the consensus-backed services (etcd, ZooKeeper), called from build.cpp. The
// overloads without a ConsensusSpec use its defaults until its fields move into LockSpec.
#include <memory>
#include <string>
#include <vector>

#include "models/consensus_spec.hpp"
#include "models/driver.hpp"
#include "models/spec.hpp"
#include "sim/world.hpp"

namespace lockstep {

// Names of the server nodes, in the order they are added: "etcd-1".."etcd-N", "zk-1".."zk-N".
std::vector<std::string> consensus_server_names(const LockSpec& lock);
std::vector<std::string> consensus_server_names(const LockSpec& lock,
                                                const ConsensusSpec& consensus);

// Adds the servers to the world; their ids are consecutive from the first one added.
void add_consensus_servers(const SystemSpec& spec, World& world);
void add_consensus_servers(const SystemSpec& spec, const ConsensusSpec& consensus, World& world);

// The client-side driver for the client whose node id is `self`; `first_server` is the id of the
// first server.
std::unique_ptr<LockDriver> make_consensus_driver(const SystemSpec& spec, const ClientSpec& client,
                                                  NodeId first_server, NodeId self);
std::unique_ptr<LockDriver> make_consensus_driver(const SystemSpec& spec,
                                                  const ConsensusSpec& consensus,
                                                  const ClientSpec& client, NodeId first_server,
                                                  NodeId self);

} // namespace lockstep
