// The one place yaml-cpp is used: YAML text to the loader's DocNode tree.
#include <algorithm>
#include <exception>
#include <optional>
#include <sstream>
#include <string>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include "cli/scenario_doc.hpp"

namespace lockstep::scenario {
namespace {

// Aliases can make a YAML graph cyclic (`a: &x {b: *x}`) or exponentially large ("billion
// laughs"); copying it into a tree must stop at a bound instead of recursing forever.
constexpr int max_depth = 64;
constexpr size_t max_nodes = 200'000;

struct TooLarge {
    SourcePos pos;
    std::string why;
};

struct Converter {
    int origin;
    int column_shift;
    std::vector<DocIssue>& issues;
    size_t nodes = 0;

    // yaml-cpp marks are 0-based, and -1 for nodes it made up (an empty value).
    SourcePos position(const YAML::Mark& mark, SourcePos fallback) const {
        if (mark.is_null() || mark.line < 0) {
            return fallback;
        }
        const int shift = mark.line == 0 ? column_shift : 0;
        return {origin, mark.line + 1, mark.column + 1 + shift};
    }

    DocNode convert(const YAML::Node& node, SourcePos fallback, int depth = 0) {
        DocNode out;
        out.pos = position(node.Mark(), fallback);
        if (depth > max_depth) {
            throw TooLarge{out.pos, "values nest more than " + std::to_string(max_depth) +
                                        " levels deep (an alias that contains itself?)"};
        }
        if (++nodes > max_nodes) {
            throw TooLarge{out.pos, "the document expands to more than " +
                                        std::to_string(max_nodes) + " values (nested aliases?)"};
        }
        switch (node.Type()) {
        case YAML::NodeType::Undefined:
        case YAML::NodeType::Null: out.kind = DocNode::Kind::null; break;
        case YAML::NodeType::Scalar:
            out.kind = DocNode::Kind::scalar;
            out.text = node.Scalar();
            break;
        case YAML::NodeType::Sequence:
            out.kind = DocNode::Kind::sequence;
            for (const YAML::Node& item : node) {
                out.items.push_back(convert(item, out.pos, depth + 1));
            }
            break;
        case YAML::NodeType::Map:
            out.kind = DocNode::Kind::map;
            convert_entries(node, out, depth);
            break;
        }
        return out;
    }

    void convert_entries(const YAML::Node& map, DocNode& out, int depth) {
        for (auto it = map.begin(); it != map.end(); ++it) {
            const SourcePos key_pos = position(it->first.Mark(), out.pos);
            if (!it->first.IsScalar()) {
                issues.push_back(
                    {key_pos, "a key must be a plain word, not " +
                                  std::string(it->first.IsMap() ? "a map" : "a list")});
                continue;
            }
            const std::string key = it->first.Scalar();
            if (const DocEntry* first = out.find(key)) {
                issues.push_back({key_pos, "duplicate key '" + key + "' (first given on line " +
                                               std::to_string(first->key_pos.line) + ")"});
                continue;
            }
            out.entries.push_back({key, key_pos, convert(it->second, key_pos, depth + 1)});
        }
    }
};

// Notes where documents start, building nothing.
class DocumentStarts final : public YAML::EventHandler {
  public:
    std::vector<YAML::Mark> starts;

    void OnDocumentStart(const YAML::Mark& mark) override { starts.push_back(mark); }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
};

// Where a second document starts, if there is one. YAML::LoadAll would say, but on some
// malformed input it never returns: a stray ',' makes yaml-cpp 0.7 report empty documents
// without end until memory runs out (yaml-cpp issue #1040). So ask for two documents at most.
std::optional<YAML::Mark> second_document(const std::string& text) {
    std::istringstream in(text);
    YAML::Parser parser(in);
    DocumentStarts handler;
    for (int i = 0; i < 2 && parser.HandleNextDocument(handler); ++i) {
    }
    if (handler.starts.size() < 2) {
        return std::nullopt;
    }
    return handler.starts[1];
}

} // namespace

DocParse parse_yaml(std::string_view text, int origin, int first_column) {
    DocParse out;
    const SourcePos start{origin, 1, first_column};
    try {
        const std::string owned(text);
        const YAML::Node document = YAML::Load(owned);
        Converter converter{origin, first_column - 1, out.issues};
        if (const std::optional<YAML::Mark> second = second_document(owned)) {
            const auto at = static_cast<size_t>(std::max(0, second->pos));
            const bool marker = owned.compare(at, 3, "---") == 0;
            out.issues.push_back({converter.position(*second, start),
                                  marker ? "a scenario is one YAML document; remove this second one"
                                         : "YAML cannot read on from here (unexpected '" +
                                               owned.substr(at, 1) + "')"});
            return out;
        }
        out.root = converter.convert(document, start);
        out.ok = true;
    } catch (const TooLarge& e) {
        out.issues.push_back({e.pos, e.why});
    } catch (const YAML::Exception& e) {
        Converter converter{origin, first_column - 1, out.issues};
        out.issues.push_back({converter.position(e.mark, start), e.msg});
    } catch (const std::exception& e) {
        out.issues.push_back({start, std::string("cannot read YAML: ") + e.what()});
    }
    return out;
}

} // namespace lockstep::scenario
