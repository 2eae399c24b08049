#pragma once
// The loader's own document tree. yaml-cpp parses the text once (scenario_yaml.cpp, the only file
// that includes it); everything else reads this tree. Owning the tree also lets `--set` values
// carry their own positions, so an error in an override points at the command line.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lockstep::scenario {

// Where a node came from: origin 0 is the scenario file, origin k > 0 is the k-th `--set`.
// Lines and columns are 1-based; line 0 means "no position" (the whole file).
struct SourcePos {
    int origin = 0;
    int line = 0;
    int column = 0;
};

struct DocEntry;

struct DocNode {
    enum class Kind : uint8_t { null, scalar, sequence, map };
    Kind kind = Kind::null;
    std::string text; // scalar only
    SourcePos pos;
    std::vector<DocNode> items;    // sequence only
    std::vector<DocEntry> entries; // map only, in file order, keys unique

    bool is_map() const { return kind == Kind::map; }
    bool is_scalar() const { return kind == Kind::scalar; }
    bool is_sequence() const { return kind == Kind::sequence; }
    bool is_null() const { return kind == Kind::null; }
    const DocEntry* find(std::string_view key) const;
    DocEntry* find(std::string_view key);
};

struct DocEntry {
    std::string key;
    SourcePos key_pos;
    DocNode value;
};

// "a map", "a list", "the value 'x'", "nothing": what a message says the user wrote.
std::string describe(const DocNode& node);

struct DocIssue {
    SourcePos pos;
    std::string message;
};

struct DocParse {
    bool ok = false; // false: the text is not YAML; issues say why
    DocNode root;
    std::vector<DocIssue> issues; // also non-fatal ones, such as duplicate keys
};

// Parses one YAML document. Positions are shifted by `first_column - 1` and tagged with `origin`
// (a `--set` value starts in the middle of its command-line argument).
DocParse parse_yaml(std::string_view text, int origin, int first_column = 1);

} // namespace lockstep::scenario
