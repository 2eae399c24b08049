#pragma once
// ZooKeeper's data tree as the lock recipe sees it: the persistent lock node and its EPHEMERAL|
// SEQUENTIAL children, sessions that own ephemerals, and zxids. A child's name is
// `<guid>-lock-<seq>` with seq taken from the parent's counter (ZooKeeper's cversion), so a
// child is identified by its seq. A zxid is epoch << 32 | counter, where the epoch is the term of
// the leader that appended the entry and the counter restarts at 0 with the leader's first
// (empty) entry, so the first write of a new leader has counter 1 (measured 0x2_00000001).
#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

#include "sim/ids.hpp"

namespace lockstep {

class Hasher;

class ZkStore {
  public:
    struct Znode {
        uint32_t seq = 0;
        uint32_t guid = 0;
        uint32_t session = 0; // the ephemeral owner
        int64_t czxid = 0;
    };
    struct Session {
        uint32_t timeout_ms = 0;
        NodeId client = no_node;
    };

    // Called before each entry is applied: sets the zxid that entry gets.
    void begin_entry(uint32_t index, uint32_t term);
    int64_t last_zxid() const { return zxid_; }

    void create_session(uint32_t id, uint32_t timeout_ms, NodeId client);
    const Session* session(uint32_t id) const;
    const std::map<uint32_t, Session>& sessions() const { return sessions_; }
    // Closes a session and deletes its ephemerals; returns their seqs (empty if none or unknown).
    std::vector<uint32_t> close_session(uint32_t id);

    // Creates a child for a live session; nullptr if the session is gone (SESSIONEXPIRED).
    const Znode* create(uint32_t session, uint32_t guid);
    bool remove(uint32_t seq);
    const Znode* find(uint32_t seq) const;
    const Znode* lowest() const;
    const Znode* next_lower(uint32_t seq) const;
    const Znode* with_guid(uint32_t guid) const;
    size_t children() const { return children_.size(); }

    void fingerprint(Hasher& h) const;

  private:
    int64_t zxid_ = 0;
    uint32_t epoch_ = 0;
    uint32_t epoch_first_index_ = 0;
    uint32_t cversion_ = 0; // the lock node's child counter: the next sequence suffix
    std::map<uint32_t, Znode> children_;
    std::map<uint32_t, Session> sessions_;
};

} // namespace lockstep
