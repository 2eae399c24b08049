// expect: the verdict each property must reach, and the coverage marks the run must hit.
#include <algorithm>

#include "cli/scenario_convert.hpp"
#include "cli/scenario_schema.hpp"

namespace lockstep::scenario {
namespace {

void read_marks(const Section& s, Expectation& expect) {
    const DocNode* list = s.value("marks");
    if (list == nullptr ||
        !need_list(s.issues(), *list, s.path_of("marks"), "[lease_expired_while_paused]")) {
        return;
    }
    const std::vector<std::string_view> names(mark_names().begin(), mark_names().end());
    for (size_t i = 0; i < list->items.size(); ++i) {
        size_t index = 0;
        if (read_word_in(s.issues(), list->items[i], indexed(s.path_of("marks"), i), names,
                         index)) {
            expect.marks.emplace_back(names[index]);
        }
    }
}

} // namespace

void read_expect(const Section& top, Expectation& expect) {
    const DocNode* node = top.value("expect");
    if (node == nullptr) {
        return;
    }
    // The top level's expect, or explore.expect: messages name the one the user wrote.
    const Section s(top.issues(), *node, top.path_of("expect"), keys_of(Place::expect));
    if (!s.valid()) {
        return;
    }
    const std::vector<std::string_view> verdicts = {verdict_name(Verdict::holds),
                                                    verdict_name(Verdict::violated),
                                                    verdict_name(Verdict::inconclusive)};
    const std::vector<std::string_view>& properties = property_names();
    for (const DocEntry& e : node->entries) {
        // Unknown keys were reported by the section; marks are read below.
        if (std::find(properties.begin(), properties.end(), e.key) == properties.end()) {
            continue;
        }
        size_t index = 0;
        Verdict verdict = Verdict::holds;
        if (read_word_in(s.issues(), e.value, s.path_of(e.key), verdicts, index) &&
            parse_verdict(verdicts[index], verdict)) {
            expect.properties.push_back({e.key, verdict});
        }
    }
    read_marks(s, expect);
}

} // namespace lockstep::scenario
