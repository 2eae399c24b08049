#pragma once
// Kubernetes-style leader election (client-go leaderelection, LITERATURE ET-6) on an etcd record
// standing in for the coordination.k8s.io Lease object: a candidate reads the record and takes it
// with a compare-and-swap on its mod revision when it is free, its own, or unchanged for
// leaseDuration on the candidate's own clock (client-go trusts locally observed times, not the
// renewTime written in the record). The leader renews every retryPeriod and stops leading when no
// renewal succeeded within renewDeadline; release (ReleaseOnCancel) empties the record. Nothing
// fences a leader that was paused: it acts until its next renewal fails.
#include <vector>

#include "models/consensus_spec.hpp"
#include "models/driver.hpp"
#include "models/etcd_endpoint.hpp"

namespace lockstep {

class KubeElectionDriver final : public LockDriver {
  public:
    KubeElectionDriver(const EtcdSpec& spec, std::vector<NodeId> members, const ClientSpec& client,
                       NodeId self);

    std::unique_ptr<LockDriver> clone() const override {
        return std::make_unique<KubeElectionDriver>(*this);
    }
    void fingerprint(Hasher& h, const LocalNow& now) const override;
    void acquire(Context& ctx) override;
    void release(Context& ctx, ReleaseMode mode) override;
    DriverOutcome on_message(Context& ctx, const Envelope& message) override;
    DriverOutcome on_timer(Context& ctx, uint64_t tag) override;
    void on_crash() override;
    bool provides_token() const override { return true; }

  private:
    enum class Step : uint8_t { idle, reading, taking, leading, renewing, releasing };
    enum Timer : uint64_t { request_timeout = 1, renew = 2 };

    void send(Context& ctx, uint8_t op, uint32_t a, uint32_t b);
    void observe(Context& ctx, uint32_t holder, int64_t mod_rev);
    DriverOutcome on_record(Context& ctx, const EtcdWriteReply& reply);
    DriverOutcome on_renewed(Context& ctx, const EtcdWriteReply& reply);
    DriverOutcome stop_leading(std::string_view why);
    uint32_t me() const { return uint32_t(self_) + 1; }

    KubeElectionSpec spec_;
    EtcdEndpoint endpoint_;
    Duration request_timeout_;
    NodeId self_;

    Step step_ = Step::idle;
    uint32_t request_ = 0;
    Time request_sent_mono_;
    uint64_t term_epoch_ = 0; // renew timers of an earlier leadership are ignored
    uint32_t observed_holder_ = 0;
    int64_t observed_rev_ = -1; // -1: never read
    Time observed_mono_;        // when this client last saw the record change
    int64_t my_rev_ = 0;        // the record's revision after our last successful write
    int64_t token_ = 0;         // the revision that made us leader
    Time renewed_mono_;         // when the last successful renewal was sent
};

} // namespace lockstep
