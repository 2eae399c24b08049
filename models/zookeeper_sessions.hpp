#pragma once
// The leader's session tracker (ZooKeeper's SessionTrackerImpl with its ExpiryQueue): a session
// expires at roundUp(last heard + timeout, tickTime), i.e. in (timeout, timeout + tickTime] after
// the last ping, as measured; the leader checks at every tick boundary and closes expired
// sessions through the log. A new leader gives every session its full timeout from now.
#include <cstdint>
#include <map>
#include <vector>

#include "models/zookeeper_store.hpp"
#include "sim/time.hpp"

namespace lockstep {

class ZkSessionTracker {
  public:
    explicit ZkSessionTracker(Duration tick) : tick_(tick) {}

    bool active() const { return active_; }
    void start(Time now, const ZkStore& store);
    void stop();

    void add(uint32_t session, uint32_t timeout_ms, Time now);
    // A ping (or any request) from the session's client: its expiry moves on.
    void touch(uint32_t session, Time now);
    void remove(uint32_t session) { items_.erase(session); }
    // Sessions past their expiry that no close was proposed for yet; marks them as closing.
    std::vector<uint32_t> take_expired(Time now);
    // The next tick boundary after `now`, when the expirer looks again.
    Time next_tick(Time now) const;

    void fingerprint(Hasher& h, Time now) const;

  private:
    struct Item {
        Duration timeout;
        Time expiry;
        bool closing = false;
    };
    Time round_up(Time t) const;

    Duration tick_;
    bool active_ = false;
    std::map<uint32_t, Item> items_;
};

} // namespace lockstep
