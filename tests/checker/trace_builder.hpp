#pragma once
// Hand-built traces for checker tests: a few lines per story, no simulation involved.
#include <initializer_list>

#include "sim/trace.hpp"

namespace lockstep::test {

class TraceBuilder {
  public:
    explicit TraceBuilder(std::vector<std::string> nodes) {
        trace_.set_node_names(std::move(nodes));
    }

    TraceBuilder& model(double at_s, NodeId node, std::string_view name,
                        std::initializer_list<Field> fields = {}) {
        trace_.add(event(at_s, node, TraceKind::model, trace_.intern(name)), fields);
        return *this;
    }
    TraceBuilder& kind(double at_s, NodeId node, TraceKind kind,
                       std::initializer_list<Field> fields = {}) {
        trace_.add(event(at_s, node, kind, 0), fields);
        return *this;
    }
    TraceBuilder& meta(std::string key, std::string value) {
        trace_.set_meta(std::move(key), std::move(value));
        return *this;
    }
    const Trace& trace() const { return trace_; }

  private:
    static TraceEvent event(double at_s, NodeId node, TraceKind kind, uint32_t name) {
        TraceEvent e;
        e.time = Time::from_ns(int64_t(at_s * 1e9));
        e.local = e.time;
        e.node = node;
        e.kind = kind;
        e.name = name;
        return e;
    }
    Trace trace_;
};

} // namespace lockstep::test
