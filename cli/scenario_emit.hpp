#pragma once
// Writes a scenario document back as YAML (for shrunk scenarios a user can save and run), and
// turns a fault into the document form the loader reads.
#include <string>
#include <vector>

#include "cli/scenario_doc.hpp"
#include "sim/fault.hpp"

namespace lockstep::scenario {

std::string emit_yaml(const DocNode& root);

// The fault as a scenario-file entry; `names` are the node names in id order.
DocNode fault_to_doc(const Fault& fault, const std::vector<std::string>& names);

DocNode scalar_node(std::string text);

} // namespace lockstep::scenario
