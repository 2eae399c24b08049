#include "tests/tidy/tidy_rules.hpp"

#include <array>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace lockstep::tidy {
namespace {

// Real clocks and unseeded or library-defined randomness break "one seed, one run".
struct Banned {
    const char* pattern;
    const char* why;
};
const std::array<Banned, 9> nondeterminism = {{
    {R"(\bstd::random_device\b|\brandom_device\b)", "std::random_device is unseeded randomness"},
    {R"((^|[^\w:.>])s?rand\s*\()", "rand()/srand() is global, unseeded randomness"},
    {R"(\b(system_clock|steady_clock|high_resolution_clock)\b)", "a real clock"},
    {R"(\b\w+_distribution\b)", "std:: distributions differ between standard libraries"},
    {R"(\bstd::(shuffle|random_shuffle|sample)\b)",
     "std::shuffle uses a library-defined algorithm"},
    {R"((^|[^\w:.>])time\s*\(\s*(NULL|nullptr|0)?\s*\))", "time() reads the real clock"},
    {R"(\b(gettimeofday|clock_gettime|timespec_get)\b)", "a real clock"},
    {R"(\b(mt19937|mt19937_64|minstd_rand|default_random_engine|ranlux\w*)\b)",
     "std:: engines: use the world's Prng"},
    {R"(#\s*include\s*<random>)", "<random> has no place in the simulated world"},
}};

const std::vector<std::regex>& banned_patterns() {
    static const std::vector<std::regex> patterns = [] {
        std::vector<std::regex> out;
        for (const Banned& b : nondeterminism) {
            out.emplace_back(b.pattern);
        }
        return out;
    }();
    return patterns;
}

// Which layers each layer may not include (DESIGN: dependencies point one way).
struct LayerRule {
    const char* layer;
    std::array<const char*, 5> forbidden;
};
const std::array<LayerRule, 4> layer_rules = {{
    {"sim/", {"models/", "checker/", "gui/", "cli/", nullptr}},
    {"models/", {"checker/", "gui/", "cli/", nullptr, nullptr}},
    {"checker/", {"models/", "gui/", "cli/", nullptr, nullptr}},
    {"gui/", {"models/", nullptr, nullptr, nullptr, nullptr}},
}};

bool in_layer(std::string_view path, std::string_view layer) {
    return path.rfind(layer, 0) == 0;
}

// Blanks comments and string literals, keeping line structure, so rules see only code.
// Include paths survive: they are what the layer rule reads.
std::string strip_comments_and_strings(std::string_view s) {
    std::string out(s);
    enum { code, line_comment, block_comment, string_lit, char_lit } state = code;
    bool include_line = false;
    for (size_t i = 0; i < out.size(); ++i) {
        const char c = out[i];
        const char next = i + 1 < out.size() ? out[i + 1] : '\0';
        if (c == '\n') {
            include_line = false;
            if (state == line_comment) {
                state = code;
            }
            continue;
        }
        switch (state) {
        case code:
            if (c == '#') {
                include_line =
                    std::string_view(out).substr(i, 16).find("include") != std::string_view::npos;
            }
            if (c == '/' && next == '/') {
                state = line_comment;
                out[i] = ' ';
            } else if (c == '/' && next == '*') {
                state = block_comment;
                out[i] = ' ';
            } else if (c == '"' && !include_line) {
                state = string_lit;
            } else if (c == '\'' &&
                       !(i > 0 && std::isalnum(static_cast<unsigned char>(out[i - 1])))) {
                state = char_lit;
            }
            break;
        case line_comment: out[i] = ' '; break;
        case block_comment:
            if (c == '*' && next == '/') {
                out[i] = out[i + 1] = ' ';
                ++i;
                state = code;
            } else {
                out[i] = ' ';
            }
            break;
        case string_lit:
        case char_lit: {
            const char quote = state == string_lit ? '"' : '\'';
            if (c == '\\') {
                out[i] = ' ';
                if (i + 1 < out.size() && out[i + 1] != '\n') {
                    out[++i] = ' ';
                }
            } else if (c == quote) {
                state = code;
            } else {
                out[i] = ' ';
            }
            break;
        }
        }
    }
    return out;
}

} // namespace

std::vector<Finding> check_source(std::string_view relative_path, std::string_view content) {
    std::vector<Finding> findings;
    const bool deterministic_layer = in_layer(relative_path, "sim/") ||
                                     in_layer(relative_path, "models/") ||
                                     in_layer(relative_path, "checker/");
    const std::string code = strip_comments_and_strings(content);
    std::istringstream lines(code);
    std::istringstream original(std::string{content});
    std::string line;
    std::string original_line;
    int number = 0;
    static const std::regex include_re(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])");
    // Catch2 reads , ; [ ] in a test name as filter syntax, and CTest splits names at ';': such a
    // test is silently never run.
    static const std::regex bad_test_name(R"(^\s*TEST_CASE\("[^"]*[,;\[\]])");
    const bool test_file = in_layer(relative_path, "tests/");
    while (std::getline(lines, line)) {
        std::getline(original, original_line);
        ++number;
        if (test_file && std::regex_search(original_line, bad_test_name)) {
            findings.push_back({std::string(relative_path), number,
                                "tests: a TEST_CASE name with , ; [ or ] never runs under CTest",
                                original_line});
        }
        if (deterministic_layer) {
            for (size_t i = 0; i < nondeterminism.size(); ++i) {
                if (std::regex_search(line, banned_patterns()[i])) {
                    findings.push_back({std::string(relative_path), number,
                                        std::string("determinism: ") + nondeterminism[i].why,
                                        original_line});
                }
            }
        }
        std::smatch m;
        if (!std::regex_search(line, m, include_re)) {
            continue;
        }
        const std::string target = m[1];
        for (const LayerRule& rule : layer_rules) {
            if (!in_layer(relative_path, rule.layer)) {
                continue;
            }
            for (const char* forbidden : rule.forbidden) {
                if (forbidden != nullptr && in_layer(target, forbidden)) {
                    findings.push_back(
                        {std::string(relative_path), number,
                         std::string("layering: ") + rule.layer + " must not include " + forbidden,
                         original_line});
                }
            }
        }
    }
    return findings;
}

std::vector<Finding> check_tree(const std::string& root) {
    namespace fs = std::filesystem;
    std::vector<Finding> findings;
    for (const char* layer : {"sim", "models", "checker", "gui", "cli", "bench", "tests"}) {
        const fs::path dir = fs::path(root) / layer;
        if (!fs::exists(dir)) {
            continue;
        }
        for (const auto& entry : fs::recursive_directory_iterator(dir)) {
            const std::string ext = entry.path().extension().string();
            if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".hpp" && ext != ".h")) {
                continue;
            }
            std::ifstream in(entry.path());
            std::stringstream content;
            content << in.rdbuf();
            const std::string relative = fs::relative(entry.path(), root).generic_string();
            auto more = check_source(relative, content.str());
            findings.insert(findings.end(), more.begin(), more.end());
        }
    }
    return findings;
}

} // namespace lockstep::tidy
