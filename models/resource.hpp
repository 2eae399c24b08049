#pragma once
// The protected resource: a storage server holding a read-modify-write counter. Three modes:
// no fencing; monotonic fencing tokens (Chubby's sequencer, Kleppmann's fencing token: reject any
// token below the highest accepted); token compare-and-set (antirez's reply: a holder sets the
// resource's current token when it starts, and its write succeeds only if that is unchanged).
#include <cstdint>

#include "models/spec.hpp"
#include "sim/node.hpp"

namespace lockstep {

constexpr int64_t no_token = -1;

struct ResourceRead {
    static constexpr std::string_view name = "storage.read";
    int64_t token;
};
struct ResourceReadReply {
    static constexpr std::string_view name = "storage.read_reply";
    int64_t value;
};
struct ResourceWrite {
    static constexpr std::string_view name = "storage.write";
    int64_t token;
    int64_t value;
    int64_t cycle; // the writer's acquisition number: the checker ties the write to its tenure
};
struct ResourceWriteReply {
    static constexpr std::string_view name = "storage.write_reply";
    int64_t accepted; // 0 or 1
    int64_t highest;  // the token that decided it
};

class ResourceNode final : public Node {
  public:
    explicit ResourceNode(FencingMode mode) : mode_(mode) {}

    void on_message(Context& ctx, const Envelope& message) override;
    void on_crash() override {} // storage is durable: it survives crashes
    std::unique_ptr<Node> clone() const override { return std::make_unique<ResourceNode>(*this); }
    bool assign_from(const Node& other) override {
        *this = static_cast<const ResourceNode&>(other);
        return true;
    }
    void fingerprint(Hasher& h, const LocalNow& now) const override;

    int64_t counter() const { return counter_; }

  private:
    void read(Context& ctx, const Envelope& message);
    void write(Context& ctx, const Envelope& message);

    FencingMode mode_;
    int64_t counter_ = 0;
    int64_t highest_token_ = no_token; // token mode: the highest accepted
    int64_t current_token_ = no_token; // cas mode: the token the last reader set
};

} // namespace lockstep
