#include "checker/timeline.hpp"

#include <map>

namespace lockstep {
namespace {

class Extractor {
  public:
    Extractor(const Trace& trace, Time end) : trace_(trace) {
        facts_.end = end;
        facts_.is_client.assign(trace.node_names().size(), false);
        facts_.down_at_end.assign(trace.node_names().size(), false);
        facts_.is_lock_server.assign(trace.node_names().size(), false);
        read_server_roles();
        open_belief_.assign(trace.node_names().size(), SIZE_MAX);
        open_wait_.assign(trace.node_names().size(), SIZE_MAX);
        open_pause_.assign(trace.node_names().size(), SIZE_MAX);
    }

    Facts run() {
        const auto& events = trace_.events();
        for (size_t i = 0; i < events.size(); ++i) {
            on_event(i, events[i]);
        }
        close_all();
        return std::move(facts_);
    }

  private:
    void on_event(size_t i, const TraceEvent& e) {
        switch (e.kind) {
        case TraceKind::pause_begin:
            if (open_pause_[e.node] != SIZE_MAX) {
                return; // an extension of the pause already open
            }
            open_pause_[e.node] = facts_.pauses.size();
            facts_.pauses.push_back({e.node, e.time, facts_.end, i});
            return;
        case TraceKind::pause_end: close(open_pause_[e.node], e.time); return;
        case TraceKind::restart: facts_.down_at_end[e.node] = false; return;
        case TraceKind::crash:
            facts_.down_at_end[e.node] = true;
            close_belief(e.node, e.time, i, "crashed");
            close_wait(e.node, e.time, false);
            close(open_pause_[e.node], e.time);
            return;
        case TraceKind::model: on_model(i, e); return;
        default: return;
        }
    }

    void read_server_roles() {
        for (const auto& [key, value] : trace_.meta()) {
            if (key != "servers") {
                continue;
            }
            roles_known_ = true;
            size_t start = 0;
            while (start <= value.size()) {
                size_t end = value.find(',', start);
                end = end == std::string::npos ? value.size() : end;
                const NodeId n =
                    trace_.find_node(std::string_view(value).substr(start, end - start));
                if (n != no_node) {
                    facts_.is_lock_server[n] = true;
                }
                start = end + 1;
            }
        }
    }

    void on_model(size_t i, const TraceEvent& e) {
        const std::string_view name = trace_.event_name(e);
        if (!roles_known_ && name.rfind("lock_", 0) == 0) {
            facts_.is_lock_server[e.node] = true;
        }
        if (name == "acquire_start") {
            facts_.is_client[e.node] = true;
            open_wait_[e.node] = facts_.waits.size();
            facts_.waits.push_back({e.node, e.time, facts_.end, i, false, true, 0});
        } else if (name == "acquire_attempt_failed") {
            if (open_wait_[e.node] != SIZE_MAX) {
                ++facts_.waits[open_wait_[e.node]].failed_attempts;
            }
        } else if (name == "acquire_gave_up") {
            close_wait(e.node, e.time, false);
        } else if (name == "acquired") {
            facts_.is_client[e.node] = true;
            close_wait(e.node, e.time, true);
            open_belief_[e.node] = facts_.beliefs.size();
            facts_.beliefs.push_back({e.node, trace_.integer(e, "cycle", 0),
                                      trace_.integer(e, "token", -1), e.time, facts_.end, i,
                                      SIZE_MAX, "run_ended"});
        } else if (name == "belief_end") {
            close_belief(e.node, e.time, i, std::string(trace_.text_field(e, "reason")));
        } else if (name == "write_accepted" || name == "write_rejected") {
            facts_.writes.push_back({i, e.time, trace_.find_node(trace_.text_field(e, "client")),
                                     trace_.integer(e, "cycle", 0), trace_.integer(e, "token", -1),
                                     trace_.integer(e, "value", 0),
                                     trace_.integer(e, "previous", 0), name == "write_accepted"});
        }
    }

    void close(size_t& index, Time t) {
        if (index != SIZE_MAX) {
            facts_.pauses[index].end = t;
            index = SIZE_MAX;
        }
    }
    void close_belief(NodeId node, Time t, size_t event, std::string reason) {
        size_t& index = open_belief_[node];
        if (index == SIZE_MAX) {
            return;
        }
        Belief& b = facts_.beliefs[index];
        b.end = t;
        b.end_event = event;
        b.end_reason = std::move(reason);
        index = SIZE_MAX;
    }
    void close_wait(NodeId node, Time t, bool succeeded) {
        size_t& index = open_wait_[node];
        if (index == SIZE_MAX) {
            return;
        }
        Wait& w = facts_.waits[index];
        w.end = t;
        w.succeeded = succeeded;
        w.open = false;
        index = SIZE_MAX;
    }
    void close_all() {} // open intervals already end at facts_.end

    const Trace& trace_;
    Facts facts_;
    std::vector<size_t> open_belief_;
    std::vector<size_t> open_wait_;
    std::vector<size_t> open_pause_;
    bool roles_known_ = false;
};

} // namespace

Facts extract_facts(const Trace& trace, Time end) {
    return Extractor(trace, end).run();
}

bool paused_at(const Facts& facts, NodeId node, Time t) {
    for (const Interval& p : facts.pauses) {
        if (p.node == node && p.begin <= t && t < p.end) {
            return true;
        }
    }
    return false;
}

} // namespace lockstep
