#pragma once
// A ZooKeeper server (docs/models/zookeeper.md): a member of the replicated log whose state machine
// is the data tree, the leader's session tracker, and the client side. Writes go through the log
// (a follower forwards them to the leader; the server the client spoke to answers once it applied
// them). Pings and reads are served locally, only while the server is part of a quorum (a server
// that lost its leader stops serving, as a LOOKING ZooKeeper server does), and a read waits until
// the server has seen the client's last zxid. Watches are one-shot and fire from the server's own
// copy of the tree.
#include <cstdint>
#include <string>
#include <vector>

#include "models/consensus_spec.hpp"
#include "models/pending_request.hpp"
#include "models/raft.hpp"
#include "models/zookeeper_protocol.hpp"
#include "models/zookeeper_sessions.hpp"
#include "models/zookeeper_store.hpp"

namespace lockstep {

class ZooKeeperServer final : public Node, private RaftHost {
  public:
    ZooKeeperServer(const ZooKeeperSpec& spec, std::string lock_name, std::vector<NodeId> members,
                    uint32_t self);

    void on_start(Context& ctx) override;
    void on_message(Context& ctx, const Envelope& message) override;
    void on_timer(Context& ctx, uint64_t tag) override;
    void on_crash() override;
    void on_restart(Context& ctx) override;
    std::unique_ptr<Node> clone() const override {
        return std::make_unique<ZooKeeperServer>(*this);
    }
    void fingerprint(Hasher& h, const LocalNow& now) const override;

    const Raft& raft() const { return raft_; }
    const ZkStore& store() const { return store_; }
    // The session timeout a request gets: clamped to [2 x tickTime, 20 x tickTime].
    uint32_t negotiate_ms(uint32_t requested_ms) const;

  private:
    using Pending = PendingRequest;
    struct Watch {
        NodeId client;
        uint32_t session;
        uint32_t kind; // zk_event_deleted (an exists watch on seq) or zk_event_children
        uint32_t seq;
    };
    struct DeferredRead {
        NodeId client;
        bool children;
        ZkGetChildren get_children;
        ZkExists exists;
    };
    struct OwnerView {
        bool exists = false;
        uint32_t seq = 0;
        NodeId client = no_node;
    };

    // RaftHost (zookeeper_apply.cpp).
    void apply(Context& ctx, uint32_t index, const LogEntry& entry, bool announce) override;
    void role_changed(Context& ctx, RaftRole role) override;
    void apply_create_session(Context& ctx, uint32_t index, const Command& c, bool announce);
    void apply_close_session(Context& ctx, const Command& c, bool announce);
    void apply_create(Context& ctx, const Command& c, bool announce);
    void apply_delete(Context& ctx, const Command& c, bool announce);
    void fire_watches(Context& ctx, uint32_t seq, bool deleted);
    OwnerView owner_view() const;
    void announce_owner_change(Context& ctx, const OwnerView& before, NodeId by, bool expired);
    bool take_pending(const Command& c);

    // Client side (zookeeper_server.cpp).
    void on_connect(Context& ctx, NodeId from, const ZkConnect& request);
    void on_ping(Context& ctx, NodeId from, const ZkPing& ping);
    void on_request(Context& ctx, NodeId from, Command command);
    void on_read(Context& ctx, const DeferredRead& read);
    void serve_children(Context& ctx, NodeId client, const ZkGetChildren& request);
    void serve_exists(Context& ctx, NodeId client, const ZkExists& request);
    void serve_deferred(Context& ctx);
    void touch(Context& ctx, uint32_t session);
    bool serving(Context& ctx) const { return raft_.has_live_leader(ctx); }
    void on_tick(Context& ctx);
    void arm_tick(Context& ctx);
    std::string node_path(uint32_t seq) const;

    ZooKeeperSpec spec_;
    std::string lock_name_;
    Raft raft_;
    ZkStore store_;
    ZkSessionTracker tracker_;
    std::vector<Pending> pending_;
    std::vector<Watch> watches_;
    std::vector<DeferredRead> deferred_;
    std::vector<std::pair<uint32_t, NodeId>> connections_; // session -> client connected here
    uint64_t tick_epoch_ = 0;
};

} // namespace lockstep
