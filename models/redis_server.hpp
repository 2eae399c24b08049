#pragma once
// A Redis node as a lock server (docs/models/redis.md). Key expiry follows Redis 7: the deadline
// is absolute wall-clock milliseconds (mstime()), a key is expired when now_ms > when_ms, checked
// lazily on access and by an active expiry cycle (hz, default 10). A wall-clock step therefore
// moves every deadline. Persistence decides what a crash keeps: nothing, the last fsync of the
// append-only file (everysec), or every write (always).
#include <cstdint>
#include <vector>

#include "models/redis_protocol.hpp"
#include "models/spec.hpp"
#include "sim/node.hpp"

namespace lockstep {

class RedisServer : public Node {
  public:
    RedisServer(RedisSpec spec, std::string key_name);

    void on_start(Context& ctx) override;
    void on_message(Context& ctx, const Envelope& message) override;
    void on_timer(Context& ctx, uint64_t tag) override;
    void on_crash() override;
    void on_restart(Context& ctx) override;
    std::unique_ptr<Node> clone() const override { return std::make_unique<RedisServer>(*this); }
    bool assign_from(const Node& other) override;
    void fingerprint(Hasher& h, const LocalNow& now) const override;

  protected:
    struct Entry {
        uint32_t key;
        uint64_t value;
        int64_t expires_at_ms; // wall-clock ms; -1: no expiry
        NodeId holder;
    };
    struct Dataset {
        std::vector<Entry> entries;
        int64_t counter = 0; // the fencing counter's last value
    };

    // Commands; they return what the reply says.
    bool set_nx(Context& ctx, const RedisSetNx& command, NodeId from, int64_t& token);
    bool del(Context& ctx, const RedisDelete& command, NodeId from);
    bool extend(Context& ctx, const RedisExtend& command, NodeId from);
    // Every write goes through here so that persistence and replication see it.
    virtual void wrote(Context& ctx);

    Entry* find_live(Context& ctx, uint32_t key);
    void expire_now(Context& ctx);
    void arm_expiry_cycle(Context& ctx);
    static int64_t now_ms(Context& ctx) { return ctx.wall_now().since_epoch_ns() / 1'000'000; }
    // Whether erasing an expired key changes nothing but the trace: no persistence to write, and
    // no replication (a subclass's wrote()). Lazy expiry on access then hides the erasure.
    bool silent_expiry() const;

    RedisSpec spec_;
    std::string key_name_;
    Dataset data_;
    Dataset durable_; // what the append-only file holds after its last fsync
    bool expiry_cycle_armed_ = false;
    bool fsync_armed_ = false;
};

} // namespace lockstep
