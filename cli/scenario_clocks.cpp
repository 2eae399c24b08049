// clocks: each node's starting offset and drift, by node name.
#include "cli/scenario_convert.hpp"
#include "cli/scenario_schema.hpp"

namespace lockstep::scenario {
// A drift of -100% or beyond would stop the clock or run it backwards: no real clock does that.
bool check_drift(Issues& issues, const DocNode& node, const std::string& path, int64_t drift_ppm) {
    constexpr int64_t ppm_per_one = 1'000'000;
    if (drift_ppm > -ppm_per_one && drift_ppm < ppm_per_one) {
        return true;
    }
    issues.add(node.pos, path + " must lie strictly between -100% and +100%, got " + node.text);
    return false;
}

void read_clocks(const Section& top, const NodeTable& nodes, SystemSpec& spec) {
    const DocNode* node = top.value("clocks");
    if (node == nullptr) {
        return;
    }
    if (!node->is_map()) {
        top.issues().add(node->pos, "clocks must be a map from node names to clocks, such as "
                                    "{redis-1: {offset: 1s, drift: 2%}}, got " +
                                        describe(*node));
        return;
    }
    for (const DocEntry& e : node->entries) {
        const std::string path = "clocks." + e.key;
        NodeId id = no_node;
        nodes.resolve_name(top.issues(), e.key, e.key_pos, "clocks", id);
        const Section s(top.issues(), e.value, path, keys_of(Place::clock));
        ClockSpec clock;
        s.read("offset", clock.offset, Sign::any);
        int64_t drift_ppm = 0;
        if (s.read_rate_ppm("drift", drift_ppm, false) &&
            check_drift(top.issues(), *s.value("drift"), s.path_of("drift"), drift_ppm)) {
            clock.drift_ppm = drift_ppm;
        }
        spec.clocks[e.key] = clock;
    }
}

} // namespace lockstep::scenario
