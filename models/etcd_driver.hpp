#pragma once
// The client side of etcd's concurrency.Mutex (client/v3/concurrency/{session,mutex}.go, ET-1):
// a session is a lease kept alive every TTL/3; Lock() puts pfx/<lease> if its create revision is
// 0, owns the lock if that key has the smallest create revision, and otherwise waits for every
// older key to be deleted (waitDeletes: get the newest older key, watch it, repeat). After the
// wait, the fixed Lock() (PR 11408) gets its own key again and fails with ErrSessionExpired if it
// is gone; the buggy one (issue 11456) returns success. Unlock deletes the key; the session is
// revoked when it closes. The fencing token is the key's create revision.
#include <vector>

#include "models/consensus_spec.hpp"
#include "models/driver.hpp"
#include "models/etcd_endpoint.hpp"

namespace lockstep {

class EtcdMutexDriver final : public LockDriver {
  public:
    EtcdMutexDriver(const EtcdSpec& spec, std::vector<NodeId> members, const ClientSpec& client,
                    NodeId self);

    std::unique_ptr<LockDriver> clone() const override {
        return std::make_unique<EtcdMutexDriver>(*this);
    }
    void fingerprint(Hasher& h, const LocalNow& now) const override;
    void acquire(Context& ctx) override;
    void release(Context& ctx, ReleaseMode mode) override;
    DriverOutcome on_message(Context& ctx, const Envelope& message) override;
    DriverOutcome on_timer(Context& ctx, uint64_t tag) override;
    void on_crash() override;
    bool provides_token() const override { return true; }

  private:
    enum class Step : uint8_t {
        idle,
        granting,
        locking,
        finding_older,
        watching,
        checking_own,
        holding,
        deleting,
        revoking
    };
    enum Timer : uint64_t {
        request_timeout = 1,
        keepalive = 2,
        keepalive_timeout = 3,
        deadline = 4
    };

    void send_request(Context& ctx, uint8_t op, uint32_t a, uint32_t b);
    void resend_step(Context& ctx);
    void lock_txn(Context& ctx);
    void find_older(Context& ctx);
    void start_session(Context& ctx, const EtcdGrantReply& reply);
    void end_session(Context& ctx, std::string_view why);
    void send_keepalive(Context& ctx);
    void set_deadline(Context& ctx, Time deadline_mono);
    DriverOutcome acquired(Context& ctx);
    DriverOutcome on_grant(Context& ctx, const EtcdGrantReply& reply);
    DriverOutcome on_txn(Context& ctx, const EtcdTxnReply& reply);
    DriverOutcome on_range(Context& ctx, const EtcdRangeReply& reply);
    DriverOutcome on_write(Context& ctx, const EtcdWriteReply& reply);
    DriverOutcome on_keepalive_reply(Context& ctx, const EtcdKeepAliveReply& reply);
    DriverOutcome on_watch_event(Context& ctx, const EtcdWatchEvent& event);
    DriverOutcome session_lost(Context& ctx);
    void release_done(Context& ctx);
    void arm(Context& ctx, Duration delay, Timer timer, uint64_t value);

    EtcdSpec spec_;
    EtcdEndpoint endpoint_;
    Duration request_timeout_;
    uint32_t cycles_;

    Step step_ = Step::idle;
    uint32_t request_ = 0; // the step's request in flight
    Time request_sent_mono_;
    uint32_t watch_ = 0; // the watch in flight
    uint32_t releases_ = 0;
    uint32_t release_retries_ = 0;
    bool acquire_queued_ = false; // acquire() came while the release was still in flight

    // The session.
    bool session_alive_ = false;
    uint32_t lease_ = 0;
    uint32_t ttl_s_ = 0;
    uint64_t session_epoch_ = 0; // keep-alive timers of an older session are ignored
    uint32_t keepalive_request_ = 0;
    Time keepalive_sent_mono_;
    Time lease_deadline_mono_; // what the client can know: last confirmed renewal + TTL

    int64_t my_rev_ = 0;
};

} // namespace lockstep
