#include "cli/scenario_override.hpp"

#include <algorithm>

#include "cli/scenario_schema.hpp"
#include "cli/scenario_values.hpp"

namespace lockstep::scenario {
namespace {

struct Component {
    std::string text;
    int column = 1; // where it starts in the override, 1-based
};

std::vector<Component> split_path(std::string_view path) {
    std::vector<Component> out;
    size_t start = 0;
    while (true) {
        const size_t dot = path.find('.', start);
        const size_t end = dot == std::string_view::npos ? path.size() : dot;
        out.push_back({std::string(path.substr(start, end - start)), static_cast<int>(start) + 1});
        if (dot == std::string_view::npos) {
            return out;
        }
        start = dot + 1;
    }
}

// Walks one override's path down the document, creating maps and keys the file left out, and
// checking each step against the scenario's shape.
class PathWalk {
  public:
    PathWalk(Issues& issues, const std::string& override_text, int origin)
        : issues_(issues), text_(override_text), origin_(origin) {}

    DocNode* walk(DocNode& root, const std::vector<Component>& path) {
        DocNode* cur = &root;
        Place place = Place::top;
        std::string prefix;
        for (const Component& c : path) {
            if (c.text.empty()) {
                fail(c.column, "empty key in the path (two dots, or a dot at an end)");
                return nullptr;
            }
            cur = step(*cur, place, c, prefix);
            if (cur == nullptr) {
                return nullptr;
            }
            prefix += (prefix.empty() ? "" : ".") + c.text;
        }
        return cur;
    }

    void fail(int column, const std::string& message) {
        issues_.add({origin_, 1, column}, "--set " + text_ + ": " + message);
    }

  private:
    static std::string name_of(const std::string& prefix) {
        return prefix.empty() ? "the scenario" : "'" + prefix + "'";
    }

    DocNode* step(DocNode& cur, Place& place, const Component& c, const std::string& prefix) {
        const Shape& shape = shape_of(place);
        switch (shape.kind) {
        case Shape::Kind::value:
            fail(c.column, name_of(prefix) + " is a single value; it has no key '" + c.text + "'");
            return nullptr;
        case Shape::Kind::list: return step_into_list(cur, place, c, prefix);
        case Shape::Kind::map:
        case Shape::Kind::named: return step_into_map(cur, place, c, prefix);
        }
        return nullptr;
    }

    DocNode* step_into_map(DocNode& cur, Place& place, const Component& c,
                           const std::string& prefix) {
        const Shape& shape = shape_of(place);
        Place next = shape.element;
        if (shape.kind == Shape::Kind::map) {
            const auto field = std::find_if(shape.fields.begin(), shape.fields.end(),
                                            [&](const auto& f) { return f.first == c.text; });
            if (field == shape.fields.end()) {
                unknown_key(place, c, prefix);
                return nullptr;
            }
            next = field->second;
        }
        if (cur.is_null()) {
            cur.kind = DocNode::Kind::map; // `--set lock.ttl=..` on a file without `lock:`
        }
        if (!cur.is_map()) {
            fail(c.column, name_of(prefix) + " is " + describe(cur) +
                               " in the scenario, not a map; set it whole instead");
            return nullptr;
        }
        DocEntry* entry = cur.find(c.text);
        if (entry == nullptr) {
            const SourcePos pos{origin_, 1, c.column};
            cur.entries.push_back({c.text, pos, DocNode{DocNode::Kind::null, {}, pos, {}, {}}});
            entry = &cur.entries.back();
        }
        place = next;
        return &entry->value;
    }

    DocNode* step_into_list(DocNode& cur, Place& place, const Component& c,
                            const std::string& prefix) {
        const Parsed<uint64_t> index = parse_unsigned(c.text);
        if (!index.ok) {
            fail(c.column, name_of(prefix) +
                               " is a list: expected an item number such as 0, got '" + c.text +
                               "'");
            return nullptr;
        }
        if (!cur.is_sequence()) {
            fail(c.column,
                 name_of(prefix) + " is " + describe(cur) + " in the scenario, not a list");
            return nullptr;
        }
        if (index.value >= cur.items.size()) {
            fail(c.column, name_of(prefix) + " has " + std::to_string(cur.items.size()) +
                               " items (numbered from 0); there is no item " + c.text);
            return nullptr;
        }
        place = shape_of(place).element;
        return &cur.items[index.value];
    }

    void unknown_key(Place place, const Component& c, const std::string& prefix) {
        const std::vector<std::string_view> keys = keys_of(place);
        std::string message = "unknown key '" + c.text + "' in " + name_of(prefix);
        if (const std::string_view guess = nearest(c.text, keys); !guess.empty()) {
            message += "; did you mean '" + std::string(guess) + "'?";
        }
        fail(c.column, message + suggestion_gap(message) + "valid keys: " + join(keys));
    }

    Issues& issues_;
    const std::string& text_;
    int origin_;
};

void apply_override(DocNode& root, const std::string& text, int origin, Issues& issues) {
    PathWalk walk(issues, text, origin);
    const size_t eq = text.find('=');
    if (eq == std::string::npos || eq == 0) {
        walk.fail(1, "expected KEY.PATH=VALUE, such as lock.ttl=10s or clients.0.hold=2s");
        return;
    }
    DocParse value =
        parse_yaml(std::string_view(text).substr(eq + 1), origin, static_cast<int>(eq) + 2);
    for (DocIssue& issue : value.issues) {
        issue.message = "--set " + text + ": " + issue.message;
        issues.add(issue.pos, issue.message);
    }
    if (!value.ok) {
        return;
    }
    // Walk a copy: a path that fails halfway must leave no half-made keys behind.
    DocNode edited = root;
    DocNode* target = walk.walk(edited, split_path(std::string_view(text).substr(0, eq)));
    if (target != nullptr) {
        *target = std::move(value.root);
        root = std::move(edited);
    }
}

} // namespace

void apply_overrides(DocNode& root, const std::vector<std::string>& overrides, Issues& issues) {
    for (size_t i = 0; i < overrides.size(); ++i) {
        apply_override(root, overrides[i], static_cast<int>(i) + 1, issues);
    }
}

} // namespace lockstep::scenario
