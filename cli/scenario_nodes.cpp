// Node names: resolving the names faults, clocks and links use to the ids build_world() assigns.
#include <algorithm>

#include "cli/scenario_convert.hpp"
#include "cli/scenario_values.hpp"

namespace lockstep::scenario {
namespace {

// A flash sale has hundreds of clients: list a few names, not all of them.
std::string known_names(const std::vector<std::string>& names) {
    constexpr size_t shown = 12;
    if (names.size() <= shown) {
        return join(names);
    }
    std::vector<std::string> head(names.begin(), names.begin() + shown);
    return join(head) + ", ... (" + std::to_string(names.size()) + " in all)";
}

} // namespace

NodeTable::NodeTable(std::vector<std::string> names, size_t first_client)
    : known_(true), names_(std::move(names)), first_client_(first_client) {}

bool NodeTable::resolve(Issues& issues, const DocNode& node, const std::string& path,
                        NodeId& out) const {
    if (!node.is_scalar()) {
        issues.add(node.pos, path + ": expected a node name, got " + describe(node));
        return false;
    }
    return resolve_name(issues, node.text, node.pos, path, out);
}

bool NodeTable::resolve_name(Issues& issues, const std::string& name, SourcePos pos,
                             const std::string& path, NodeId& out) const {
    if (!known_) {
        return false;
    }
    const auto it = std::find(names_.begin(), names_.end(), name);
    if (it != names_.end()) {
        out = static_cast<NodeId>(it - names_.begin());
        return true;
    }
    std::string message = path + ": unknown node '" + name + "'";
    const std::vector<std::string_view> candidates(names_.begin(), names_.end());
    if (const std::string_view guess = nearest(name, candidates); !guess.empty()) {
        message += "; did you mean '" + std::string(guess) + "'?";
    }
    issues.add(pos, message + suggestion_gap(message) + "known nodes: " + known_names(names_));
    return false;
}

bool need_list(Issues& issues, const DocNode& node, const std::string& path,
               std::string_view example) {
    if (node.is_sequence()) {
        return true;
    }
    issues.add(node.pos, path + " must be a list such as " + std::string(example) + ", got " +
                             describe(node));
    return false;
}

std::string indexed(const std::string& path, size_t index) {
    return path + "[" + std::to_string(index) + "]";
}

} // namespace lockstep::scenario
