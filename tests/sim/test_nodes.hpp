#pragma once
// Small nodes for testing the simulation core.
#include <functional>
#include <string>
#include <vector>

#include "sim/hash.hpp"
#include "sim/node.hpp"

namespace lockstep::test {

struct Ping {
    static constexpr std::string_view name = "test.ping";
    uint64_t n;
};
struct Pong {
    static constexpr std::string_view name = "test.pong";
    uint64_t n;
};

// Logs everything it handles as "kind:value@local_mono_ms"; behaviour comes from lambdas.
class ScriptNode final : public Node {
  public:
    std::function<void(Context&)> start;
    std::function<void(Context&, const Envelope&)> message;
    std::function<void(Context&, uint64_t)> timer;
    std::vector<std::string> log;
    int crashes = 0;

    void on_start(Context& ctx) override {
        if (start) {
            start(ctx);
        }
    }
    void on_message(Context& ctx, const Envelope& m) override {
        const uint64_t n = m.is<Ping>() ? m.as<Ping>().n : m.as<Pong>().n;
        log.push_back(std::string(m.is<Ping>() ? "ping:" : "pong:") + std::to_string(n) + "@" +
                      std::to_string(ctx.mono_now().since_epoch_ns() / 1'000'000));
        if (message) {
            message(ctx, m);
        }
    }
    void on_timer(Context& ctx, uint64_t tag) override {
        log.push_back("timer:" + std::to_string(tag) + "@" +
                      std::to_string(ctx.mono_now().since_epoch_ns() / 1'000'000));
        if (timer) {
            timer(ctx, tag);
        }
    }
    void on_crash() override {
        ++crashes;
        log.clear();
    }
    void on_restart(Context& ctx) override {
        log.push_back("restart");
        (void)ctx;
    }
    std::unique_ptr<Node> clone() const override { return std::make_unique<ScriptNode>(*this); }
    void fingerprint(Hasher& h, const LocalNow&) const override {
        for (const std::string& s : log) {
            h.add(s);
        }
    }
};

inline ScriptNode& script(World& w, NodeId id) {
    return const_cast<ScriptNode&>(static_cast<const ScriptNode&>(w.node(id)));
}

// An echo server: answers every ping with a pong carrying the same number.
inline std::unique_ptr<ScriptNode> echo_server() {
    auto node = std::make_unique<ScriptNode>();
    node->message = [](Context& ctx, const Envelope& m) {
        if (m.is<Ping>()) {
            ctx.send(m.from, Pong{m.as<Ping>().n});
        }
    };
    return node;
}

} // namespace lockstep::test
