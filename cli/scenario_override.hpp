#pragma once
// `--set key.path=value`: edits the document tree before it is checked, so an override is held
// to exactly the rules the file is.
#include <string>
#include <vector>

#include "cli/scenario_reader.hpp"

namespace lockstep::scenario {

// The k-th override (1-based) is origin k; its errors sit on line 1 of that override.
void apply_overrides(DocNode& root, const std::vector<std::string>& overrides, Issues& issues);

} // namespace lockstep::scenario
