#pragma once
// Reading the document tree into typed values, reporting every mistake with its position. Readers
// never throw and never invent a value: on a mistake they report it and leave the target alone.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli/scenario_doc.hpp"
#include "sim/time.hpp"

namespace lockstep::scenario {

class Issues {
  public:
    void add(SourcePos pos, std::string message) { all_.push_back({pos, std::move(message)}); }
    size_t count() const { return all_.size(); }
    const std::vector<DocIssue>& all() const { return all_; }
    std::vector<DocIssue>& all() { return all_; }

  private:
    std::vector<DocIssue> all_;
};

enum class Sign : uint8_t { positive, non_negative, any };

template <class E>
struct Choice {
    std::string_view word;
    E value;
};

// Single values, wherever they sit (a map's value, a list's item). `path` names the value in
// messages ("lock.ttl", "faults[2].partition[0][1]").
bool read_duration(Issues& issues, const DocNode& node, const std::string& path, Duration& out,
                   Sign sign);
bool read_bool(Issues& issues, const DocNode& node, const std::string& path, bool& out);
bool read_unsigned(Issues& issues, const DocNode& node, const std::string& path, uint64_t& out,
                   uint64_t min, uint64_t max);
bool read_signed(Issues& issues, const DocNode& node, const std::string& path, int64_t& out,
                 int64_t min, int64_t max);
bool read_word(Issues& issues, const DocNode& node, const std::string& path, std::string& out);
bool read_text(Issues& issues, const DocNode& node, const std::string& path, std::string& out);
bool read_probability(Issues& issues, const DocNode& node, const std::string& path, uint32_t& num,
                      uint32_t& den);
bool read_rate_ppm(Issues& issues, const DocNode& node, const std::string& path, int64_t& out,
                   bool allow_fraction);
// One of a fixed set of words; an unknown word lists them and suggests the nearest.
bool read_word_in(Issues& issues, const DocNode& node, const std::string& path,
                  const std::vector<std::string_view>& words, size_t& index);

template <class E>
bool read_choice(Issues& issues, const DocNode& node, const std::string& path,
                 std::initializer_list<Choice<E>> choices, E& out) {
    std::vector<std::string_view> words;
    for (const Choice<E>& c : choices) {
        words.push_back(c.word);
    }
    size_t index = 0;
    if (!read_word_in(issues, node, path, words, index)) {
        return false;
    }
    out = (choices.begin() + index)->value;
    return true;
}

// What goes between "unknown X" and "valid Xs: ...": a space after a "did you mean" question,
// else a semicolon.
std::string suggestion_gap(const std::string& message);

// "unknown key 'tll' in lock; did you mean 'ttl'? Valid keys: ..."
void report_unknown_key(Issues& issues, const DocEntry& entry, const std::string& where,
                        const std::vector<std::string_view>& keys);

// One map of the scenario. Construction reports a value that is not a map and every key not in
// `keys`; the read_* members read one key if present (true when read and valid).
class Section {
  public:
    Section(Issues& issues, const DocNode& node, std::string path,
            std::vector<std::string_view> keys);

    bool valid() const { return valid_; }
    const DocNode& node() const { return node_; }
    const std::string& path() const { return path_; }
    Issues& issues() const { return issues_; }
    const DocEntry* entry(std::string_view key) const;
    const DocNode* value(std::string_view key) const;
    bool has(std::string_view key) const { return entry(key) != nullptr; }
    std::string path_of(std::string_view key) const;
    // Reports a required key that is missing.
    bool require(std::string_view key) const;

    bool read(std::string_view key, Duration& out, Sign sign) const;
    bool read(std::string_view key, bool& out) const;
    bool read(std::string_view key, uint64_t& out, uint64_t min, uint64_t max) const;
    bool read(std::string_view key, uint32_t& out, uint32_t min, uint32_t max) const;
    bool read(std::string_view key, int64_t& out, int64_t min, int64_t max) const;
    bool read_text(std::string_view key, std::string& out) const;
    bool read_word(std::string_view key, std::string& out) const;
    bool read_probability(std::string_view key, uint32_t& num, uint32_t& den) const;
    bool read_rate_ppm(std::string_view key, int64_t& out, bool allow_fraction) const;
    template <class E>
    bool read_choice(std::string_view key, std::initializer_list<Choice<E>> choices, E& out) const {
        const DocNode* v = value(key);
        return v != nullptr && scenario::read_choice(issues_, *v, path_of(key), choices, out);
    }

  private:
    Issues& issues_;
    const DocNode& node_;
    std::string path_;
    bool valid_ = false;
};

} // namespace lockstep::scenario
