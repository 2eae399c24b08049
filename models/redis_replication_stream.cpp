// The replication stream of RedisReplicated: what the primary queues and sends after the lag,
// and what a replica applies.
#include "models/redis_replicated.hpp"

namespace lockstep {

// --- the primary queues and sends ---

void RedisReplicated::enqueue_diff(Context& ctx) {
    // Commands do not say which key they touched, so compare with what the stream already
    // carries. Datasets hold a handful of keys.
    for (const Entry& e : data_.entries) {
        const auto old = find_key(streamed_.entries, e.key);
        const bool same = old != streamed_.entries.end() && old->value == e.value &&
                          old->expires_at_ms == e.expires_at_ms && old->holder == e.holder;
        if (!same) {
            enqueue(ctx, Change::of(Change::Op::set, no_node, e, data_.counter));
        }
    }
    for (const Entry& e : streamed_.entries) {
        if (find_key(data_.entries, e.key) == data_.entries.end()) {
            enqueue(ctx, Change::of(Change::Op::del, no_node, e, data_.counter));
        }
    }
    streamed_ = data_;
}

void RedisReplicated::enqueue_full_sync(Context& ctx, NodeId replica) {
    // Queued behind earlier records so the replica never sees an older state after the sync.
    Change flush = Change::of(Change::Op::flush, replica, {}, streamed_.counter);
    flush.keys = streamed_.entries.size();
    enqueue(ctx, flush);
    for (const Entry& e : streamed_.entries) {
        enqueue(ctx, Change::of(Change::Op::set, replica, e, streamed_.counter));
    }
}

void RedisReplicated::enqueue(Context& ctx, Change change) {
    change.due_mono = ctx.mono_now() + lag_;
    queue_.push_back(change);
    if (!stream_armed_) {
        stream_armed_ = true;
        ctx.set_timer(lag_, stream_timer);
    }
}

void RedisReplicated::send_due(Context& ctx) {
    const Time now = ctx.mono_now();
    while (!queue_.empty() && queue_.front().due_mono <= now) {
        const Change change = queue_.front();
        queue_.pop_front();
        if (change.to != no_node) {
            send_change(ctx, change, change.to);
            continue;
        }
        for (const NodeId replica : replicas_) {
            send_change(ctx, change, replica);
        }
    }
    if (!queue_.empty()) {
        stream_armed_ = true;
        ctx.set_timer(queue_.front().due_mono - now, stream_timer);
    }
}

void RedisReplicated::send_change(Context& ctx, const Change& change, NodeId to) {
    const Entry& e = change.entry;
    switch (change.op) {
    case Change::Op::set:
        ctx.send(to, ReplicaSet{e.value, e.expires_at_ms, change.counter, e.key, e.holder, 0});
        break;
    case Change::Op::del: ctx.send(to, ReplicaDel{change.counter, e.key, 0}); break;
    case Change::Op::flush: ctx.send(to, ReplicaFlush{change.counter, change.keys}); break;
    }
}

// --- the replica applies ---

void RedisReplicated::apply_set(Context& ctx, const ReplicaSet& record) {
    const Entry entry{record.key, record.value, record.expires_at_ms, record.holder};
    const auto it = find_key(data_.entries, record.key);
    if (it == data_.entries.end()) {
        data_.entries.push_back(entry);
    } else {
        *it = entry;
    }
    data_.counter = record.counter;
    ctx.emit("replicated", {Field("op", "set"), Field("key", key_name_),
                            Field("holder", ctx.node_name(record.holder))});
    RedisServer::wrote(ctx); // the replica's own persistence
}

void RedisReplicated::apply_del(Context& ctx, const ReplicaDel& record) {
    const auto it = find_key(data_.entries, record.key);
    if (it != data_.entries.end()) {
        data_.entries.erase(it);
    }
    data_.counter = record.counter;
    ctx.emit("replicated", {Field("op", "del"), Field("key", key_name_)});
    RedisServer::wrote(ctx);
}

void RedisReplicated::apply_flush(Context& ctx, const ReplicaFlush& record) {
    data_ = Dataset{};
    data_.counter = record.counter;
    synced_ = true;
    ctx.emit("full_sync", {Field("primary", ctx.node_name(primary_)), Field("keys", record.keys)});
    RedisServer::wrote(ctx);
}

} // namespace lockstep
