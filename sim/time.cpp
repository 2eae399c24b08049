#include "sim/time.hpp"

#include <array>
#include <cctype>

namespace lockstep {
namespace {

struct Unit {
    std::string_view suffix;
    int64_t ns;
};

// Longest suffixes first so "ms" is not read as "m" followed by garbage.
constexpr std::array<Unit, 7> units = {{
    {"ns", 1},
    {"us", 1'000},
    {"ms", 1'000'000},
    {"s", 1'000'000'000},
    {"m", 60'000'000'000},
    {"h", 3'600'000'000'000},
    {"min", 60'000'000'000},
}};

std::string trim_zeros(std::string digits) {
    while (!digits.empty() && digits.back() == '0') {
        digits.pop_back();
    }
    return digits;
}

// Formats |ns| as whole.fraction of `unit_ns`, dropping trailing zeros.
std::string format_in_unit(uint64_t ns, uint64_t unit_ns, std::string_view suffix) {
    std::string out = std::to_string(ns / unit_ns);
    const uint64_t rest = ns % unit_ns;
    if (rest != 0) {
        std::string fraction = std::to_string(rest);
        const size_t width = std::to_string(unit_ns).size() - 1;
        fraction.insert(0, width - fraction.size(), '0');
        out += "." + trim_zeros(fraction);
    }
    out += suffix;
    return out;
}

} // namespace

std::string format_duration(Duration d) {
    const int64_t n = d.count_ns();
    const std::string sign = n < 0 ? "-" : "";
    const uint64_t mag = n < 0 ? uint64_t(0) - uint64_t(n) : uint64_t(n);
    if (mag == 0) {
        return "0s";
    }
    if (mag >= 1'000'000'000) {
        return sign + format_in_unit(mag, 1'000'000'000, "s");
    }
    if (mag >= 1'000'000) {
        return sign + format_in_unit(mag, 1'000'000, "ms");
    }
    if (mag >= 1'000) {
        return sign + format_in_unit(mag, 1'000, "us");
    }
    return sign + std::to_string(mag) + "ns";
}

std::string format_time(Time t) {
    return format_duration(t.since_epoch());
}

std::string format_duration_short(Duration d) {
    const int64_t n = d.count_ns();
    const uint64_t mag = n < 0 ? uint64_t(0) - uint64_t(n) : uint64_t(n);
    // Round to a thousandth of the unit the value will be printed in.
    const uint64_t step = mag >= 1'000'000'000 ? 1'000'000 : mag >= 1'000'000 ? 1'000 : 1;
    const uint64_t rounded = (mag + step / 2) / step * step;
    const int64_t value = static_cast<int64_t>(rounded);
    return format_duration(Duration::ns(n < 0 ? -value : value));
}

std::string format_time_short(Time t) {
    return format_duration_short(t.since_epoch());
}

DurationParse parse_duration(std::string_view text) {
    auto fail = [&](std::string why) { return DurationParse{false, Duration(), std::move(why)}; };
    std::string_view s = text;
    bool negative = false;
    if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
        negative = s.front() == '-';
        s.remove_prefix(1);
    }
    size_t digits_end = 0;
    while (digits_end < s.size() &&
           (std::isdigit(static_cast<unsigned char>(s[digits_end])) || s[digits_end] == '.')) {
        ++digits_end;
    }
    const std::string_view number = s.substr(0, digits_end);
    const std::string_view suffix = s.substr(digits_end);
    if (number.empty() || number == ".") {
        return fail("expected a duration such as 30s, 150ms or 2.5s, got '" + std::string(text) +
                    "'");
    }
    const Unit* unit = nullptr;
    for (const Unit& u : units) {
        if (u.suffix == suffix) {
            unit = &u;
        }
    }
    if (unit == nullptr) {
        return fail("duration '" + std::string(text) +
                    "' needs a unit: ns, us, ms, s, m (minutes) or h");
    }
    const size_t dot = number.find('.');
    if (dot != std::string_view::npos && number.find('.', dot + 1) != std::string_view::npos) {
        return fail("duration '" + std::string(text) + "' has two decimal points");
    }
    const std::string_view whole = number.substr(0, dot);
    const std::string_view frac =
        dot == std::string_view::npos ? std::string_view() : number.substr(dot + 1);
    constexpr int64_t limit = int64_t(1) << 61; // far beyond any run, far from overflow
    int64_t total = 0;
    for (char c : whole) {
        if (total > (limit - 9) / 10) {
            return fail("duration '" + std::string(text) + "' is too large");
        }
        total = total * 10 + (c - '0');
    }
    if (total > limit / unit->ns) {
        return fail("duration '" + std::string(text) + "' is too large");
    }
    total *= unit->ns;
    int64_t scale = unit->ns;
    for (char c : frac) {
        if (scale % 10 != 0) {
            return fail("duration '" + std::string(text) + "' is finer than a nanosecond");
        }
        scale /= 10;
        total += (c - '0') * scale;
    }
    return DurationParse{true, Duration::ns(negative ? -total : total), {}};
}

} // namespace lockstep
