#pragma once
// A client's connection to an etcd cluster: the member it is pinned to (clientv3's balancer picks
// one endpoint and moves to the next when it stops answering) and its request ids.
#include <cstdint>
#include <vector>

#include "models/etcd_protocol.hpp"
#include "sim/node.hpp"

namespace lockstep {

class EtcdEndpoint {
  public:
    EtcdEndpoint(std::vector<NodeId> members, NodeId self)
        : members_(std::move(members)), member_(self % static_cast<uint32_t>(members_.size())) {}

    NodeId member() const { return members_[member_]; }
    uint32_t next_id() { return ++next_id_; }

    // Sends a request through the log; returns its id.
    uint32_t request(Context& ctx, uint8_t op, uint32_t a, uint32_t b) {
        Command c;
        c.op = op;
        c.request = next_id();
        c.a = a;
        c.b = b;
        ctx.send(member(), EtcdRequest{c});
        return c.request;
    }

    void switch_member(Context& ctx) {
        member_ = (member_ + 1) % static_cast<uint32_t>(members_.size());
        ctx.emit("endpoint_switched", {Field("to", ctx.node_name(member()))});
    }

    uint32_t member_index() const { return member_; }

  private:
    std::vector<NodeId> members_;
    uint32_t member_;
    uint32_t next_id_ = 0;
};

} // namespace lockstep
