#pragma once
// The lock client, one implementation for every lock service: acquire (retry with jittered
// back-off, optional timeout), a critical section on the resource (read, think, optional validity
// check, write with or without the token), release (safe or unsafe), optional watchdog renewal.
// It records its belief (that it holds the lock) and every program point where a fault may strike.
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "models/driver.hpp"
#include "models/spec.hpp"
#include "sim/node.hpp"

namespace lockstep {

// Every program point a lock client (or its driver) reaches, where faults can strike: the
// workload's own points in order, then the drivers' (Redlock's replies in flight, ZooKeeper's
// create). The loader and the swarm read this list; client.cpp and the drivers reach them.
const std::vector<std::string_view>& client_program_points();
// The workload's points only (every client reaches these, whatever its service).
const std::vector<std::string_view>& workload_program_points();

class LockClient final : public Node {
  public:
    LockClient(ClientSpec spec, std::unique_ptr<LockDriver> driver, NodeId resource, Duration ttl);
    LockClient(const LockClient& other) = default;
    LockClient& operator=(const LockClient& other) = default;
    bool assign_from(const Node& other) override {
        *this = static_cast<const LockClient&>(other); // same type: the world's nodes line up
        return true;
    }

    void on_start(Context& ctx) override;
    void on_message(Context& ctx, const Envelope& message) override;
    void on_timer(Context& ctx, uint64_t tag) override;
    void on_crash() override;
    void on_restart(Context& ctx) override;
    std::unique_ptr<Node> clone() const override { return std::make_unique<LockClient>(*this); }
    void fingerprint(Hasher& h, const LocalNow& now) const override;
    uint64_t timer_fingerprint(uint64_t tag) const override;
    bool message_fingerprint(Hasher& h, const Envelope& message, bool incoming) const override {
        return driver_->message_fingerprint(h, message, incoming);
    }

  private:
    enum class Phase : uint8_t {
        idle,
        acquiring,
        backing_off,
        reading,
        holding,
        writing,
        thinking,
        done,
        crashed
    };
    enum Step : uint64_t {
        start_cycle = 1,
        retry,
        acquire_timeout,
        read,
        hold,
        hold_done,
        write,
        release,
        renew,
        request_timeout,
        validity_expiry,
    };

    void begin_cycle(Context& ctx);
    void attempt(Context& ctx);
    void on_outcome(Context& ctx, const DriverOutcome& outcome);
    void on_acquired(Context& ctx, const DriverOutcome& outcome);
    void on_attempt_failed(Context& ctx, const DriverOutcome& outcome);
    void give_up(Context& ctx, std::string_view reason);
    void start_read(Context& ctx);
    void start_hold(Context& ctx);
    void after_hold(Context& ctx);
    void start_write(Context& ctx);
    void release_lock(Context& ctx);
    void end_belief(Context& ctx, std::string_view reason);
    void finish_cycle(Context& ctx);
    void renew_now(Context& ctx);
    bool validity_over(Context& ctx) const;
    Time validity_clock_now(Context& ctx) const;
    void arm_validity_timer(Context& ctx);
    void on_validity_expiry(Context& ctx);

    // Timers carry the cycle epoch so that a step from an abandoned phase is ignored.
    void after(Context& ctx, Duration delay, Step step);
    void reach(Context& ctx, std::string_view point, Step step);
    // Renewal and the validity timer live as long as the belief, not as long as one step.
    static bool belief_step(Step step) { return step == renew || step == validity_expiry; }
    uint64_t tag(Step step) const {
        return ((belief_step(step) ? belief_epoch_ : epoch_) << 8) | step;
    }
    int64_t write_token() const { return spec_.use_token ? token_ : int64_t(-1); }

    ClientSpec spec_;
    DriverHandle driver_; // copies clone the driver; assignments reuse it
    NodeId resource_;
    Duration ttl_;

    Phase phase_ = Phase::idle;
    uint64_t epoch_ = 0;
    uint64_t belief_epoch_ = 0; // timers that run beside the workload's steps
    uint32_t cycle_ = 0;
    uint32_t attempts_ = 0;
    bool believes_ = false;
    bool renewing_ = false; // the watchdog gives up after its first failed renewal
    int64_t token_ = -1;
    bool has_validity_ = false;
    Time validity_end_;
    int64_t read_value_ = 0;
};

} // namespace lockstep
