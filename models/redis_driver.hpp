#pragma once
// The client side of a single-instance Redis lock (Redis docs, "Correct implementation with a
// single instance"): SET key value NX PX ttl; release with the compare-and-delete script (or a
// plain DEL, the classic mistake); extend with compare-and-extend. Validity, when the client
// checks it, runs from the moment it sent the SET: the key cannot outlive that by the server's
// clock unless clocks misbehave.
#include "models/driver.hpp"
#include "models/redis_protocol.hpp"

namespace lockstep {

class RedisDriver final : public LockDriver {
  public:
    RedisDriver(NodeId server, const LockSpec& lock, Duration request_timeout, NodeId self);

    std::unique_ptr<LockDriver> clone() const override {
        return std::make_unique<RedisDriver>(*this);
    }
    bool assign_from(const LockDriver& other) override {
        *this = static_cast<const RedisDriver&>(other);
        return true;
    }
    void fingerprint(Hasher& h, const LocalNow& now) const override;
    uint64_t timer_fingerprint(uint64_t tag) const override;
    bool message_fingerprint(Hasher& h, const Envelope& message, bool incoming) const override;
    void acquire(Context& ctx) override;
    void release(Context& ctx, ReleaseMode mode) override;
    bool can_extend() const override { return ttl_ > Duration::zero(); }
    void extend(Context& ctx) override;
    DriverOutcome on_message(Context& ctx, const Envelope& message) override;
    DriverOutcome on_timer(Context& ctx, uint64_t tag) override;
    void on_crash() override;
    bool provides_token() const override { return want_token_; }

  private:
    NodeId server_;
    Duration ttl_;
    bool want_token_;
    Duration request_timeout_;
    NodeId self_;
    uint64_t value_ = 0; // the current acquisition's unique value
    uint64_t nonce_ = 0;
    bool value_used_ = true;       // the value won a lock: the next acquisition draws a new one
    uint64_t request_ = 0;         // last request id
    uint64_t pending_acquire_ = 0; // request id of the SET in flight, 0: none
    uint64_t pending_extend_ = 0;
    Time sent_mono_; // when the SET (or the extension) was sent
    Time extend_sent_mono_;
};

} // namespace lockstep
