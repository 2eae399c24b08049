#include "sim/chooser.hpp"

#include <cassert>

namespace lockstep {

std::string_view choice_kind_name(ChoiceKind kind) {
    switch (kind) {
    case ChoiceKind::tie: return "tie";
    case ChoiceKind::latency: return "latency";
    case ChoiceKind::loss: return "loss";
    case ChoiceKind::duplicate: return "duplicate";
    case ChoiceKind::tail: return "tail";
    case ChoiceKind::fault: return "fault";
    case ChoiceKind::model: return "model";
    }
    return "?";
}

RandomChooser::RandomChooser(uint64_t seed, Options options) : prng_(seed), options_(options) {}

uint64_t RandomChooser::pick(ChoiceKind kind, uint64_t options) {
    assert(options >= 2);
    const uint64_t value = prng_.uniform(options);
    if (options_.record) {
        log_.push_back({kind, value, options});
    }
    return value;
}

bool RandomChooser::flip(ChoiceKind kind, uint64_t numerator, uint64_t denominator) {
    assert(denominator > 0 && numerator <= denominator);
    if (numerator == 0 || numerator == denominator) {
        // Not a choice (a 100% loss window, say): recording it would put a step in the choice
        // string that a ScriptedChooser never consumes, and the replay would diverge.
        return numerator == denominator;
    }
    const bool yes = prng_.chance(numerator, denominator);
    if (options_.record) {
        log_.push_back({kind, yes ? 1u : 0u, 2});
    }
    return yes;
}

ScriptedChooser::ScriptedChooser(std::vector<uint64_t> script, Options options)
    : script_(std::move(script)), options_(options) {}

uint64_t ScriptedChooser::pick(ChoiceKind kind, uint64_t options) {
    assert(options >= 2);
    const size_t step = log_.size();
    uint64_t value = 0;
    if (step < script_.size()) {
        value = script_[step];
        if (value >= options) {
            if (options_.strict && !divergence_) {
                divergence_ = "choice " + std::to_string(step) + " (" +
                              std::string(choice_kind_name(kind)) + ") asked for one of " +
                              std::to_string(options) + " options but the script says " +
                              std::to_string(value);
            }
            value = options - 1;
        }
    }
    log_.push_back({kind, value, options});
    return value;
}

bool ScriptedChooser::flip(ChoiceKind kind, uint64_t numerator, uint64_t denominator) {
    assert(denominator > 0 && numerator <= denominator);
    if (numerator == 0 || numerator == denominator) {
        // Not a choice: random choosers would agree, so neither records it.
        return numerator == denominator;
    }
    return pick(kind, 2) == 1;
}

namespace {

constexpr std::string_view digits = "0123456789abcdefghijklmnopqrstuv";

void append_base32(std::string& out, uint64_t v) {
    char buffer[16];
    int n = 0;
    do {
        buffer[n++] = digits[v % 32];
        v /= 32;
    } while (v != 0);
    while (n > 0) {
        out += buffer[--n];
    }
}

bool parse_base32(std::string_view s, uint64_t& out) {
    if (s.empty() || s.size() > 12) {
        return false;
    }
    out = 0;
    for (char c : s) {
        const size_t d = digits.find(c);
        if (d == std::string_view::npos) {
            return false;
        }
        out = out * 32 + d;
    }
    return true;
}

} // namespace

std::string encode_choices(const std::vector<uint64_t>& values) {
    if (values.empty()) {
        return "none";
    }
    std::string out;
    for (size_t i = 0; i < values.size();) {
        size_t run = 1;
        while (i + run < values.size() && values[i + run] == values[i]) {
            ++run;
        }
        if (!out.empty()) {
            out += '.';
        }
        append_base32(out, values[i]);
        if (run > 2) {
            out += 'x';
            append_base32(out, run);
        } else {
            run = 1;
        }
        i += run;
    }
    return out;
}

std::string encode_choices(const std::vector<Choice>& log) {
    std::vector<uint64_t> values;
    values.reserve(log.size());
    for (const Choice& c : log) {
        values.push_back(c.value);
    }
    return encode_choices(values);
}

ChoiceParse decode_choices(std::string_view text) {
    ChoiceParse result;
    if (text == "none") {
        result.ok = true;
        return result;
    }
    constexpr uint64_t max_values = uint64_t(1) << 32;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('.', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        const std::string_view token = text.substr(start, end - start);
        const size_t x = token.find('x');
        uint64_t value = 0;
        uint64_t run = 1;
        const bool ok = parse_base32(token.substr(0, x), value) &&
                        (x == std::string_view::npos || parse_base32(token.substr(x + 1), run));
        if (!ok || run == 0 || result.values.size() + run > max_values) {
            result.error = "bad choice string at '" + std::string(token) +
                           "' (expected base-32 values such as 3.0x1c.h7, or none)";
            result.values.clear();
            return result;
        }
        result.values.insert(result.values.end(), run, value);
        start = end + 1;
    }
    result.ok = true;
    return result;
}

} // namespace lockstep
