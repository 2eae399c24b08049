#pragma once
// Verdicts have more than two values (DESIGN principle 10), and scenarios state what they expect.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lockstep {

enum class Verdict : uint8_t { holds, violated, inconclusive };
std::string_view verdict_name(Verdict v);
bool parse_verdict(std::string_view text, Verdict& out);

// The properties the checker reports, by their scenario names.
inline constexpr std::string_view property_mutual_exclusion = "mutual_exclusion";
inline constexpr std::string_view property_resource_safety = "resource_safety";
inline constexpr std::string_view property_deadlock_free = "deadlock_free";
inline constexpr std::string_view property_starvation_free = "starvation_free";
const std::vector<std::string_view>& property_names();

// Coverage marks: interesting things a run can make happen, so that no property passes
// vacuously (DESIGN principle 11). Scenarios list the marks they must hit.
const std::vector<std::string_view>& mark_names();

// "1 tenure", "3 tenures": a count and its noun, for report lines.
std::string count_noun(uint64_t n, std::string_view singular, std::string_view plural);

struct Expectation {
    struct Property {
        std::string name;
        Verdict verdict;
    };
    std::vector<Property> properties;
    std::vector<std::string> marks; // each must be hit at least once
};

} // namespace lockstep
