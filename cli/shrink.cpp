#include "cli/shrink.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "cli/cmd_support.hpp"
#include "cli/scenario_emit.hpp"
#include "cli/scenario_override.hpp"
#include "cli/shrink_choices.hpp"
#include "models/build.hpp"

namespace lockstep {
namespace {

using scenario::DocEntry;
using scenario::DocNode;

DocNode* member(DocNode& map, std::string_view key) {
    DocEntry* e = map.find(key);
    return e == nullptr ? nullptr : &e->value;
}

bool mentions(const DocNode& n, const std::string& name) {
    if (n.is_scalar()) {
        return n.text == name;
    }
    for (const DocNode& item : n.items) {
        if (mentions(item, name)) {
            return true;
        }
    }
    for (const DocEntry& e : n.entries) {
        if (mentions(e.value, name)) {
            return true;
        }
    }
    return false;
}

class Shrinker {
  public:
    Shrinker(std::string path, uint64_t seed, std::string property)
        : path_(std::move(path)), seed_(seed), property_(std::move(property)) {}

    // Whether the candidate still violates the property with the same seed.
    bool fails(const DocNode& candidate) {
        ++runs_;
        const ScenarioLoad load = load_scenario_text(scenario::emit_yaml(candidate), path_);
        if (!load.ok) {
            return false;
        }
        RunRequest request;
        request.seed = seed_;
        request.level = TraceLevel::checker;
        request.record_choices = false;
        try {
            const RunOutcome run = run_scenario(load.scenario, request);
            const PropertyResult* p = run.report.property(property_);
            return p != nullptr && p->verdict == Verdict::violated;
        } catch (const std::invalid_argument&) {
            return false;
        }
    }

    void remove_list_items(DocNode& doc, std::string_view key, bool keep_one) {
        DocNode* list = member(doc, key);
        if (list == nullptr || !list->is_sequence()) {
            return;
        }
        for (size_t i = list->items.size(); i-- > 0;) {
            if (keep_one && list->items.size() <= 1) {
                return;
            }
            DocNode candidate = doc;
            auto& items = member(candidate, key)->items;
            items.erase(items.begin() + long(i));
            if (key == "clients") {
                drop_faults_naming(candidate, client_name(list->items[i]));
            }
            if (fails(candidate)) {
                doc = std::move(candidate);
                list = member(doc, key);
            }
        }
    }

