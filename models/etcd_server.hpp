#pragma once
// An etcd member (docs/models/etcd.md): a Raft member whose state machine is the etcd store, the
// leader's lessor, and the client-facing side: writes go through the log (a follower forwards
// them to its leader, and the member the client spoke to answers once it applied the entry),
// linearizable reads through ReadIndex,
// keep-alives go to the leader's lessor, watches are served by the member from its own store.
#include <cstdint>
#include <string>
#include <vector>

#include "models/consensus_spec.hpp"
#include "models/etcd_lessor.hpp"
#include "models/etcd_protocol.hpp"
#include "models/etcd_store.hpp"
#include "models/pending_request.hpp"
#include "models/raft.hpp"

namespace lockstep {

class EtcdServer final : public Node, private RaftHost {
  public:
    EtcdServer(const EtcdSpec& spec, std::string lock_name, std::vector<NodeId> members,
               uint32_t self);

    void on_start(Context& ctx) override;
    void on_message(Context& ctx, const Envelope& message) override;
    void on_timer(Context& ctx, uint64_t tag) override;
    void on_crash() override;
    void on_restart(Context& ctx) override;
    std::unique_ptr<Node> clone() const override { return std::make_unique<EtcdServer>(*this); }
    void fingerprint(Hasher& h, const LocalNow& now) const override;

    const Raft& raft() const { return raft_; }
    const EtcdStore& store() const { return store_; }
    // The smallest TTL a grant gets: ceil(1.5 x election timeout) in whole seconds (measured).
    uint32_t min_ttl_s() const;

  private:
    using Pending = PendingRequest;
    struct PendingRead {
        uint64_t token;
        Command command;
    };
    struct Watch {
        NodeId client;
        uint32_t watch;
        uint32_t key;
        uint32_t start_rev;
    };
    // The lock's owner before an entry applied, for the lock-level trace events.
    struct OwnerView {
        bool exists = false;
        uint32_t lease = 0;
        NodeId client = no_node;
    };

    // RaftHost (etcd_apply.cpp).
    void apply(Context& ctx, uint32_t index, const LogEntry& entry, bool announce) override;
    void role_changed(Context& ctx, RaftRole role) override;
    void read_ready(Context& ctx, uint64_t token) override;

    void apply_grant(Context& ctx, uint32_t index, const Command& c, bool announce);
    void apply_revoke(Context& ctx, const Command& c, bool announce);
    void apply_lock_txn(Context& ctx, const Command& c, bool announce);
    void apply_delete(Context& ctx, const Command& c, bool announce);
    void apply_record(Context& ctx, const Command& c, bool announce);
    OwnerView owner_view() const;
    void announce_owner_change(Context& ctx, const OwnerView& before, NodeId by, bool expired);
    bool take_pending(const Command& c);
    template <class Reply>
    void answer(Context& ctx, const Command& c, const Reply& reply) {
        if (take_pending(c)) {
            ctx.send(c.client, reply);
        }
    }

    // Client side (etcd_server.cpp).
    void on_request(Context& ctx, NodeId from, Command command);
    void on_keepalive(Context& ctx, NodeId from, const EtcdKeepAlive& request);
    void on_watch(Context& ctx, NodeId from, const EtcdWatch& request);
    void check_watches(Context& ctx);
    void on_lessor_tick(Context& ctx);
    void arm_lessor(Context& ctx);
    std::string key_name(uint32_t lease) const;
    std::string_view client_name(Context& ctx, uint32_t lease) const;

    EtcdSpec spec_;
    std::string lock_name_;
    Raft raft_;
    EtcdStore store_;
    EtcdLessor lessor_;
    std::vector<Pending> pending_;
    std::vector<PendingRead> pending_reads_; // linearizable reads waiting for ReadIndex
    uint64_t next_read_ = 0;
    std::vector<Watch> watches_;
    uint64_t lessor_epoch_ = 0;
};

} // namespace lockstep
