#pragma once
// The loader's conversion steps, one section of the format each (scenario_*.cpp). They read the
// document tree, fill the spec, and report into Issues.
#include <string>
#include <vector>

#include "checker/verdict.hpp"
#include "cli/explore_spec.hpp"
#include "cli/scenario_reader.hpp"
#include "models/spec.hpp"
#include "sim/fault.hpp"
#include "sim/latency.hpp"

namespace lockstep::scenario {

// The nodes build_world() will create (node_names(spec)), to resolve names in faults, clocks and
// links. An unknown table (the service cannot list its nodes) resolves nothing and reports
// nothing: that failure was reported once, at lock.service.
class NodeTable {
  public:
    NodeTable() = default;
    NodeTable(std::vector<std::string> names, size_t first_client);

    bool known() const { return known_; }
    const std::vector<std::string>& names() const { return names_; }
    bool is_client(NodeId id) const { return id >= first_client_ && id < names_.size(); }
    bool resolve(Issues& issues, const DocNode& node, const std::string& path, NodeId& out) const;
    bool resolve_name(Issues& issues, const std::string& name, SourcePos pos,
                      const std::string& path, NodeId& out) const;

  private:
    bool known_ = false;
    std::vector<std::string> names_;
    size_t first_client_ = 0;
};

// name, description, seed, duration.
void read_header(const Section& top, SystemSpec& spec);
// False when the service itself is unusable (later checks that depend on it are skipped).
bool read_lock(const Section& top, LockSpec& lock);
void read_resource(const Section& top, bool service_known, SystemSpec& spec);
// `servers` are the names clients must not take.
void read_clients(const Section& top, const std::vector<std::string>& servers, SystemSpec& spec);
bool read_latency(Issues& issues, const DocNode& node, const std::string& path, LatencySpec& out);
void read_network(const Section& top, const NodeTable& nodes, NetworkSpec& network);
// A clock rate in ppm that a real clock could have (strictly between -100% and +100%).
bool check_drift(Issues& issues, const DocNode& node, const std::string& path, int64_t drift_ppm);
void read_clocks(const Section& top, const NodeTable& nodes, SystemSpec& spec);
void read_faults(const Section& top, const NodeTable& nodes, const SystemSpec& spec,
                 FaultPlan& plan);
void read_expect(const Section& top, Expectation& expect);
// explore: the bounds and fault menu of `lockstep explore` (scenario_explore.cpp).
void read_explore(const Section& top, const NodeTable& nodes, const SystemSpec& spec,
                  ExploreSpec& out);

// A list value, or a report that it is not one.
bool need_list(Issues& issues, const DocNode& node, const std::string& path,
               std::string_view example);

// "faults[2]"
std::string indexed(const std::string& path, size_t index);

} // namespace lockstep::scenario
