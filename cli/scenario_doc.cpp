#include "cli/scenario_doc.hpp"

namespace lockstep::scenario {

const DocEntry* DocNode::find(std::string_view key) const {
    for (const DocEntry& e : entries) {
        if (e.key == key) {
            return &e;
        }
    }
    return nullptr;
}

DocEntry* DocNode::find(std::string_view key) {
    for (DocEntry& e : entries) {
        if (e.key == key) {
            return &e;
        }
    }
    return nullptr;
}

std::string describe(const DocNode& node) {
    switch (node.kind) {
    case DocNode::Kind::null: return "nothing";
    case DocNode::Kind::scalar: return "'" + node.text + "'";
    case DocNode::Kind::sequence: return "a list";
    case DocNode::Kind::map: return "a map";
    }
    return "?";
}

} // namespace lockstep::scenario
