#pragma once
// The client side of one lock service. The lock client (client.hpp) runs the workload (acquire,
// critical section, release, renewal) and is the same for every service; a driver speaks the
// service's protocol and reports outcomes. Drivers own timer tags from `driver_timer_base` up.
#include <cstdint>
#include <memory>
#include <string_view>

#include "models/spec.hpp"
#include "sim/node.hpp"

namespace lockstep {

constexpr uint64_t driver_timer_base = uint64_t(1) << 40;

struct DriverOutcome {
    enum class Kind : uint8_t {
        none,           // nothing to report yet
        acquired,       // the client now holds the lock
        attempt_failed, // this attempt failed (busy, timeout, no majority): retry or give up
        extended,       // a renewal succeeded; validity moved
        extend_failed,
        lost, // the service says the client no longer holds the lock
    };
    Kind kind = Kind::none;
    int64_t token = -1;        // fencing token, or -1 when the service offers none
    bool has_validity = false; // whether validity_end means anything
    Time validity_end;         // on the driver's clock (validity_clock)
    std::string_view reason;   // why an attempt failed or the lock was lost

    static DriverOutcome nothing() { return {}; }
    static DriverOutcome failed(std::string_view why) {
        DriverOutcome o;
        o.kind = Kind::attempt_failed;
        o.reason = why;
        return o;
    }
};

class LockDriver {
  public:
    virtual ~LockDriver() = default;
    virtual std::unique_ptr<LockDriver> clone() const = 0;
    // A copy of `other` (same type) into this one without allocating; false: not supported.
    virtual bool assign_from(const LockDriver& other) {
        (void)other;
        return false;
    }
    virtual void fingerprint(Hasher& h, const LocalNow& now) const = 0;
    // A pending driver timer as the state's fingerprint sees it (sim/node.hpp, timer_fingerprint).
    virtual uint64_t timer_fingerprint(uint64_t tag) const { return tag; }
    // A pending message of this client as the fingerprint sees it (sim/node.hpp).
    virtual bool message_fingerprint(Hasher& h, const Envelope& message, bool incoming) const {
        (void)h;
        (void)message;
        (void)incoming;
        return false;
    }

    // Starts one acquisition attempt; its outcome comes back through on_message/on_timer.
    virtual void acquire(Context& ctx) = 0;
    // Releases the lock (fire and forget, as clients do).
    virtual void release(Context& ctx, ReleaseMode mode) = 0;
    virtual bool can_extend() const { return false; }
    virtual void extend(Context& ctx) { (void)ctx; }

    virtual DriverOutcome on_message(Context& ctx, const Envelope& message) = 0;
    virtual DriverOutcome on_timer(Context& ctx, uint64_t tag) = 0;
    // The client process died: forget everything in flight.
    virtual void on_crash() = 0;

    virtual bool provides_token() const = 0;
    // Which of the client's clocks validity_end is measured on.
    virtual ClockSource validity_clock() const { return ClockSource::monotonic; }
};

// A driver held with value semantics: a copy clones it, an assignment copies into the driver
// already there when it can (Node::assign_from, for the explorer's snapshot restores).
class DriverHandle {
  public:
    explicit DriverHandle(std::unique_ptr<LockDriver> driver) : driver_(std::move(driver)) {}
    DriverHandle(const DriverHandle& other) : driver_(other.driver_->clone()) {}
    DriverHandle& operator=(const DriverHandle& other) {
        if (this != &other && !driver_->assign_from(*other.driver_)) {
            driver_ = other.driver_->clone();
        }
        return *this;
    }
    LockDriver* operator->() const { return driver_.get(); }
    LockDriver& operator*() const { return *driver_; }

  private:
    std::unique_ptr<LockDriver> driver_;
};

} // namespace lockstep
