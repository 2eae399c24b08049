#include "sim/network.hpp"

#include <algorithm>
#include <cassert>

#include "sim/chooser.hpp"
#include "sim/hash.hpp"

namespace lockstep {

Network::Network(NetworkSpec spec, size_t node_count)
    : spec_(std::move(spec)), node_count_(node_count) {
    auto varies = [](const LinkSpec& l) {
        return l.ordered && l.latency.kind != LatencySpec::Kind::constant;
    };
    track_order_ =
        varies(spec_.link) || std::any_of(spec_.overrides.begin(), spec_.overrides.end(),
                                          [&](const LinkOverride& o) { return varies(o.link); });
    const LinkSpec& l = spec_.link;
    plain_ = spec_.overrides.empty() && l.latency.kind == LatencySpec::Kind::constant &&
             l.loss_num == 0 && l.dup_num == 0 && !track_order_;
}

const LinkSpec& Network::link(NodeId from, NodeId to) const {
    // Later overrides win, so a scenario can refine a general rule.
    for (auto it = spec_.overrides.rbegin(); it != spec_.overrides.rend(); ++it) {
        if ((it->from == no_node || it->from == from) && (it->to == no_node || it->to == to)) {
            return it->link;
        }
    }
    return spec_.link;
}

bool Network::blocked(NodeId from, NodeId to) const {
    if (active_rules_ == 0) {
        return false;
    }
    for (const Rule& r : rules_) {
        if (!r.active) {
            continue;
        }
        const uint8_t a = r.group[from];
        const uint8_t b = r.group[to];
        if (a == 0 || b == 0 || a == b) {
            continue;
        }
        if (!r.one_way || (a == 1 && b == 2)) {
            return true;
        }
    }
    return false;
}

Time Network::ordered_delivery(NodeId from, NodeId to, Time at) {
    if (!track_order_) {
        return at;
    }
    Time& last = last_delivery_[uint32_t(from) << 16 | to];
    last = std::max(last, at);
    return last;
}

Network::Route Network::route(Time now, NodeId from, NodeId to, Chooser& chooser) {
    Route r;
    if (plain_) {
        // What the general path below returns for such a network, without its ~65 instructions
        // per message (a quarter of the cost of a send in bench/sim_bench.cpp).
        r.blocked = blocked(from, to);
        r.latency = spec_.link.latency.lo;
        return r;
    }
    const LinkSpec& l = link(from, to);
    r.blocked = blocked(from, to);
    if (l.loss_num > 0 && chooser.flip(ChoiceKind::loss, l.loss_num, l.loss_den)) {
        r.lost = true;
        return r;
    }
    if (lost_in_window(from, to, chooser)) {
        r.lost = true;
        return r;
    }
    r.latency = l.latency.draw(chooser);
    for (auto it = delays_.begin(); it != delays_.end(); ++it) {
        if ((it->from == no_node || it->from == from) && (it->to == no_node || it->to == to)) {
            r.latency = it->latency;
            if (--it->remaining == 0) {
                delays_.erase(it);
            }
            break;
        }
    }
    if (l.ordered) {
        r.latency = ordered_delivery(from, to, now + r.latency) - now;
    }
    if (l.dup_num > 0 && chooser.flip(ChoiceKind::duplicate, l.dup_num, l.dup_den)) {
        r.duplicate_latency = l.latency.draw(chooser);
    }
    return r;
}

bool Network::lost_in_window(NodeId from, NodeId to, Chooser& chooser) const {
    for (const LossWindow& w : losses_) {
        if ((w.from == no_node || w.from == from) && (w.to == no_node || w.to == to)) {
            // One coin per message even where windows overlap: the first open window decides.
            return chooser.flip(ChoiceKind::loss, w.loss_num, w.loss_den);
        }
    }
    return false;
}

void Network::add_loss(const Fault& fault, uint32_t rule_id) {
    losses_.push_back({rule_id, fault.from, fault.to, fault.loss_num, fault.loss_den});
    plain_ = false;
}

bool Network::end_loss(uint32_t rule_id) {
    for (auto it = losses_.begin(); it != losses_.end(); ++it) {
        if (it->id == rule_id) {
            losses_.erase(it);
            return true;
        }
    }
    return false;
}

void Network::add_partition(const Fault& fault, uint32_t rule_id) {
    Rule r;
    r.id = rule_id;
    r.active = true;
    r.one_way = fault.one_way;
    r.group.assign(node_count_, 0);
    for (size_t g = 0; g < fault.groups.size(); ++g) {
        for (NodeId n : fault.groups[g]) {
            assert(n < node_count_);
            r.group[n] = static_cast<uint8_t>(g + 1);
        }
    }
    rules_.push_back(std::move(r));
    ++active_rules_;
}

void Network::heal(uint32_t rule_id) {
    for (Rule& r : rules_) {
        if (r.id == rule_id && r.active) {
            r.active = false;
            --active_rules_;
        }
    }
}

void Network::heal_all() {
    rules_.clear();
    active_rules_ = 0;
}

void Network::add_delay(const Fault& fault) {
    delays_.push_back({fault.from, fault.to, fault.amount, fault.count});
    track_order_ = true;
    plain_ = false;
}

void Network::fingerprint(Hasher& h, Time now) const {
    // Node ids go through add_node(): under a symmetry reduction they are renamed.
    for (const Rule& r : rules_) {
        if (r.active) {
            h.add(r.id).add(r.one_way ? 1u : 0u);
            std::vector<std::pair<uint64_t, uint8_t>> groups;
            for (size_t n = 0; n < r.group.size(); ++n) {
                groups.emplace_back(h.node_map() != nullptr ? h.node_map()[n] : n, r.group[n]);
            }
            std::sort(groups.begin(), groups.end());
            for (const auto& [node, g] : groups) {
                h.add(node).add(g);
            }
        }
    }
    for (const LossWindow& w : losses_) {
        h.add(w.id).add_node(w.from).add_node(w.to).add(w.loss_num).add(w.loss_den);
    }
    for (const PendingDelay& d : delays_) {
        h.add_node(d.from).add_node(d.to).add_signed(d.latency.count_ns()).add(d.remaining);
    }
    // Link order bookkeeping only matters while a later delivery is still pending.
    auto rename = [&](uint32_t id) {
        return h.node_map() != nullptr && id != no_node ? uint32_t(h.node_map()[id]) : id;
    };
    std::vector<std::pair<uint32_t, int64_t>> pending;
    for (const auto& [key, at] : last_delivery_) {
        if (at > now) {
            pending.emplace_back(rename(key >> 16) << 16 | rename(key & 0xffff),
                                 (at - now).count_ns());
        }
    }
    std::sort(pending.begin(), pending.end());
    for (const auto& [key, rel] : pending) {
        h.add(key).add_signed(rel);
    }
}

} // namespace lockstep
