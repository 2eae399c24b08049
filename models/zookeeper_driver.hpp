#pragma once
// The client side of ZooKeeper's lock recipe (recipes.md, Curator's InterProcessMutex, ZK-1..3).
// The connection (zookeeper_connection.cpp): a session with a negotiated timeout, pings every
// timeout/3, SUSPENDED when nothing was heard for 2/3 of the timeout (the ZooKeeper client's read
// timeout; it then tries the next server), RECONNECTED when a server takes the session back,
// LOST when a server says the session expired or, as Curator 3 does, when it stayed SUSPENDED for a
// whole session timeout. The recipe (zookeeper_driver.cpp): create lock/<guid>-lock-
// EPHEMERAL|SEQUENTIAL, getChildren without a watch, the lowest holds the lock, otherwise exists()
// with a watch on the next lower node only; on its deletion, look again. The naive variant leaves a
// children watch on the lock node instead, so every waiter wakes on every change (the herd).
// Unlock deletes the node. The fencing token is the node's czxid.
#include <vector>

#include "models/consensus_spec.hpp"
#include "models/driver.hpp"
#include "models/zookeeper_protocol.hpp"

namespace lockstep {

class ZooKeeperDriver final : public LockDriver {
  public:
    ZooKeeperDriver(const ZooKeeperSpec& spec, std::vector<NodeId> members,
                    const ClientSpec& client, NodeId self);

    std::unique_ptr<LockDriver> clone() const override {
        return std::make_unique<ZooKeeperDriver>(*this);
    }
    void fingerprint(Hasher& h, const LocalNow& now) const override;
    void acquire(Context& ctx) override;
    void release(Context& ctx, ReleaseMode mode) override;
    DriverOutcome on_message(Context& ctx, const Envelope& message) override;
    DriverOutcome on_timer(Context& ctx, uint64_t tag) override;
    void on_crash() override;
    bool provides_token() const override { return true; }

  private:
    enum class Conn : uint8_t { none, connecting, connected, suspended, lost };
    enum class Step : uint8_t {
        idle,
        waiting_connection,
        creating,
        listing,
        checking,
        watching,
        holding,
        deleting,
        closing
    };
    enum Timer : uint64_t { request_timeout = 1, ping = 2, connect_timeout = 3 };

    // The connection (zookeeper_connection.cpp).
    void connect(Context& ctx);
    void arm_ping(Context& ctx);
    void set_conn(Context& ctx, Conn conn, std::string_view why);
    void heard(Context& ctx);
    DriverOutcome on_connect_reply(Context& ctx, const ZkConnectReply& reply);
    DriverOutcome on_ping_timer(Context& ctx);
    DriverOutcome on_connect_timeout(Context& ctx);
    DriverOutcome suspend(Context& ctx);
    DriverOutcome lose(Context& ctx, std::string_view why);

    // The recipe (zookeeper_driver.cpp).
    void resume(Context& ctx);
    void create(Context& ctx);
    void list(Context& ctx);
    void check(Context& ctx, uint32_t seq);
    void send_write(Context& ctx, uint8_t op, uint32_t a, uint32_t b);
    void arm_request(Context& ctx);
    DriverOutcome on_created(Context& ctx, const ZkCreateReply& reply);
    DriverOutcome on_children(Context& ctx, const ZkChildrenReply& reply);
    DriverOutcome on_exists(Context& ctx, const ZkExistsReply& reply);
    DriverOutcome on_deleted(Context& ctx, const ZkDeleteReply& reply);
    DriverOutcome on_watch(Context& ctx, const ZkWatchEvent& event);
    DriverOutcome on_request_timeout(Context& ctx);
    DriverOutcome acquired();
    void release_done(Context& ctx);
    bool acquiring() const;
    void arm(Context& ctx, Duration delay, Timer timer, uint64_t value);
    NodeId server() const { return members_[member_]; }
    void seen(int64_t zxid) { last_zxid_ = std::max(last_zxid_, zxid); }

    ZooKeeperSpec spec_;
    std::vector<NodeId> members_;
    Duration request_timeout_;
    uint32_t cycles_;
    NodeId self_;

    // Connection.
    Conn conn_ = Conn::none;
    uint32_t member_ = 0;
    uint32_t session_ = 0;
    uint32_t timeout_ms_ = 0; // negotiated
    int64_t last_zxid_ = 0;
    Time heard_mono_;
    Time suspended_mono_;
    uint64_t ping_epoch_ = 0;
    uint32_t connect_request_ = 0;

    // Recipe.
    Step step_ = Step::idle;
    uint32_t next_request_ = 0;
    uint32_t request_ = 0;
    uint32_t guid_ = 0;
    uint32_t my_seq_ = 0;
    int64_t czxid_ = 0;
    uint32_t watched_seq_ = 0;
    uint32_t releases_ = 0;
    uint32_t retries_ = 0;
    bool acquire_queued_ = false; // acquire() came while the release was still in flight
};

} // namespace lockstep
