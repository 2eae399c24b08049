#pragma once
// The client side of a Sentinel-managed Redis (docs/models/redis-replicated.md): the
// single-instance lock protocol (SET NX PX, compare-and-delete, compare-and-extend) sent to
// whichever node the Sentinel names as primary. The client asks the Sentinel first, and again after
// any request timed out or was refused as READONLY, as Sentinel-aware client libraries do.
#include "models/driver.hpp"
#include "models/redis_protocol.hpp"
#include "models/redis_replication_protocol.hpp"

namespace lockstep {

class RedisFailoverDriver final : public LockDriver {
  public:
    RedisFailoverDriver(NodeId sentinel, const LockSpec& lock, Duration request_timeout,
                        NodeId self);

    std::unique_ptr<LockDriver> clone() const override {
        return std::make_unique<RedisFailoverDriver>(*this);
    }
    void fingerprint(Hasher& h, const LocalNow& now) const override;
    void acquire(Context& ctx) override;
    void release(Context& ctx, ReleaseMode mode) override;
    bool can_extend() const override { return ttl_ > Duration::zero(); }
    void extend(Context& ctx) override;
    DriverOutcome on_message(Context& ctx, const Envelope& message) override;
    DriverOutcome on_timer(Context& ctx, uint64_t tag) override;
    void on_crash() override;
    bool provides_token() const override { return want_token_; }

  private:
    // What a primary lookup is for: the command to send once the answer is in.
    enum class Then : uint8_t { set, extend };

    void ask_sentinel(Context& ctx, Then then);
    void send_set(Context& ctx);
    void send_extend(Context& ctx);
    DriverOutcome on_primary(Context& ctx, const SentinelPrimaryIs& reply);
    DriverOutcome on_set_reply(const RedisSetReply& reply);
    DriverOutcome on_extend_reply(const RedisExtendReply& reply);
    DriverOutcome on_readonly(const RedisReadonly& reply);
    DriverOutcome lost_primary(uint64_t request, std::string_view why);

    NodeId sentinel_;
    Duration ttl_;
    bool want_token_;
    Duration request_timeout_;
    NodeId self_;
    NodeId primary_ = no_node; // as the Sentinel last said; no_node: ask
    uint64_t value_ = 0;
    uint64_t nonce_ = 0;
    uint64_t request_ = 0;
    uint64_t pending_lookup_ = 0; // request ids in flight, 0: none
    Then lookup_then_ = Then::set;
    uint64_t pending_acquire_ = 0;
    uint64_t pending_extend_ = 0;
    Time sent_mono_; // when the SET was sent: validity runs from there
    Time extend_sent_mono_;
};

} // namespace lockstep
