#pragma once
#include <cstdint>
#include <map>
#include <string>

#include "checker/timeline.hpp"

namespace lockstep {

// Counts every coverage mark (verdict.hpp lists them) the run hit.
std::map<std::string, uint64_t> count_marks(const Trace& trace, const Facts& facts);

} // namespace lockstep
