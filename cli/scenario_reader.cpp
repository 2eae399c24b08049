#include "cli/scenario_reader.hpp"

#include <algorithm>
#include <optional>

#include "cli/scenario_values.hpp"

namespace lockstep::scenario {
namespace {

// A scalar is needed; anything else is reported as "PATH: expected WHAT, got a map".
bool need_scalar(Issues& issues, const DocNode& node, const std::string& path,
                 std::string_view what) {
    if (node.is_scalar()) {
        return true;
    }
    issues.add(node.pos, path + ": expected " + std::string(what) + ", got " + describe(node));
    return false;
}

// A scalar read by `parse` (one of scenario_values.hpp's parsers); its error is reported at the
// value. Empty when the node is not a scalar or does not parse.
template <class Parse>
auto parse_scalar(Issues& issues, const DocNode& node, const std::string& path,
                  std::string_view what, Parse parse)
    -> std::optional<decltype(parse(std::string_view()).value)> {
    if (!need_scalar(issues, node, path, what)) {
        return std::nullopt;
    }
    const auto parsed = parse(node.text);
    if (!parsed.ok) {
        issues.add(node.pos, path + ": " + parsed.error);
        return std::nullopt;
    }
    return parsed.value;
}

template <class T>
bool read_whole(Issues& issues, const DocNode& node, const std::string& path, T& out, T min, T max,
                Parsed<T> (*parse)(std::string_view)) {
    const std::optional<T> value = parse_scalar(issues, node, path, "a whole number", parse);
    if (!value) {
        return false;
    }
    if (*value < min || *value > max) {
        issues.add(node.pos, path + " must be between " + std::to_string(min) + " and " +
                                 std::to_string(max) + ", got " + node.text);
        return false;
    }
    out = *value;
    return true;
}

bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
}

} // namespace

std::string suggestion_gap(const std::string& message) {
    return !message.empty() && message.back() == '?' ? " " : "; ";
}

bool read_duration(Issues& issues, const DocNode& node, const std::string& path, Duration& out,
                   Sign sign) {
    const std::optional<Duration> value =
        parse_scalar(issues, node, path, "a duration such as 30s or 150ms", parse_duration);
    if (!value) {
        return false;
    }
    if (sign == Sign::positive && *value <= Duration::zero()) {
        issues.add(node.pos, path + " must be greater than zero, got " + node.text);
        return false;
    }
    if (sign == Sign::non_negative && *value < Duration::zero()) {
        issues.add(node.pos, path + " must not be negative, got " + node.text);
        return false;
    }
    out = *value;
    return true;
}

bool read_bool(Issues& issues, const DocNode& node, const std::string& path, bool& out) {
    const std::optional<bool> value = parse_scalar(issues, node, path, "true or false", parse_bool);
    out = value.value_or(out);
    return value.has_value();
}

bool read_unsigned(Issues& issues, const DocNode& node, const std::string& path, uint64_t& out,
                   uint64_t min, uint64_t max) {
    return read_whole(issues, node, path, out, min, max, parse_unsigned);
}

bool read_signed(Issues& issues, const DocNode& node, const std::string& path, int64_t& out,
                 int64_t min, int64_t max) {
    return read_whole(issues, node, path, out, min, max, parse_signed);
}

bool read_word(Issues& issues, const DocNode& node, const std::string& path, std::string& out) {
    if (!need_scalar(issues, node, path, "a name")) {
        return false;
    }
    if (node.text.empty() || !std::all_of(node.text.begin(), node.text.end(), is_word_char)) {
        issues.add(node.pos, path + ": '" + node.text +
                                 "' is not a name (use letters, digits, '_', '-' and '.')");
        return false;
    }
    out = node.text;
    return true;
}

bool read_text(Issues& issues, const DocNode& node, const std::string& path, std::string& out) {
    if (!need_scalar(issues, node, path, "text")) {
        return false;
    }
    out = node.text;
    return true;
}

bool read_probability(Issues& issues, const DocNode& node, const std::string& path, uint32_t& num,
                      uint32_t& den) {
    const std::optional<Probability> value =
        parse_scalar(issues, node, path, "a probability such as 1/100 or 1%", parse_probability);
    if (!value) {
        return false;
    }
    num = value->num;
    den = value->den;
    return true;
}

bool read_rate_ppm(Issues& issues, const DocNode& node, const std::string& path, int64_t& out,
                   bool allow_fraction) {
    const auto parse = [&](std::string_view text) { return parse_rate_ppm(text, allow_fraction); };
    const std::optional<int64_t> value =
        parse_scalar(issues, node, path, "a rate such as 2% or 20000ppm", parse);
    out = value.value_or(out);
    return value.has_value();
}

