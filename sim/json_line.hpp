#pragma once
// A parser for the flat JSON objects of our line formats: string, integer and boolean values, and
// arrays of those. Deliberately small: the formats are ours and flat by design.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lockstep {

struct JsonValue {
    enum class Type : uint8_t { integer, text, boolean, array };
    Type type = Type::integer;
    int64_t number = 0;
    std::string text;
    std::vector<JsonValue> items;
};

struct JsonLine {
    std::vector<std::pair<std::string, JsonValue>> values;

    const JsonValue* find(std::string_view key) const;
    bool has(std::string_view key) const { return find(key) != nullptr; }
    std::string_view text(std::string_view key) const;
    int64_t integer(std::string_view key, int64_t fallback) const;
    std::vector<std::string> strings(std::string_view key) const;
};

// On failure `error` is "col: message" (1-based column).
bool parse_json_line(std::string_view text, JsonLine& out, std::string& error);

} // namespace lockstep
