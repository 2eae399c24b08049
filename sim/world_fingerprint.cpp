// State fingerprints for the explorer's visited set: everything that decides the future, with
// times relative to now, through the nodes' hooks for tags and message ids, and optionally with
// interchangeable nodes renamed into a canonical order (symmetry reduction).
#include <algorithm>
#include <cstring>

#include "sim/hash.hpp"
#include "sim/world.hpp"

namespace lockstep {

bool World::hash_message(Hasher& h, const EventRecord& r) const {
    if (r.kind != EventKind::message) {
        return false;
    }
    const Envelope message{r.from, r.type, 0, &r.body};
    return (r.to < nodes_.size() && nodes_[r.to].node->message_fingerprint(h, message, true)) ||
           (r.from < nodes_.size() && nodes_[r.from].node->message_fingerprint(h, message, false));
}

bool World::hash_event(Hasher& h, const QueueKey& k) const {
    const EventRecord& r = queue_.record(static_cast<uint32_t>(k.seq_slot & slot_mask));
    if (r.kind == EventKind::timer) {
        TimerBody timer;
        std::memcpy(&timer, r.body.bytes, sizeof timer);
        if (r.cancelled != 0 || timer.incarnation != nodes_[r.to].incarnation) {
            return false;
        }
        const uint64_t tag = nodes_[r.to].node->timer_fingerprint(timer.tag);
        if (tag == Node::dead_timer) {
            return false;
        }
        h.add(tag);
    } else if (!hash_message(h, r)) {
        // Word by word: bodies are padding-free (sim/message.hpp), unused words are zero.
        uint64_t words[sizeof r.body / sizeof(uint64_t)];
        std::memcpy(words, r.body.bytes, sizeof words);
        for (uint64_t w : words) {
            h.add(w);
        }
    }
    auto rename = [&](NodeId id) {
        return uint64_t(h.node_map() != nullptr && id != no_node ? h.node_map()[id] : id);
    };
    h.add_signed(k.time_ns - now_.since_epoch_ns());
    h.add(uint64_t(r.kind) << 48 | uint64_t(r.type) << 32 | rename(r.to) << 16 | rename(r.from));
    return true;
}

void World::hash_node(Hasher& h, NodeId id) const {
    const NodeSlot& n = nodes_[id];
    const int64_t paused_ns = n.paused_until > now_ ? (n.paused_until - now_).count_ns() : 0;
    h.add(uint64_t(paused_ns) << 1 | (n.crashed ? 1u : 0u));
    n.clock.fingerprint(h, now_);
    if (!n.crashed) {
        n.node->fingerprint(h, LocalNow{n.clock.wall(now_), n.clock.mono(now_)});
    }
    // Deferred events replay in arrival order when the pause ends (a TCP stream stays in order).
    if (!n.deferred.empty()) {
        h.add(n.deferred.size());
    }
    for (const QueueKey& k : n.deferred) {
        hash_event(h, k);
    }
}

// Queue keys in the order they are hashed: by time, then by sequence. When the chooser orders
// ties, the order among same-instant events of different links is a choice anyway, so it is
// hashed by (renamed) destination and source instead, keeping the sequence only within a link.
std::vector<QueueKey> World::hash_order(const NodeId* map) const {
    struct Item {
        QueueKey key;
        uint32_t link;
    };
    const bool ties_free = chooser_ != nullptr && chooser_->orders_ties();
    std::vector<Item> items;
    items.reserve(queue_.size());
    for (const QueueKey& k : queue_.keys()) {
        const EventRecord& r = queue_.record(static_cast<uint32_t>(k.seq_slot & slot_mask));
        auto rename = [&](NodeId id) { return map != nullptr && id != no_node ? map[id] : id; };
        const uint32_t link = ties_free ? uint32_t(rename(r.to)) << 16 | rename(r.from) : 0;
        items.push_back({k, link});
    }
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
        if (a.key.time_ns != b.key.time_ns) {
            return a.key.time_ns < b.key.time_ns;
        }
        return a.link != b.link ? a.link < b.link : a.key.seq_slot < b.key.seq_slot;
    });
    std::vector<QueueKey> keys;
    keys.reserve(items.size());
    for (const Item& i : items) {
        keys.push_back(i.key);
    }
    return keys;
}

uint64_t World::fingerprint() const {
    return fingerprint(nullptr);
}

uint64_t World::fingerprint(const NodeId* map) const {
    Hasher h = Hasher::fast();
    h.set_node_map(map);
    std::vector<NodeId> at(nodes_.size()); // canonical position -> node
    for (size_t i = 0; i < nodes_.size(); ++i) {
        at[map != nullptr ? map[i] : i] = static_cast<NodeId>(i);
    }
    for (NodeId id : at) {
        hash_node(h, id);
    }
    for (const QueueKey& k : hash_order(map)) {
        hash_event(h, k);
    }
    // Held messages go out again in this order, each drawing a fresh latency.
    h.add(held_.size());
    for (const QueueKey& k : held_) {
        hash_event(h, k);
    }
    network_.fingerprint(h, now_);
    for (const PointWatch& w : watches_) {
        h.add(w.seen);
    }
    if (menu_->active()) {
        h.add(menu_->budget - std::min(menu_faults_, menu_->budget)); // the faults still to come
    }
    return h.value();
}

uint64_t World::symmetry_key(NodeId id) const {
    // The node's own part of the state with its id blanked out, so that two interchangeable
    // nodes in the same situation get the same key.
    std::vector<NodeId> self_blank(nodes_.size());
    for (size_t i = 0; i < nodes_.size(); ++i) {
        self_blank[i] = static_cast<NodeId>(i);
    }
    self_blank[id] = no_node - 1;
    Hasher h = Hasher::fast();
    h.set_node_map(self_blank.data());
    hash_node(h, id);
    std::vector<uint64_t> events;
    for (const QueueKey& k : queue_.keys()) {
        const EventRecord& r = queue_.record(static_cast<uint32_t>(k.seq_slot & slot_mask));
        Hasher e = Hasher::fast();
        e.set_node_map(self_blank.data());
        if ((r.to == id || r.from == id) && hash_event(e, k)) {
            events.push_back(e.value());
        }
    }
    std::sort(events.begin(), events.end());
    for (uint64_t e : events) {
        h.add(e);
    }
    return h.value();
}

} // namespace lockstep