    // The smallest value of a duration field that still fails (binary search to 1 ms).
    void shrink_duration(DocNode& doc, DocNode& field, Duration floor) {
        const DurationParse current = parse_duration(field.text);
        if (!current.ok) {
            return;
        }
        const bool negative = current.value < Duration::zero();
        const bool plus = !field.text.empty() && field.text.front() == '+';
        Duration hi = negative ? -current.value : current.value;
        Duration lo = floor;
        auto text_of = [&](Duration d) {
            return (negative ? "-" : plus ? "+" : "") + format_duration(d);
        };
        const std::string original = field.text;
        while (hi - lo > Duration::ms(1)) {
            const Duration mid = lo + (hi - lo) / 2;
            field.text = text_of(mid);
            if (fails(doc)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        field.text = text_of(hi);
        if (!fails(doc)) {
            field.text = original;
            return;
        }
        round_up(doc, field, hi, text_of);
    }

    // People read "20.001s" more easily than "20.000594939s": take the coarsest round-up of the
    // shrunk value that still fails.
    template <class TextOf>
    void round_up(DocNode& doc, DocNode& field, Duration value, const TextOf& text_of) {
        const std::string shrunk = field.text;
        for (Duration grain :
             {Duration::s(1), Duration::ms(100), Duration::ms(10), Duration::ms(1)}) {
            const Duration rounded =
                (value + grain - Duration::ns(1)) / grain.count_ns() * grain.count_ns();
            field.text = text_of(rounded);
            if (rounded == value || fails(doc)) {
                return;
            }
        }
        field.text = shrunk;
    }

    // Swarm faults strike at nanosecond-precise times; round them to milliseconds when the
    // failure survives it.
    void round_times(DocNode& doc) {
        DocNode* faults = member(doc, "faults");
        if (faults == nullptr) {
            return;
        }
        for (DocNode& fault : faults->items) {
            DocNode* at = member(fault, "at");
            if (at == nullptr || !at->is_scalar()) {
                continue;
            }
            const DurationParse t = parse_duration(at->text);
            if (!t.ok) {
                continue;
            }
            const std::string original = at->text;
            at->text = format_duration(t.value / 1'000'000 * 1'000'000);
            if (at->text != original && !fails(doc)) {
                at->text = original;
            }
        }
    }

    void shrink_fault_sizes(DocNode& doc) {
        DocNode* faults = member(doc, "faults");
        if (faults == nullptr) {
            return;
        }
        for (DocNode& fault : faults->items) {
            for (const char* key : {"for", "by", "restart_after", "heal_after"}) {
                if (DocNode* field = member(fault, key); field != nullptr && field->is_scalar()) {
                    shrink_duration(doc, *field, Duration::ms(1));
                }
            }
        }
    }

    void shrink_counts(DocNode& doc) {
        DocNode* clients = member(doc, "clients");
        if (clients == nullptr) {
            return;
        }
        for (DocNode& client : clients->items) {
            for (const char* key : {"cycles", "count"}) {
                DocNode* field = member(client, key);
                while (field != nullptr && field->is_scalar() && field->text != "1") {
                    const std::string before = field->text;
                    field->text = std::to_string(std::max<long>(1, std::stol(before) / 2));
                    if (!fails(doc)) {
                        field->text = before;
                        break;
                    }
                }
            }
        }
    }

    // The shortest run that still fails would end mid-story (a pause cut short, an overlap that
    // "ends" at the end of the run): keep as much again after it as the longest fault lasts.
    void shorten_run(DocNode& doc) {
        DocNode* duration = member(doc, "duration");
        if (duration == nullptr) {
            return;
        }
        const DurationParse original = parse_duration(duration->text);
        shrink_duration(doc, *duration, Duration::ms(100));
        const DurationParse shrunk = parse_duration(duration->text);
        if (!original.ok || !shrunk.ok) {
            return;
        }
        Duration margin = Duration::s(1) + longest_fault(doc);
        const Duration padded = std::min(original.value, shrunk.value + margin);
        duration->text = format_duration((padded + Duration::s(1) - Duration::ns(1)) /
                                         1'000'000'000 * 1'000'000'000);
        if (!fails(doc)) {
            duration->text = format_duration(original.value);
        }
    }

    static Duration longest_fault(DocNode& doc) {
        Duration longest;
        if (DocNode* faults = member(doc, "faults")) {
            for (DocNode& fault : faults->items) {
                for (const char* key : {"for", "by", "restart_after", "heal_after"}) {
                    const DocNode* field = member(fault, key);
                    const DurationParse d =
                        field == nullptr ? DurationParse{} : parse_duration(field->text);
                    if (d.ok) {
                        longest =
                            std::max(longest, d.value < Duration::zero() ? -d.value : d.value);
                    }
                }
            }
        }
        return longest;
    }

    size_t runs() const { return runs_; }

  private:
    static std::string client_name(const DocNode& client) {
        const DocEntry* name = client.find("name");
        return name != nullptr ? name->value.text : std::string();
    }
    static void drop_faults_naming(DocNode& doc, const std::string& name) {
        DocNode* faults = member(doc, "faults");
        if (faults == nullptr || name.empty()) {
            return;
        }
        std::erase_if(faults->items, [&](const DocNode& f) { return mentions(f, name); });
    }

    std::string path_;
    uint64_t seed_;
    std::string property_;
    size_t runs_ = 0;
};

// The scenario as it ran: the file with overrides folded in and every fault (swarm ones too)
// written out explicitly.
std::optional<DocNode> starting_document(const Scenario& scenario,
                                         const std::vector<std::string>& overrides,
                                         const RunRequest& request, uint64_t seed) {
    std::ifstream in(scenario.path);
    std::stringstream text;
    text << in.rdbuf();
    scenario::DocParse parsed = scenario::parse_yaml(text.str(), 0);
    if (!parsed.ok) {
        return std::nullopt;
    }
    scenario::Issues issues;
    scenario::apply_overrides(parsed.root, overrides, issues);
    const std::vector<std::string> names = node_names(scenario.system);
    DocNode faults;
    faults.kind = DocNode::Kind::sequence;
    for (Fault f : faults_for(scenario, seed, request.swarm)) {
        std::erase_if(f.groups, [](const auto& g) { return g.empty(); });
        if (f.kind == Fault::Kind::partition && f.groups.size() < 2) {
            continue; // a partition with one side cuts nothing
        }
        faults.items.push_back(scenario::fault_to_doc(f, names));
    }
    if (DocEntry* e = parsed.root.find("faults")) {
        e->value = faults;
    } else {
        parsed.root.entries.push_back({"faults", {}, faults});
    }
    if (DocEntry* e = parsed.root.find("seed")) {
        e->value = scenario::scalar_node(std::to_string(seed));
    } else {
        // Where a reader looks for it: after the name and description.
        auto& entries = parsed.root.entries;
        auto at = std::find_if(entries.begin(), entries.end(), [](const DocEntry& e) {
            return e.key != "name" && e.key != "description";
        });
        entries.insert(at, {"seed", {}, scenario::scalar_node(std::to_string(seed))});
    }
    return parsed.root;
}

size_t count_items(const DocNode& doc, std::string_view key) {
    const DocEntry* e = doc.find(key);
    return e == nullptr ? 0 : e->value.items.size();
}

} // namespace

ShrinkResult shrink_failure(const Scenario& scenario, const std::vector<std::string>& overrides,
                            const RunRequest& request, uint64_t seed, const std::string& property) {
    ShrinkResult result;
    result.property = property;
    std::optional<DocNode> doc = starting_document(scenario, overrides, request, seed);
    Shrinker shrinker(scenario.path, seed, property);
    if (!doc || !shrinker.fails(*doc)) {
        result.summary = "could not reproduce the failure from the written-out scenario";
        return result;
    }
    const size_t faults_before = count_items(*doc, "faults");
    const size_t clients_before = count_items(*doc, "clients");
    shrinker.remove_list_items(*doc, "faults", false);
    shrinker.remove_list_items(*doc, "clients", true);
    shrinker.shrink_counts(*doc);
    shrinker.shrink_fault_sizes(*doc);
    shrinker.round_times(*doc);
    shrinker.shorten_run(*doc);
    result.ok = true;
    std::erase_if(doc->entries, [](const DocEntry& e) {
        return e.key == "faults" && e.value.is_sequence() && e.value.items.empty();
    }); // "faults: []" says nothing a reader needs
    const std::string body = scenario::emit_yaml(*doc);
    result.runs = shrinker.runs();
    std::string header = "# Shrunk by lockstep check from " + scenario.path + " (seed " +
                         std::to_string(seed) + "): still violates " + property + ".\n";
    const ScenarioLoad shrunk = load_scenario_text(body, scenario.path);
    if (shrunk.ok) {
        const ChoiceShrink choices = shrink_choices(shrunk.scenario, seed, property);
        result.runs += choices.runs;
        // Only a string with fewer decisions than the seed's run is worth a replay line.
        if (choices.ok && choices.decided_after < choices.decided_before) {
            result.choices = choices.choices;
            result.decided_before = choices.decided_before;
            result.decided_after = choices.decided_after;
            header += fmt::format("# Its run with the fewest random choices ({} of {} kept):\n"
                                  "#   lockstep replay THIS_FILE --choices {}\n",
                                  choices.decided_after, choices.decided_before,
                                  shell_word(choices.choices));
        }
    }
    result.yaml = header + body;
    const std::string choices_line =
        result.decided_after < result.decided_before
            ? fmt::format(", choices {} -> {}", result.decided_before, result.decided_after)
            : std::string();
    result.summary = fmt::format("faults {} -> {}, client entries {} -> {}{}, {} candidate runs",
                                 faults_before, count_items(*doc, "faults"), clients_before,
                                 count_items(*doc, "clients"), choices_line, result.runs);
    return result;
}

void shrink_and_report(const CommandLine& cl, const Scenario& scenario, const RunRequest& base,
                       uint64_t seed) {
    RunRequest request = base;
    request.seed = seed;
    const RunOutcome run = run_scenario(scenario, request);
    std::string property;
    const Expectation full = full_expectation(scenario.expect);
    for (const auto& want : full.properties) {
        const PropertyResult* got = run.report.property(want.name);
        if (want.verdict == Verdict::holds && got != nullptr && got->verdict == Verdict::violated) {
            property = want.name;
            break;
        }
    }
    if (property.empty()) {
        return;
    }
    const ShrinkResult shrunk = shrink_failure(scenario, cl.overrides, base, seed, property);
    std::printf("\nshrunk (%s)\n", shrunk.summary.c_str());
    if (!shrunk.ok) {
        return;
    }
    std::fputs(shrunk.yaml.c_str(), stdout);
    const bool saved = !cl.shrunk_path.empty() && write_file(cl.shrunk_path, shrunk.yaml);
    const std::string file = saved ? shell_word(cl.shrunk_path) : std::string("FILE");
    if (saved) {
        std::printf("saved to %s; replay it with: lockstep run %s\n", cl.shrunk_path.c_str(),
                    file.c_str());
    } else {
        std::puts("save it with --shrunk FILE and run it with: lockstep run FILE");
    }
    if (shrunk.decided_after < shrunk.decided_before) {
        std::printf(
            "with the fewest random choices (%zu of %zu): lockstep replay %s --choices %s\n",
            shrunk.decided_after, shrunk.decided_before, file.c_str(),
            shell_word(shrunk.choices).c_str());
    }
}

} // namespace lockstep
