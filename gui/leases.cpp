#include "gui/leases.hpp"

#include <map>

namespace lockstep::gui {
namespace {

class LeaseTracker {
  public:
    explicit LeaseTracker(const LaneInput& in) : in_(in) {}

    std::vector<Lease> run() {
        const auto& events = in_.trace().events();
        for (uint32_t i = 0; i < events.size(); ++i) {
            on_event(i, events[i]);
        }
        // Leases still open when the run ended keep end_ns = the run's end.
        for (auto& [key, lease] : open_) {
            done_.push_back(lease);
        }
        open_.clear();
        return std::move(done_);
    }

  private:
    using Key = std::pair<NodeId, uint32_t>; // server, key name

    void on_event(uint32_t i, const TraceEvent& e) {
        if (e.kind == TraceKind::crash) {
            close_server(e.node, i, e.time.since_epoch_ns());
            return;
        }
        if (e.kind != TraceKind::model || e.node == no_node) {
            return;
        }
        const std::string_view name = in_.trace().event_name(e);
        if (name == "lock_granted" || (name == "replicated" && in_.trace().has(e, "holder"))) {
            open(i, e);
        } else if (name == "lock_expired" || name == "lock_released") {
            close(key_of(e), i, e.time.since_epoch_ns());
        } else if (name == "demoted") {
            // A returning old primary throws its dataset away.
            close_server(e.node, i, e.time.since_epoch_ns());
        }
    }

    Key key_of(const TraceEvent& e) const {
        const TraceField* f = in_.trace().find(e, "key");
        return {e.node, f == nullptr ? 0u : static_cast<uint32_t>(f->value.number)};
    }

    void open(uint32_t i, const TraceEvent& e) {
        const Key key = key_of(e);
        close(key, i, e.time.since_epoch_ns()); // a grant replaces whatever was there
        Lease lease;
        lease.server = e.node;
        lease.holder = in_.node_field(e, "holder");
        lease.key = key.second;
        lease.span = {e.time.since_epoch_ns(),
                      in_.end_ns(),
                      i,
                      no_event,
                      Style::lease,
                      in_.trace().integer(e, "token", -1),
                      lease.holder};
        open_[key] = lease;
    }

    void close(const Key& key, uint32_t i, int64_t t_ns) {
        const auto it = open_.find(key);
        if (it == open_.end()) {
            return;
        }
        it->second.span.end_ns = t_ns;
        it->second.span.end_event = i;
        done_.push_back(it->second);
        open_.erase(it);
    }

    void close_server(NodeId server, uint32_t i, int64_t t_ns) {
        for (auto it = open_.begin(); it != open_.end();) {
            const Key key = it->first;
            ++it;
            if (key.first == server) {
                close(key, i, t_ns);
            }
        }
    }

    const LaneInput& in_;
    std::map<Key, Lease> open_;
    std::vector<Lease> done_;
};

} // namespace

std::vector<Lease> extract_leases(const LaneInput& in) {
    return LeaseTracker(in).run();
}

} // namespace lockstep::gui
