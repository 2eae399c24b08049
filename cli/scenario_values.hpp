#pragma once
// Scalar forms of the scenario format, parsed from text with integers only (a seed must mean the
// same run everywhere, so no value passes through a double). Each parser explains a failure in
// words meant for the scenario's author.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lockstep::scenario {

template <class T>
struct Parsed {
    bool ok = false;
    T value{};
    std::string error; // empty when ok
};

struct Probability {
    uint32_t num = 0;
    uint32_t den = 1;
};

// "true" / "false" only: YAML 1.1's yes/no/on/off are too easy to write by accident.
Parsed<bool> parse_bool(std::string_view text);
// Decimal digits only: no sign, no fraction, no hexadecimal.
Parsed<uint64_t> parse_unsigned(std::string_view text);
// An optional sign, then decimal digits.
Parsed<int64_t> parse_signed(std::string_view text);
// "1/100", "1%", "0.5%", "0.01", "0" or "1", reduced to lowest terms; must lie in [0, 1].
Parsed<Probability> parse_probability(std::string_view text);
// A rate in parts per million: "2%", "-0.5%", "20000ppm"; with `allow_fraction` also a plain
// decimal fraction such as "0.01" (Redlock's CLOCK_DRIFT_FACTOR).
Parsed<int64_t> parse_rate_ppm(std::string_view text, bool allow_fraction);

// The candidate closest to `word` by edit distance (a transposition counts as one edit), or empty
// when none is close enough to be a plausible typo.
std::string_view nearest(std::string_view word, const std::vector<std::string_view>& candidates);
// "a, b, c"
std::string join(const std::vector<std::string_view>& words);
std::string join(const std::vector<std::string>& words);

} // namespace lockstep::scenario
