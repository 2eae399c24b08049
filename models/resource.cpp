#include "models/resource.hpp"

#include "sim/hash.hpp"

namespace lockstep {

void ResourceNode::on_message(Context& ctx, const Envelope& message) {
    if (message.is<ResourceRead>()) {
        read(ctx, message);
    } else if (message.is<ResourceWrite>()) {
        write(ctx, message);
    }
}

void ResourceNode::read(Context& ctx, const Envelope& message) {
    const auto request = message.as<ResourceRead>();
    if (mode_ == FencingMode::cas) {
        // antirez: "we set its state to <token>" when starting to work with the resource.
        current_token_ = request.token;
    }
    ctx.emit("resource_read", {Field("client", ctx.node_name(message.from)),
                               Field("token", request.token), Field("value", counter_)});
    ctx.send(message.from, ResourceReadReply{counter_});
}

void ResourceNode::write(Context& ctx, const Envelope& message) {
    const auto request = message.as<ResourceWrite>();
    bool accepted = true;
    int64_t deciding = no_token;
    std::string_view reason;
    if (mode_ == FencingMode::token) {
        deciding = highest_token_;
        accepted = request.token != no_token && request.token >= highest_token_;
        reason = "stale_token";
    } else if (mode_ == FencingMode::cas) {
        deciding = current_token_;
        accepted = request.token != no_token && request.token == current_token_;
        reason = "token_mismatch";
    }
    if (!accepted) {
        ctx.emit("write_rejected",
                 {Field("client", ctx.node_name(message.from)), Field("token", request.token),
                  Field("value", request.value), Field("cycle", request.cycle),
                  Field("highest", deciding), Field("reason", reason)});
        ctx.send(message.from, ResourceWriteReply{0, deciding});
        return;
    }
    const int64_t previous = counter_;
    counter_ = request.value;
    if (mode_ == FencingMode::token) {
        highest_token_ = request.token;
    }
    ctx.emit("write_accepted",
             {Field("client", ctx.node_name(message.from)), Field("token", request.token),
              Field("value", request.value), Field("cycle", request.cycle),
              Field("previous", previous), Field("fencing", fencing_mode_name(mode_))});
    ctx.send(message.from, ResourceWriteReply{1, request.token});
}

void ResourceNode::fingerprint(Hasher& h, const LocalNow&) const {
    h.add(uint64_t(mode_))
        .add_signed(counter_)
        .add_signed(highest_token_)
        .add_signed(current_token_);
}

} // namespace lockstep
