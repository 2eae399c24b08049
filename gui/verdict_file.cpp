#include "gui/verdict_file.hpp"

#include <cctype>
#include <charconv>
#include <fstream>
#include <sstream>

namespace lockstep::gui {
namespace {

// The position just after `"key":` (and its spaces) at the top level of a flat scan; npos if
// the key is missing. The verdict format keeps these keys unique, so a scan is enough.
size_t value_at(const std::string& text, std::string_view key) {
    const std::string quoted = "\"" + std::string(key) + "\"";
    size_t at = text.find(quoted);
    if (at == std::string::npos) {
        return at;
    }
    at = text.find(':', at + quoted.size());
    if (at == std::string::npos) {
        return at;
    }
    ++at;
    while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at]))) {
        ++at;
    }
    return at;
}

template <class Int>
std::optional<Int> integer_value(const std::string& text, std::string_view key) {
    const size_t at = value_at(text, key);
    if (at == std::string::npos) {
        return std::nullopt;
    }
    Int value{};
    const auto [end, ec] = std::from_chars(text.data() + at, text.data() + text.size(), value);
    if (ec != std::errc() || end == text.data() + at) {
        return std::nullopt;
    }
    return value;
}

std::string string_value(const std::string& text, std::string_view key) {
    size_t at = value_at(text, key);
    if (at == std::string::npos || text[at] != '"') {
        return {};
    }
    std::string out;
    for (++at; at < text.size() && text[at] != '"'; ++at) {
        if (text[at] == '\\' && at + 1 < text.size()) {
            ++at;
            out += text[at] == 'n' ? '\n' : text[at] == 't' ? '\t' : text[at];
        } else {
            out += text[at];
        }
    }
    return out;
}

} // namespace

VerdictFile parse_verdict_text(const std::string& text) {
    VerdictFile v;
    if (text.find("\"lockstep-verdict\"") == std::string::npos) {
        v.error = "not a lockstep verdict file (no \"format\": \"lockstep-verdict\")";
        return v;
    }
    v.end_ns = integer_value<int64_t>(text, "end_ns");
    v.seed = integer_value<uint64_t>(text, "seed");
    v.choices = string_value(text, "choices");
    v.replay = string_value(text, "replay");
    v.ok = true;
    return v;
}

VerdictFile read_verdict_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        VerdictFile v;
        v.error = path + ": error: cannot open the verdict file";
        return v;
    }
    std::stringstream text;
    text << in.rdbuf();
    VerdictFile v = parse_verdict_text(text.str());
    if (!v.ok) {
        v.error = path + ": error: " + v.error;
    }
    return v;
}

} // namespace lockstep::gui
