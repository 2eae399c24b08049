// network: latency, loss, duplication and ordering for every link, per-link overrides, and what
// a partition does to a message.
#include "cli/scenario_convert.hpp"
#include "cli/scenario_schema.hpp"

namespace lockstep::scenario {
namespace {

// "D" or "A..B".
bool read_latency_text(Issues& issues, const DocNode& node, const std::string& path,
                       LatencySpec& out) {
    const size_t dots = node.text.find("..");
    if (dots == std::string::npos) {
        Duration d;
        if (!read_duration(issues, node, path, d, Sign::non_negative)) {
            return false;
        }
        out = LatencySpec::constant_of(d);
        return true;
    }
    DocNode lo_node = node;
    DocNode hi_node = node;
    lo_node.text = node.text.substr(0, dots);
    hi_node.text = node.text.substr(dots + 2);
    Duration lo;
    Duration hi;
    if (!read_duration(issues, lo_node, path + " (low end)", lo, Sign::non_negative) ||
        !read_duration(issues, hi_node, path + " (high end)", hi, Sign::non_negative)) {
        return false;
    }
    if (hi < lo) {
        issues.add(node.pos, path + ": the range " + node.text + " runs backwards (write " +
                                 hi_node.text + ".." + lo_node.text + ")");
        return false;
    }
    out = LatencySpec::uniform_of(lo, hi);
    return true;
}

// {min: A, max: B} uniform, plus {tail_max: C, tail: P} for a heavy tail.
bool read_latency_map(Issues& issues, const DocNode& node, const std::string& path,
                      LatencySpec& out) {
    const Section s(issues, node, path, keys_of(Place::latency));
    Duration lo;
    Duration hi;
    if (!s.require("min") || !s.require("max") || !s.read("min", lo, Sign::non_negative) ||
        !s.read("max", hi, Sign::non_negative)) {
        return false;
    }
    if (hi < lo) {
        issues.add(s.value("max")->pos, path + ".max is below min");
        return false;
    }
    if (s.has("tail_max") != s.has("tail")) {
        issues.add(node.pos, path + ": tail_max and tail go together (a heavy tail needs both)");
        return false;
    }
    if (!s.has("tail")) {
        out = LatencySpec::uniform_of(lo, hi);
        return true;
    }
    Duration tail_max;
    uint32_t num = 0;
    uint32_t den = 1;
    if (!s.read("tail_max", tail_max, Sign::non_negative) ||
        !s.read_probability("tail", num, den)) {
        return false;
    }
    if (tail_max < hi) {
        issues.add(s.value("tail_max")->pos, path + ".tail_max is below max");
        return false;
    }
    if (num == den) {
        issues.add(s.value("tail")->pos, path + ".tail must be below 1: a tail that always "
                                                "doubles is a constant tail_max");
        return false;
    }
    out = LatencySpec::heavy_of(lo, hi, tail_max, num, den);
    return true;
}

void read_link(const Section& s, LinkSpec& link) {
    if (const DocNode* latency = s.value("latency")) {
        read_latency(s.issues(), *latency, s.path_of("latency"), link.latency);
    }
    s.read_probability("loss", link.loss_num, link.loss_den);
    s.read_probability("duplicate", link.dup_num, link.dup_den);
    s.read("ordered", link.ordered);
}

void read_link_overrides(const Section& network, const NodeTable& nodes, NetworkSpec& out) {
    const DocNode* list = network.value("links");
    if (list == nullptr || !need_list(network.issues(), *list, "network.links",
                                      "[{from: c1, to: storage, loss: 1%}]")) {
        return;
    }
    for (size_t i = 0; i < list->items.size(); ++i) {
        const Section s(network.issues(), list->items[i], indexed("network.links", i),
                        keys_of(Place::link));
        if (!s.valid()) {
            continue;
        }
        // A link override starts from the network's settings and changes only what it names.
        LinkOverride o{no_node, no_node, out.link};
        if (const DocNode* from = s.value("from")) {
            nodes.resolve(s.issues(), *from, s.path_of("from"), o.from);
        }
        if (const DocNode* to = s.value("to")) {
            nodes.resolve(s.issues(), *to, s.path_of("to"), o.to);
        }
        read_link(s, o.link);
        out.overrides.push_back(o);
    }
}

} // namespace

bool read_latency(Issues& issues, const DocNode& node, const std::string& path, LatencySpec& out) {
    if (node.is_scalar()) {
        return read_latency_text(issues, node, path, out);
    }
    if (node.is_map()) {
        return read_latency_map(issues, node, path, out);
    }
    issues.add(node.pos, path +
                             ": expected a latency such as 1ms, 0.5ms..1ms or {min: 1ms, max: "
                             "5ms, tail_max: 200ms, tail: 1/8}, got " +
                             describe(node));
    return false;
}

void read_network(const Section& top, const NodeTable& nodes, NetworkSpec& network) {
    const DocNode* node = top.value("network");
    if (node == nullptr) {
        return;
    }
    const Section s(top.issues(), *node, "network", keys_of(Place::network));
    if (!s.valid()) {
        return;
    }
    read_link(s, network.link);
    s.read_choice<bool>("partitions", {{"drop", false}, {"hold", true}},
                        network.hold_when_partitioned);
    read_link_overrides(s, nodes, network);
}

} // namespace lockstep::scenario
