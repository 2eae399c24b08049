#include "models/zookeeper_store.hpp"

#include <iterator>

#include "sim/hash.hpp"

namespace lockstep {

void ZkStore::begin_entry(uint32_t index, uint32_t term) {
    if (term != epoch_) {
        epoch_ = term;
        epoch_first_index_ = index;
    }
    zxid_ = (int64_t(epoch_) << 32) | int64_t(index - epoch_first_index_);
}

void ZkStore::create_session(uint32_t id, uint32_t timeout_ms, NodeId client) {
    sessions_[id] = Session{timeout_ms, client};
}

const ZkStore::Session* ZkStore::session(uint32_t id) const {
    const auto it = sessions_.find(id);
    return it == sessions_.end() ? nullptr : &it->second;
}

std::vector<uint32_t> ZkStore::close_session(uint32_t id) {
    std::vector<uint32_t> deleted;
    if (sessions_.erase(id) == 0) {
        return deleted;
    }
    for (auto it = children_.begin(); it != children_.end();) {
        if (it->second.session == id) {
            deleted.push_back(it->first);
            it = children_.erase(it);
        } else {
            ++it;
        }
    }
    return deleted;
}

const ZkStore::Znode* ZkStore::create(uint32_t session, uint32_t guid) {
    if (sessions_.find(session) == sessions_.end()) {
        return nullptr;
    }
    const uint32_t seq = ++cversion_;
    children_[seq] = Znode{seq, guid, session, zxid_};
    return &children_[seq];
}

bool ZkStore::remove(uint32_t seq) {
    if (children_.erase(seq) == 0) {
        return false;
    }
    ++cversion_; // a deletion changes the parent's cversion too
    return true;
}

const ZkStore::Znode* ZkStore::find(uint32_t seq) const {
    const auto it = children_.find(seq);
    return it == children_.end() ? nullptr : &it->second;
}

const ZkStore::Znode* ZkStore::lowest() const {
    return children_.empty() ? nullptr : &children_.begin()->second;
}

const ZkStore::Znode* ZkStore::next_lower(uint32_t seq) const {
    auto it = children_.lower_bound(seq);
    if (it == children_.begin()) {
        return nullptr;
    }
    return &std::prev(it)->second;
}

const ZkStore::Znode* ZkStore::with_guid(uint32_t guid) const {
    for (const auto& [seq, node] : children_) {
        if (node.guid == guid) {
            return &node;
        }
    }
    return nullptr;
}

void ZkStore::fingerprint(Hasher& h) const {
    h.add_signed(zxid_).add(epoch_).add(epoch_first_index_).add(cversion_);
    h.add(children_.size()).add(sessions_.size());
    for (const auto& [seq, n] : children_) {
        h.add(seq).add(n.guid).add(n.session).add_signed(n.czxid);
    }
    for (const auto& [id, s] : sessions_) {
        h.add(id).add(s.timeout_ms).add(s.client);
    }
}

} // namespace lockstep
