// The one place yaml-cpp is used: YAML text to the loader's DocNode tree.
#include <exception>
#include <string>
#include <yaml-cpp/yaml.h>

#include "cli/scenario_doc.hpp"

namespace lockstep::scenario {
namespace {

struct Converter {
    int origin;
    int column_shift;
    std::vector<DocIssue>& issues;

    // yaml-cpp marks are 0-based, and -1 for nodes it made up (an empty value).
    SourcePos position(const YAML::Mark& mark, SourcePos fallback) const {
        if (mark.is_null() || mark.line < 0) {
            return fallback;
        }
        const int shift = mark.line == 0 ? column_shift : 0;
        return {origin, mark.line + 1, mark.column + 1 + shift};
    }

    DocNode convert(const YAML::Node& node, SourcePos fallback) {
        DocNode out;
        out.pos = position(node.Mark(), fallback);
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
                out.items.push_back(convert(item, out.pos));
            }
            break;
        case YAML::NodeType::Map:
            out.kind = DocNode::Kind::map;
            convert_entries(node, out);
            break;
        }
        return out;
    }

    void convert_entries(const YAML::Node& map, DocNode& out) {
        for (auto it = map.begin(); it != map.end(); ++it) {
            const SourcePos key_pos = position(it->first.Mark(), out.pos);
            if (!it->first.IsScalar()) {
                issues.push_back({key_pos, "a key must be a plain word, not " +
                                               std::string(it->first.IsMap() ? "a map" : "a list")});
                continue;
            }
            const std::string key = it->first.Scalar();
            if (const DocEntry* first = out.find(key)) {
                issues.push_back({key_pos, "duplicate key '" + key + "' (first given on line " +
                                               std::to_string(first->key_pos.line) + ")"});
                continue;
            }
            out.entries.push_back({key, key_pos, convert(it->second, key_pos)});
        }
    }
};

} // namespace

DocParse parse_yaml(std::string_view text, int origin, int first_column) {
    DocParse out;
    const SourcePos start{origin, 1, first_column};
    try {
        const std::vector<YAML::Node> documents = YAML::LoadAll(std::string(text));
        Converter converter{origin, first_column - 1, out.issues};
        if (documents.size() > 1) {
            out.issues.push_back({converter.position(documents[1].Mark(), start),
                                  "a scenario is one YAML document; remove this second one"});
            return out;
        }
        if (!documents.empty()) {
            out.root = converter.convert(documents.front(), start);
        } else {
            out.root.pos = start;
        }
        out.ok = true;
    } catch (const YAML::Exception& e) {
        Converter converter{origin, first_column - 1, out.issues};
        out.issues.push_back({converter.position(e.mark, start), e.msg});
    } catch (const std::exception& e) {
        out.issues.push_back({start, std::string("cannot read YAML: ") + e.what()});
    }
    return out;
}

} // namespace lockstep::scenario
