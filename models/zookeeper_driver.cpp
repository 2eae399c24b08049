// The lock recipe on top of the connection (zookeeper_connection.cpp).
#include "models/zookeeper_driver.hpp"

#include "sim/hash.hpp"

namespace lockstep {
namespace {

constexpr uint32_t release_attempts = 5;

} // namespace

ZooKeeperDriver::ZooKeeperDriver(const ZooKeeperSpec& spec, std::vector<NodeId> members,
                                 const ClientSpec& client, NodeId self)
    : spec_(spec), members_(std::move(members)), request_timeout_(client.request_timeout),
      cycles_(client.cycles), self_(self), member_(self % static_cast<uint32_t>(members_.size())) {}

bool ZooKeeperDriver::acquiring() const {
    return step_ == Step::waiting_connection || step_ == Step::creating || step_ == Step::listing ||
           step_ == Step::checking || step_ == Step::watching;
}

void ZooKeeperDriver::acquire(Context& ctx) {
    if (step_ == Step::deleting || step_ == Step::closing) {
        // release() returns once the node is deleted: acquiring before that would find the old
        // node still first in line and lose it to the delete in flight.
        acquire_queued_ = true;
        return;
    }
    if (my_seq_ == 0) {
        // A fresh GUID per lock attempt: the node's name carries it (Curator's protected mode).
        guid_ = (uint32_t(self_) << 16) | ((guid_ + 1) & 0xffff);
    }
    step_ = Step::waiting_connection;
    if (conn_ == Conn::connected) {
        resume(ctx);
    } else if (conn_ == Conn::none || conn_ == Conn::lost) {
        connect(ctx);
    }
}

void ZooKeeperDriver::resume(Context& ctx) {
    if (my_seq_ != 0) {
        list(ctx); // our node from an earlier attempt of this session is still in line
    } else {
        create(ctx);
    }
}

void ZooKeeperDriver::arm_request(Context& ctx) {
    arm(ctx, request_timeout_, request_timeout, request_);
}

void ZooKeeperDriver::send_write(Context& ctx, uint8_t op, uint32_t a, uint32_t b) {
    Command c;
    c.op = op;
    c.request = request_ = ++next_request_;
    c.a = a;
    c.b = b;
    ctx.send(server(), ZkRequest{c});
    arm_request(ctx);
}

void ZooKeeperDriver::create(Context& ctx) {
    step_ = Step::creating;
    ctx.point("zk_create"); // where a fault can hit the create and its reply (ZOOKEEPER-1262)
    send_write(ctx, zk_create, session_, guid_);
}

void ZooKeeperDriver::list(Context& ctx) {
    step_ = Step::listing;
    request_ = ++next_request_;
    const uint32_t watch = spec_.recipe == ZkRecipe::herd ? 1 : 0;
    ctx.send(server(), ZkGetChildren{request_, session_, my_seq_, guid_, watch, 0, last_zxid_});
    arm_request(ctx);
}

void ZooKeeperDriver::check(Context& ctx, uint32_t seq) {
    step_ = Step::checking;
    watched_seq_ = seq;
    request_ = ++next_request_;
    ctx.send(server(), ZkExists{request_, session_, seq, 1, last_zxid_});
    arm_request(ctx);
}

DriverOutcome ZooKeeperDriver::acquired() {
    step_ = Step::holding;
    DriverOutcome out;
    out.kind = DriverOutcome::Kind::acquired;
    out.token = czxid_;
    return out;
}

void ZooKeeperDriver::release(Context& ctx, ReleaseMode mode) {
    (void)mode; // the recipe deletes its own node: a stale delete gets NONODE by construction
    ++releases_;
    retries_ = 0;
    if (my_seq_ == 0 || conn_ == Conn::lost || conn_ == Conn::none) {
        step_ = Step::idle;
        return;
    }
    step_ = Step::deleting;
    send_write(ctx, zk_delete, session_, my_seq_);
}

DriverOutcome ZooKeeperDriver::on_message(Context& ctx, const Envelope& message) {
    if (message.is<ZkConnectReply>()) {
        return on_connect_reply(ctx, message.as<ZkConnectReply>());
    }
    if (message.is<ZkSessionExpired>()) {
        if (message.as<ZkSessionExpired>().session == session_ && session_ != 0) {
            return lose(ctx, "session_expired");
        }
        return DriverOutcome::nothing();
    }
    if (message.is<ZkPingReply>()) {
        const auto reply = message.as<ZkPingReply>();
        if (reply.session != session_ || session_ == 0) {
            return DriverOutcome::nothing();
        }
        if (reply.expired != 0) {
            return lose(ctx, "session_expired");
        }
        heard(ctx);
        return DriverOutcome::nothing();
    }
    if (message.is<ZkWatchEvent>()) {
        return on_watch(ctx, message.as<ZkWatchEvent>());
    }
    if (message.is<ZkCreateReply>()) {
        return on_created(ctx, message.as<ZkCreateReply>());
    }
    if (message.is<ZkChildrenReply>()) {
        return on_children(ctx, message.as<ZkChildrenReply>());
    }
    if (message.is<ZkExistsReply>()) {
        return on_exists(ctx, message.as<ZkExistsReply>());
    }
    if (message.is<ZkDeleteReply>()) {
        return on_deleted(ctx, message.as<ZkDeleteReply>());
    }
    return DriverOutcome::nothing();
}

DriverOutcome ZooKeeperDriver::on_created(Context& ctx, const ZkCreateReply& reply) {
    if (step_ != Step::creating || reply.request != request_) {
        return DriverOutcome::nothing();
    }
    heard(ctx);
    if (reply.error != 0) {
        return lose(ctx, "session_expired");
    }
    my_seq_ = reply.seq;
    czxid_ = reply.czxid;
    seen(reply.czxid);
    list(ctx);
    return DriverOutcome::nothing();
}

DriverOutcome ZooKeeperDriver::on_children(Context& ctx, const ZkChildrenReply& reply) {
    if (step_ != Step::listing || reply.request != request_) {
        return DriverOutcome::nothing();
    }
    heard(ctx);
    seen(reply.zxid);
    if (my_seq_ == 0) {
        // After a create whose answer was lost: find our node by its GUID, or create it.
        if (reply.guid_seq != 0 && spec_.guid_protection) {
            my_seq_ = reply.guid_seq;
            czxid_ = reply.guid_czxid;
            list(ctx);
        } else {
            create(ctx);
        }
        return DriverOutcome::nothing();
    }
    if (reply.own_exists == 0) {
        my_seq_ = 0; // our node is gone (Curator: NoNodeException): the attempt fails
        step_ = Step::idle;
        return DriverOutcome::failed("lock_node_lost");
    }
    if (reply.lowest_seq == my_seq_) {
        return acquired();
    }
    if (spec_.recipe == ZkRecipe::herd) {
        step_ = Step::watching; // the children watch wakes us on any change
        return DriverOutcome::nothing();
    }
    check(ctx, reply.next_lower);
    return DriverOutcome::nothing();
}

DriverOutcome ZooKeeperDriver::on_exists(Context& ctx, const ZkExistsReply& reply) {
    if (step_ != Step::checking || reply.request != request_) {
        return DriverOutcome::nothing();
    }
    heard(ctx);
    seen(reply.zxid);
    if (reply.exists != 0) {
        step_ = Step::watching;
    } else {
        list(ctx); // it went away between the two reads
    }
    return DriverOutcome::nothing();
}

DriverOutcome ZooKeeperDriver::on_watch(Context& ctx, const ZkWatchEvent& event) {
    seen(event.zxid);
    const bool ours = spec_.recipe == ZkRecipe::herd
                          ? event.kind == zk_event_children
                          : event.kind == zk_event_deleted && event.seq == watched_seq_;
    if (step_ == Step::watching && ours) {
        list(ctx);
    }
    return DriverOutcome::nothing();
}

DriverOutcome ZooKeeperDriver::on_deleted(Context& ctx, const ZkDeleteReply& reply) {
    if (reply.request != request_) {
        return DriverOutcome::nothing();
    }
    heard(ctx);
    seen(reply.zxid);
    if (step_ == Step::deleting) {
        my_seq_ = 0;
        if (releases_ >= cycles_) {
            // The application is done: close the session (its ephemerals would go anyway).
            step_ = Step::closing;
            send_write(ctx, zk_close_session, session_, 0);
            return DriverOutcome::nothing();
        }
    } else if (step_ == Step::closing) {
        ++ping_epoch_;
        session_ = 0;
        set_conn(ctx, Conn::none, "closed");
    }
    release_done(ctx);
    return DriverOutcome::nothing();
}

void ZooKeeperDriver::release_done(Context& ctx) {
    step_ = Step::idle;
    if (acquire_queued_) {
        acquire_queued_ = false;
        acquire(ctx);
    }
}

DriverOutcome ZooKeeperDriver::on_request_timeout(Context& ctx) {
    switch (step_) {
    case Step::creating:
        // The create may have happened: with protection, look for our GUID before creating again.
        if (spec_.guid_protection) {
            list(ctx);
        } else {
            create(ctx);
        }
        break;
    case Step::listing: list(ctx); break;
    case Step::checking: check(ctx, watched_seq_); break;
    case Step::deleting:
    case Step::closing:
        if (++retries_ < release_attempts) {
            send_write(ctx, step_ == Step::deleting ? zk_delete : zk_close_session, session_,
                       step_ == Step::deleting ? my_seq_ : 0);
        } else {
            my_seq_ = 0;
            release_done(ctx); // the session's expiry removes the node
        }
        break;
    default: break;
    }
    return DriverOutcome::nothing();
}

DriverOutcome ZooKeeperDriver::on_timer(Context& ctx, uint64_t tag) {
    const uint64_t raw = tag - driver_timer_base;
    const auto timer = static_cast<Timer>(raw >> 36);
    const uint64_t value = raw & ((uint64_t(1) << 36) - 1);
    switch (timer) {
    case request_timeout:
        if (value != request_ || request_ == 0 || conn_ != Conn::connected) {
            return DriverOutcome::nothing(); // a reconnection resumes the recipe
        }
        return on_request_timeout(ctx);
    case ping: return value == ping_epoch_ ? on_ping_timer(ctx) : DriverOutcome::nothing();
    case connect_timeout:
        if (value != connect_request_ || connect_request_ == 0) {
            return DriverOutcome::nothing();
        }
        return on_connect_timeout(ctx);
    }
    return DriverOutcome::nothing();
}

void ZooKeeperDriver::on_crash() {
    // The process is gone; its session lives on at the servers until it expires.
    conn_ = Conn::none;
    session_ = 0;
    step_ = Step::idle;
    acquire_queued_ = false;
    my_seq_ = 0;
    request_ = 0;
    connect_request_ = 0;
    ++ping_epoch_;
}

void ZooKeeperDriver::fingerprint(Hasher& h, const LocalNow& now) const {
    h.add(uint64_t(conn_)).add(member_).add(session_).add(timeout_ms_).add_signed(last_zxid_);
    h.add_signed((now.mono - heard_mono_).count_ns())
        .add_signed((now.mono - suspended_mono_).count_ns());
    h.add(connect_request_)
        .add(uint64_t(step_))
        .add(acquire_queued_ ? 1u : 0u)
        .add(request_)
        .add(guid_)
        .add(my_seq_);
    h.add_signed(czxid_).add(watched_seq_).add(releases_).add(retries_);
}

} // namespace lockstep