bool read_word_in(Issues& issues, const DocNode& node, const std::string& path,
                  const std::vector<std::string_view>& words, size_t& index) {
    if (!need_scalar(issues, node, path, "one of " + join(words))) {
        return false;
    }
    const auto it = std::find(words.begin(), words.end(), node.text);
    if (it != words.end()) {
        index = static_cast<size_t>(it - words.begin());
        return true;
    }
    std::string message = path + ": unknown value '" + node.text + "'";
    if (const std::string_view guess = nearest(node.text, words); !guess.empty()) {
        message += "; did you mean '" + std::string(guess) + "'?";
    }
    issues.add(node.pos, message + suggestion_gap(message) + "expected one of: " + join(words));
    return false;
}

void report_unknown_key(Issues& issues, const DocEntry& entry, const std::string& where,
                        const std::vector<std::string_view>& keys) {
    std::string message = "unknown key '" + entry.key + "' " +
                          (where.empty() ? std::string("at the top level") : "in " + where);
    if (const std::string_view guess = nearest(entry.key, keys); !guess.empty()) {
        message += "; did you mean '" + std::string(guess) + "'?";
    }
    issues.add(entry.key_pos, message + suggestion_gap(message) + "valid keys: " + join(keys));
}

Section::Section(Issues& issues, const DocNode& node, std::string path,
                 std::vector<std::string_view> keys)
    : issues_(issues), node_(node), path_(std::move(path)) {
    if (!node.is_map()) {
        issues.add(node.pos, (path_.empty() ? std::string("the scenario") : path_) +
                                 " must be a map of keys (" + join(keys) + "), got " +
                                 describe(node));
        return;
    }
    valid_ = true;
    for (const DocEntry& e : node.entries) {
        if (std::find(keys.begin(), keys.end(), e.key) == keys.end()) {
            report_unknown_key(issues, e, path_, keys);
        }
    }
}

const DocEntry* Section::entry(std::string_view key) const {
    return valid_ ? node_.find(key) : nullptr;
}

const DocNode* Section::value(std::string_view key) const {
    const DocEntry* e = entry(key);
    return e != nullptr ? &e->value : nullptr;
}

std::string Section::path_of(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

bool Section::require(std::string_view key) const {
    if (!valid_ || has(key)) {
        return valid_;
    }
    issues_.add(node_.pos, (path_.empty() ? std::string("the scenario") : path_) +
                               " needs the key '" + std::string(key) + "'");
    return false;
}

bool Section::read(std::string_view key, Duration& out, Sign sign) const {
    const DocNode* v = value(key);
    return v != nullptr && read_duration(issues_, *v, path_of(key), out, sign);
}

bool Section::read(std::string_view key, bool& out) const {
    const DocNode* v = value(key);
    return v != nullptr && read_bool(issues_, *v, path_of(key), out);
}

bool Section::read(std::string_view key, uint64_t& out, uint64_t min, uint64_t max) const {
    const DocNode* v = value(key);
    return v != nullptr && read_unsigned(issues_, *v, path_of(key), out, min, max);
}

bool Section::read(std::string_view key, uint32_t& out, uint32_t min, uint32_t max) const {
    uint64_t wide = 0;
    if (!read(key, wide, min, max)) {
        return false;
    }
    out = static_cast<uint32_t>(wide);
    return true;
}

bool Section::read(std::string_view key, int64_t& out, int64_t min, int64_t max) const {
    const DocNode* v = value(key);
    return v != nullptr && read_signed(issues_, *v, path_of(key), out, min, max);
}

bool Section::read_text(std::string_view key, std::string& out) const {
    const DocNode* v = value(key);
    return v != nullptr && scenario::read_text(issues_, *v, path_of(key), out);
}

bool Section::read_word(std::string_view key, std::string& out) const {
    const DocNode* v = value(key);
    return v != nullptr && scenario::read_word(issues_, *v, path_of(key), out);
}

bool Section::read_probability(std::string_view key, uint32_t& num, uint32_t& den) const {
    const DocNode* v = value(key);
    return v != nullptr && scenario::read_probability(issues_, *v, path_of(key), num, den);
}

bool Section::read_rate_ppm(std::string_view key, int64_t& out, bool allow_fraction) const {
    const DocNode* v = value(key);
    return v != nullptr && scenario::read_rate_ppm(issues_, *v, path_of(key), out, allow_fraction);
}

} // namespace lockstep::scenario
