#pragma once
// The Redlock client (docs/models/redlock.md; Redis docs "The Redlock Algorithm", LITERATURE.md
// RD-3, RD-4, RD-9). One attempt: read the time, ask every one of the N independent Redis nodes
// for the same key with a fresh unique value (one after the other, or all at once), each with a
// short per-node timeout; the lock is acquired iff a majority said OK and the validity
// `ttl - elapsed - drift` is still positive. Otherwise every node is unlocked. Retrying with a
// random delay is the lock client's job. Redlock has no fencing token.
//
// The `naive` variant reads the clock only once the replies are in, so elapsed time is never
// counted and a majority of stale OKs looks fresh (Kleppmann's KL-5 against antirez's AZ-3).
#include <vector>

#include "models/driver.hpp"
#include "models/redis_protocol.hpp"

namespace lockstep {

class RedlockDriver final : public LockDriver {
  public:
    RedlockDriver(std::vector<NodeId> servers, const LockSpec& lock, NodeId self);

    std::unique_ptr<LockDriver> clone() const override {
        return std::make_unique<RedlockDriver>(*this);
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
    bool provides_token() const override { return false; }
    ClockSource validity_clock() const override { return spec_.clock; }

  private:
    // One round of requests to every node: an acquisition attempt or an extension.
    enum class Round : uint8_t { none, acquire, extend };

    void begin_round(Context& ctx, Round round);
    void send_to(Context& ctx, size_t node);
    DriverOutcome answered(Context& ctx, size_t node, bool ok);
    DriverOutcome decide_acquire(Context& ctx);
    DriverOutcome decide_extend(Context& ctx);
    void unlock_all(Context& ctx, bool compare);
    size_t index_of(NodeId server) const;
    Time clock_now(Context& ctx) const;
    Duration drift() const;
    bool awaited(uint64_t request) const;
    uint32_t quorum() const { return uint32_t(servers_.size() / 2 + 1); }

    std::vector<NodeId> servers_;
    Duration ttl_;
    RedlockSpec spec_;
    NodeId self_;
    uint64_t nonce_ = 0;
    uint64_t value_ = 0;   // the current attempt's unique value
    uint64_t request_ = 0; // last request id (ids are unique per driver)

    Round round_ = Round::none;
    std::vector<uint64_t> pending_; // per node: this round's request in flight, 0: none
    uint32_t next_ = 0;             // the next node to ask (sequential rounds)
    uint32_t answered_ = 0;         // nodes that replied or timed out this round
    uint32_t granted_ = 0;          // of those, the ones that said OK
    Time start_;                    // when the round began, on the validity clock
};

} // namespace lockstep
