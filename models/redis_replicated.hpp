#pragma once
// A Redis node in a primary/replica deployment under Sentinel (docs/models/redis-replicated.md,
// LITERATURE.md RD-2). The primary serves lock commands like a single node and streams every
// change of its dataset to its replicas asynchronously, `replication_lag` after the write: a
// grant acknowledged to a client and lost with the primary before that is gone for good. A replica
// refuses lock commands (READONLY) and applies the stream. The Sentinel switches roles: a promoted
// replica becomes primary with what it has; a demoted primary discards its dataset and resyncs.
#include <algorithm>
#include <deque>
#include <vector>

#include "models/redis_replication_protocol.hpp"
#include "models/redis_server.hpp"

namespace lockstep {

class RedisReplicated final : public RedisServer {
  public:
    // `primary` is no_node for the node that starts as primary.
    RedisReplicated(RedisSpec spec, std::string key_name, Duration replication_lag, NodeId primary);

    void on_start(Context& ctx) override;
    void on_message(Context& ctx, const Envelope& message) override;
    void on_timer(Context& ctx, uint64_t tag) override;
    void on_crash() override;
    void on_restart(Context& ctx) override;
    std::unique_ptr<Node> clone() const override {
        return std::make_unique<RedisReplicated>(*this);
    }
    void fingerprint(Hasher& h, const LocalNow& now) const override;

    bool is_primary() const { return primary_ == no_node; }

  protected:
    void wrote(Context& ctx) override;

  private:
    // RedisServer owns the small timer tags (expiry cycle, fsync).
    static constexpr uint64_t stream_timer = 100;
    static constexpr uint64_t hello_timer = 101;

    template <class Entries>
    static auto find_key(Entries& entries, uint32_t key) {
        return std::find_if(entries.begin(), entries.end(),
                            [&](const auto& e) { return e.key == key; });
    }

    // One record of the replication stream, waiting for its lag to pass.
    struct Change {
        enum class Op : uint8_t { set, del, flush };
        Op op = Op::set;
        Time due_mono;
        NodeId to = no_node; // no_node: every replica
        Entry entry{};       // set: the key's state; del: its key
        int64_t counter = 0;
        uint64_t keys = 0; // flush: how many set records follow

        static Change of(Op op, NodeId to, const Entry& entry, int64_t counter) {
            Change c;
            c.op = op;
            c.to = to;
            c.entry = entry;
            c.counter = counter;
            return c;
        }
    };

    bool on_stream(Context& ctx, const Envelope& message);
    bool on_sentinel(Context& ctx, const Envelope& message);
    void refuse(Context& ctx, const Envelope& message);
    void apply_set(Context& ctx, const ReplicaSet& record);
    void apply_del(Context& ctx, const ReplicaDel& record);
    void apply_flush(Context& ctx, const ReplicaFlush& record);
    void add_replica(Context& ctx, NodeId replica);
    void promote(Context& ctx);
    void replicate_from(Context& ctx, NodeId primary);
    void send_hello(Context& ctx);
    void retry_hello(Context& ctx);

    void enqueue_diff(Context& ctx);
    void enqueue_full_sync(Context& ctx, NodeId replica);
    void enqueue(Context& ctx, Change change);
    void send_due(Context& ctx);
    void send_change(Context& ctx, const Change& change, NodeId to);

    Duration lag_;
    NodeId primary_;               // whom this node replicates from; no_node: it is the primary
    std::vector<NodeId> replicas_; // primary: who receives the stream
    bool synced_ = false;          // replica: a full sync arrived since the last hello
    Dataset streamed_;             // primary: the dataset as the queued stream leaves it
    std::deque<Change> queue_;
    bool stream_armed_ = false;
    bool hello_armed_ = false;
};

} // namespace lockstep
