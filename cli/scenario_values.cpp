#include "cli/scenario_values.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>

namespace lockstep::scenario {
namespace {

constexpr uint64_t mantissa_limit = 1'000'000'000'000ULL; // far beyond any sensible value

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "-12.345" as mantissa 12345 with 3 fraction digits.
struct Decimal {
    bool negative = false;
    uint64_t mantissa = 0;
    int fraction_digits = 0;
};

bool parse_decimal(std::string_view s, int max_fraction_digits, Decimal& out) {
    if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
        out.negative = s.front() == '-';
        s.remove_prefix(1);
    }
    const size_t dot = s.find('.');
    const std::string_view whole = s.substr(0, dot);
    const std::string_view fraction =
        dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
    if (!all_digits(whole) || (dot != std::string_view::npos && !all_digits(fraction)) ||
        static_cast<int>(fraction.size()) > max_fraction_digits) {
        return false;
    }
    uint64_t m = 0;
    for (char c : std::string(whole) + std::string(fraction)) {
        m = m * 10 + static_cast<uint64_t>(c - '0');
        if (m > mantissa_limit) {
            return false;
        }
    }
    out.mantissa = m;
    out.fraction_digits = static_cast<int>(fraction.size());
    return true;
}

uint64_t power_of_ten(int n) {
    uint64_t p = 1;
    for (int i = 0; i < n; ++i) {
        p *= 10;
    }
    return p;
}

Parsed<Probability> make_probability(std::string_view text, uint64_t num, uint64_t den) {
    if (num > den) {
        return {false, {}, "probability '" + std::string(text) + "' is above 1"};
    }
    const uint64_t g = num == 0 ? den : std::gcd(num, den);
    num /= g;
    den /= g;
    if (den > UINT32_MAX) {
        return {false, {}, "probability '" + std::string(text) + "' is too fine-grained"};
    }
    return {true, {static_cast<uint32_t>(num), static_cast<uint32_t>(den)}, {}};
}

} // namespace

Parsed<bool> parse_bool(std::string_view text) {
    if (text == "true" || text == "false") {
        return {true, text == "true", {}};
    }
    return {false, false, "expected true or false, got '" + std::string(text) + "'"};
}

Parsed<uint64_t> parse_unsigned(std::string_view text) {
    if (!all_digits(text)) {
        return {false, 0, "expected a whole number such as 3, got '" + std::string(text) + "'"};
    }
    uint64_t v = 0;
    for (char c : text) {
        const auto digit = static_cast<uint64_t>(c - '0');
        if (v > (UINT64_MAX - digit) / 10) {
            return {false, 0, "number '" + std::string(text) + "' is too large"};
        }
        v = v * 10 + digit;
    }
    return {true, v, {}};
}

Parsed<int64_t> parse_signed(std::string_view text) {
    std::string_view digits = text;
    const bool negative = !digits.empty() && digits.front() == '-';
    if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) {
        digits.remove_prefix(1);
    }
    const Parsed<uint64_t> magnitude = parse_unsigned(digits);
    if (!magnitude.ok) {
        return {false, 0, "expected a whole number such as 33, got '" + std::string(text) + "'"};
    }
    if (magnitude.value > static_cast<uint64_t>(INT64_MAX)) {
        return {false, 0, "number '" + std::string(text) + "' is too large"};
    }
    const auto v = static_cast<int64_t>(magnitude.value);
    return {true, negative ? -v : v, {}};
}

Parsed<Probability> parse_probability(std::string_view text) {
    const std::string forms =
        "expected a probability such as 1/100, 1% or 0.01, got '" + std::string(text) + "'";
    if (!text.empty() && text.front() == '-') {
        return {false, {}, "a probability lies between 0 and 1, got '" + std::string(text) + "'"};
    }
    const size_t slash = text.find('/');
    if (slash != std::string_view::npos) {
        const Parsed<uint64_t> num = parse_unsigned(text.substr(0, slash));
        const Parsed<uint64_t> den = parse_unsigned(text.substr(slash + 1));
        if (!num.ok || !den.ok || den.value == 0) {
            return {false, {}, forms};
        }
        return make_probability(text, num.value, den.value);
    }
    const bool percent = !text.empty() && text.back() == '%';
    Decimal d;
    if (!parse_decimal(percent ? text.substr(0, text.size() - 1) : text, 9, d)) {
        return {false, {}, forms};
    }
    const uint64_t den = power_of_ten(d.fraction_digits) * (percent ? 100 : 1);
    return make_probability(text, d.mantissa, den);
}

Parsed<int64_t> parse_rate_ppm(std::string_view text, bool allow_fraction) {
    const std::string forms = allow_fraction
                                  ? "expected a rate such as 0.01, 1% or 10000ppm, got '"
                                  : "expected a rate such as 2%, -0.5% or 20000ppm, got '";
    const auto fail = [&] { return Parsed<int64_t>{false, 0, forms + std::string(text) + "'"}; };
    const auto ends_with = [&](std::string_view suffix) {
        return text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
    };
    Decimal d;
    int ppm_digits = 0; // how many fraction digits one ppm is in this form
    if (ends_with("ppm")) {
        if (!parse_decimal(text.substr(0, text.size() - 3), 0, d)) {
            return fail();
        }
    } else if (ends_with("%")) {
        ppm_digits = 4;
        if (!parse_decimal(text.substr(0, text.size() - 1), ppm_digits, d)) {
            return fail();
        }
    } else if (allow_fraction) {
        ppm_digits = 6;
        if (!parse_decimal(text, ppm_digits, d)) {
            return fail();
        }
    } else {
        return fail();
    }
    const auto magnitude =
        static_cast<int64_t>(d.mantissa * power_of_ten(ppm_digits - d.fraction_digits));
    return {true, d.negative ? -magnitude : magnitude, {}};
}

std::string_view nearest(std::string_view word, const std::vector<std::string_view>& candidates) {
    // Optimal string alignment distance: Levenshtein plus adjacent transpositions ("tll"->"ttl").
    const auto distance = [](std::string_view a, std::string_view b) {
        std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
        for (size_t i = 0; i <= a.size(); ++i) {
            d[i][0] = i;
        }
        for (size_t j = 0; j <= b.size(); ++j) {
            d[0][j] = j;
        }
        for (size_t i = 1; i <= a.size(); ++i) {
            for (size_t j = 1; j <= b.size(); ++j) {
                const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                    d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.size()][b.size()];
    };
    std::string_view best;
    size_t best_distance = SIZE_MAX;
    // A word that is part of exactly one candidate ("safety" in "resource_safety") is a
    // shortened name, whatever the edit distance says.
    std::vector<std::string_view> containing;
    for (std::string_view c : candidates) {
        if (word.size() >= 3 && c.find(word) != std::string_view::npos) {
            containing.push_back(c);
        }
    }
    if (containing.size() == 1) {
        return containing.front();
    }
    for (std::string_view c : candidates) {
        const size_t dist = distance(word, c);
        if (dist < best_distance) {
            best = c;
            best_distance = dist;
        }
    }
    // Up to a third of the word may be wrong (at least one letter), else it is no typo.
    const size_t allowed = std::max<size_t>(1, std::max(word.size(), best.size()) / 3);
    return best_distance <= allowed ? best : std::string_view();
}

std::string join(const std::vector<std::string_view>& words) {
    std::string out;
    for (std::string_view w : words) {
        out += out.empty() ? "" : ", ";
        out += w;
    }
    return out;
}

std::string join(const std::vector<std::string>& words) {
    std::vector<std::string_view> views(words.begin(), words.end());
    return join(views);
}

} // namespace lockstep::scenario
