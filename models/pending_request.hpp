#pragma once
// A client request that a leader proposed to the log and still owes an answer: etcd and ZooKeeper
// answer a write from the member that proposed it, once the log commits it.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "sim/ids.hpp"

namespace lockstep {

struct PendingRequest {
    NodeId client;
    uint32_t request;
};

// Removes the request from `pending` and says whether it was there.
inline bool take_pending(std::vector<PendingRequest>& pending, NodeId client, uint32_t request) {
    const auto it = std::find_if(pending.begin(), pending.end(), [&](const PendingRequest& p) {
        return p.client == client && p.request == request;
    });
    if (it == pending.end()) {
        return false;
    }
    pending.erase(it);
    return true;
}

} // namespace lockstep
