#pragma once
// A Redis Sentinel (docs/models/redis-replicated.md): pings every Redis node each `ping_interval`;
// when the primary has not answered for `down_after` it promotes the first replica it has heard
// from within `down_after`, points the others at it, and tells the old primary to become a
// replica when it answers again. One sentinel, so quorum and leader election are trivially won.
// Clients ask it who the primary is.
#include <vector>

#include "models/spec.hpp"
#include "sim/node.hpp"

namespace lockstep {

class RedisSentinel final : public Node {
  public:
    // `servers[0]` starts as primary.
    RedisSentinel(ReplicationSpec spec, std::vector<NodeId> servers);

    void on_start(Context& ctx) override;
    void on_message(Context& ctx, const Envelope& message) override;
    void on_timer(Context& ctx, uint64_t tag) override;
    void on_crash() override {}
    std::unique_ptr<Node> clone() const override { return std::make_unique<RedisSentinel>(*this); }
    void fingerprint(Hasher& h, const LocalNow& now) const override;

    NodeId primary() const { return servers_[primary_]; }

  private:
    void tick(Context& ctx);
    void check_primary(Context& ctx);
    void failover(Context& ctx, size_t to);
    void on_pong(Context& ctx, const Envelope& message);
    bool reachable(Context& ctx, size_t server) const;
    size_t index_of(NodeId server) const;

    ReplicationSpec spec_;
    std::vector<NodeId> servers_;
    size_t primary_ = 0;
    std::vector<Time> last_heard_mono_; // per server
    uint64_t seq_ = 0;
    uint64_t epoch_ = 0;        // failovers so far (Sentinel's config epoch)
    bool primary_down_ = false; // reported as down, no failover possible yet
};

} // namespace lockstep
