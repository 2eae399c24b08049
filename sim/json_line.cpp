#include "sim/json_line.hpp"

#include <cctype>

namespace lockstep {

const JsonValue* JsonLine::find(std::string_view key) const {
    for (const auto& [k, v] : values) {
        if (k == key) {
            return &v;
        }
    }
    return nullptr;
}

std::string_view JsonLine::text(std::string_view key) const {
    const JsonValue* v = find(key);
    return v != nullptr && v->type == JsonValue::Type::text ? std::string_view(v->text) : "";
}

int64_t JsonLine::integer(std::string_view key, int64_t fallback) const {
    const JsonValue* v = find(key);
    return v != nullptr && v->type != JsonValue::Type::text ? v->number : fallback;
}

std::vector<std::string> JsonLine::strings(std::string_view key) const {
    std::vector<std::string> out;
    const JsonValue* v = find(key);
    if (v != nullptr && v->type == JsonValue::Type::array) {
        for (const JsonValue& item : v->items) {
            out.push_back(item.text);
        }
    }
    return out;
}

namespace {

class Parser {
  public:
    explicit Parser(std::string_view text) : s_(text) {}

    bool object(JsonLine& out) {
        skip();
        if (!eat('{')) {
            return fail("expected '{'");
        }
        skip();
        if (eat('}')) {
            return end();
        }
        for (;;) {
            std::string key;
            JsonValue value;
            skip();
            if (!string(key)) {
                return false;
            }
            skip();
            if (!eat(':')) {
                return fail("expected ':' after a key");
            }
            if (!scalar_or_array(value)) {
                return false;
            }
            out.values.emplace_back(std::move(key), std::move(value));
            skip();
            if (eat('}')) {
                return end();
            }
            if (!eat(',')) {
                return fail("expected ',' or '}'");
            }
        }
    }

    std::string error;

  private:
    bool end() {
        skip();
        return pos_ == s_.size() || fail("unexpected text after the object");
    }
    bool scalar_or_array(JsonValue& v) {
        skip();
        if (eat('[')) {
            v.type = JsonValue::Type::array;
            skip();
            if (eat(']')) {
                return true;
            }
            for (;;) {
                JsonValue item;
                if (!scalar(item)) {
                    return false;
                }
                v.items.push_back(std::move(item));
                skip();
                if (eat(']')) {
                    return true;
                }
                if (!eat(',')) {
                    return fail("expected ',' or ']'");
                }
            }
        }
        return scalar(v);
    }
    bool scalar(JsonValue& v) {
        skip();
        if (peek() == '"') {
            v.type = JsonValue::Type::text;
            return string(v.text);
        }
        if (s_.substr(pos_, 4) == "true" || s_.substr(pos_, 5) == "false") {
            v.type = JsonValue::Type::boolean;
            v.number = s_[pos_] == 't' ? 1 : 0;
            pos_ += v.number != 0 ? 4 : 5;
            return true;
        }
        return integer(v);
    }
    bool integer(JsonValue& v) {
        const bool negative = eat('-');
        if (!std::isdigit(static_cast<unsigned char>(peek()))) {
            return fail("expected a value (string, integer, true, false or array)");
        }
        uint64_t n = 0;
        while (std::isdigit(static_cast<unsigned char>(peek()))) {
            const uint64_t digit = static_cast<uint64_t>(s_[pos_++] - '0');
            if (n > (UINT64_MAX - digit) / 10) {
                return fail("integer out of range");
            }
            n = n * 10 + digit;
        }
        if (peek() == '.' || peek() == 'e' || peek() == 'E') {
            return fail("only integers are allowed (times are integer nanoseconds)");
        }
        v.type = JsonValue::Type::integer;
        v.number = negative ? -static_cast<int64_t>(n) : static_cast<int64_t>(n);
        return true;
    }
    bool string(std::string& out) {
        if (!eat('"')) {
            return fail("expected a string");
        }
        while (pos_ < s_.size() && s_[pos_] != '"') {
            char c = s_[pos_++];
            if (c == '\\') {
                if (pos_ >= s_.size()) {
                    break;
                }
                const char e = s_[pos_++];
                switch (e) {
                case 'n': c = '\n'; break;
                case 't': c = '\t'; break;
                case 'r': c = '\r'; break;
                case 'u':
                    if (pos_ + 4 > s_.size()) {
                        return fail("bad \\u escape");
                    }
                    if (!hex4(c)) {
                        return fail("bad \\u escape");
                    }
                    break;
                default: c = e;
                }
            }
            out += c;
        }
        return eat('"') || fail("unterminated string");
    }
    bool hex4(char& c) {
        unsigned value = 0;
        for (int i = 0; i < 4; ++i) {
            const char h = s_[pos_++];
            const int digit = std::isdigit(static_cast<unsigned char>(h)) ? h - '0'
                              : (h >= 'a' && h <= 'f')                    ? h - 'a' + 10
                              : (h >= 'A' && h <= 'F')                    ? h - 'A' + 10
                                                                          : -1;
            if (digit < 0) {
                return false;
            }
            value = value * 16 + unsigned(digit);
        }
        c = static_cast<char>(value);
        return true;
    }
    void skip() {
        while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) {
            ++pos_;
        }
    }
    char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
    bool eat(char c) {
        if (peek() != c) {
            return false;
        }
        ++pos_;
        return true;
    }
    bool fail(std::string_view why) {
        error = std::to_string(pos_ + 1) + ": " + std::string(why);
        return false;
    }

    std::string_view s_;
    size_t pos_ = 0;
};

} // namespace

bool parse_json_line(std::string_view text, JsonLine& out, std::string& error) {
    Parser p(text);
    if (!p.object(out)) {
        error = p.error;
        return false;
    }
    return true;
}

} // namespace lockstep
