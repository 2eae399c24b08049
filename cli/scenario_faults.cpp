// faults: the scheduled fault plan. Each list item is one fault, named by its kind key
// (`pause: c1`, `partition: [[...], [...]]`, ...), plus when it strikes and kind-specific keys.
#include <algorithm>

#include "cli/scenario_fault_parts.hpp"
#include "cli/scenario_schema.hpp"
#include "cli/scenario_values.hpp"

namespace lockstep::scenario {
namespace {

constexpr uint32_t max_delay_count = 1'000'000;

struct KindWord {
    std::string_view word;
    Fault::Kind kind;
};
constexpr KindWord kind_words[] = {
    {"pause", Fault::Kind::pause},
    {"clock_step", Fault::Kind::clock_step},
    {"clock_drift", Fault::Kind::clock_drift},
    {"clock_slew", Fault::Kind::clock_slew},
    {"crash", Fault::Kind::crash},
    {"restart", Fault::Kind::restart},
    {"partition", Fault::Kind::partition},
    {"heal", Fault::Kind::heal},
    {"delay", Fault::Kind::delay},
    {"loss", Fault::Kind::loss},
};

std::vector<std::string_view> kind_names() {
    std::vector<std::string_view> names;
    for (const FaultKindKeys& k : fault_kinds()) {
        names.push_back(k.kind);
    }
    return names;
}

// The one kind key of a fault; reports none or several.
const DocEntry* find_kind(Issues& issues, const DocNode& item, const std::string& path) {
    const std::vector<std::string_view> kinds = kind_names();
    const DocEntry* found = nullptr;
    for (const DocEntry& e : item.entries) {
        if (std::find(kinds.begin(), kinds.end(), e.key) == kinds.end()) {
            continue;
        }
        if (found != nullptr) {
            issues.add(e.key_pos, path + " is both a " + found->key + " and a " + e.key +
                                      " fault; write one fault per list item");
            return nullptr;
        }
        found = &e;
    }
    if (found == nullptr) {
        // Typos of a kind ("pasue") read best as an unknown key with a suggestion.
        const size_t before = issues.count();
        const Section all_keys(issues, item, path, keys_of(Place::fault));
        if (issues.count() == before) {
            issues.add(item.pos, path + " names no fault kind; start it with one of: " +
                                     join(kinds) + " (for example {pause: c1, at: 10s, for: 5s})");
        }
    }
    return found;
}

std::vector<std::string_view> keys_for(const DocEntry& kind) {
    std::vector<std::string_view> keys = {kind.key};
    keys.insert(keys.end(), fault_trigger_keys().begin(), fault_trigger_keys().end());
    for (const FaultKindKeys& k : fault_kinds()) {
        if (k.kind == kind.key) {
            keys.insert(keys.end(), k.keys.begin(), k.keys.end());
        }
    }
    return keys;
}

// `{from: A, to: B}`, either end left out meaning any node.
void read_link_ends(const FaultInput& in, Fault& f) {
    const Section& s = in.section;
    const Section ends(s.issues(), in.kind.value, s.path_of(in.kind.key),
                       keys_of(Place::link_ends));
    if (const DocNode* from = ends.value("from")) {
        in.nodes.resolve(s.issues(), *from, ends.path_of("from"), f.from);
    }
    if (const DocNode* to = ends.value("to")) {
        in.nodes.resolve(s.issues(), *to, ends.path_of("to"), f.to);
    }
}

void read_loss(const FaultInput& in, Fault& f) {
    const Section& s = in.section;
    read_link_ends(in, f);
    if (s.require("for")) {
        s.read("for", f.length, Sign::positive);
    }
    // Without `chance` every message is lost: the window is a one-way cut that heals by itself.
    if (s.read_probability("chance", f.loss_num, f.loss_den) && f.loss_num == 0) {
        s.issues().add(s.value("chance")->pos,
                       s.path_of("chance") +
                           " must be above zero (a window that loses nothing "
                           "is no fault), got " +
                           s.value("chance")->text);
    }
}

void read_delay(const FaultInput& in, Fault& f) {
    const Section& s = in.section;
    read_link_ends(in, f);
    if (s.require("by")) {
        s.read("by", f.amount, Sign::positive);
    }
    s.read("count", f.count, 1, max_delay_count);
}

bool read_rate(const Section& s, std::string_view key, Fault& f) {
    int64_t ppm = 0;
    if (!s.require(key) || !s.read_rate_ppm(key, ppm, false) ||
        !check_drift(s.issues(), *s.value(key), s.path_of(key), ppm)) {
        return false;
    }
    f.drift_ppm = ppm;
    return true;
}

// The keys of one kind, after its node (if it has one) is resolved.
void read_kind_keys(const FaultInput& in, Fault& f) {
    const Section& s = in.section;
    switch (f.kind) {
    case Fault::Kind::pause:
        if (s.require("for")) {
            s.read("for", f.length, Sign::positive);
        }
        break;
    case Fault::Kind::clock_step:
        if (s.require("by")) {
            s.read("by", f.amount, Sign::any);
        }
        break;
    case Fault::Kind::clock_drift: read_rate(s, "rate", f); break;
    case Fault::Kind::clock_slew:
        if (s.require("by")) {
            s.read("by", f.amount, Sign::any);
        }
        // A slew absorbs the step gradually; a zero or negative extra rate never gets there.
        if (read_rate(s, "rate", f) && f.drift_ppm <= 0) {
            s.issues().add(s.value("rate")->pos,
                           s.path_of("rate") + " must be above zero, got " + s.value("rate")->text);
        }
        break;
    case Fault::Kind::crash:
        f.length = Duration::max(); // without restart_after it stays down
        s.read("restart_after", f.length, Sign::non_negative);
        break;
    case Fault::Kind::restart: break;
    case Fault::Kind::partition: read_partition(in, f); break;
    case Fault::Kind::heal:
        if (!in.kind.value.is_scalar() || in.kind.value.text != "all") {
            s.issues().add(in.kind.value.pos,
                           s.path_of("heal") + ": write `heal: all` (it heals every partition)");
        }
        break;
    case Fault::Kind::delay: read_delay(in, f); break;
    case Fault::Kind::loss: read_loss(in, f); break;
    }
}

bool read_fault(Issues& issues, const DocNode& item, const std::string& path,
                const NodeTable& nodes, const SystemSpec& spec, Fault& f) {
    if (!item.is_map()) {
        issues.add(item.pos, path + " must be a map such as {pause: c1, at: 10s, for: 5s}, got " +
                                 describe(item));
        return false;
    }
    const DocEntry* kind = find_kind(issues, item, path);
    if (kind == nullptr) {
        return false;
    }
    const size_t before = issues.count();
    const Section s(issues, item, path, keys_for(*kind));
    for (const KindWord& k : kind_words) {
        if (k.word == kind->key) {
            f.kind = k.kind;
        }
    }
    const bool single_node = !fault_acts_on_links(f.kind);
    if (single_node) {
        nodes.resolve(issues, kind->value, s.path_of(kind->key), f.node);
    }
    const FaultInput in{s, *kind, nodes, spec, single_node};
    read_kind_keys(in, f);
    if (read_trigger(in, f) && f.kind == Fault::Kind::partition) {
        read_partition_heal_at(in, f);
    }
    f.label = path;
    return issues.count() == before;
}

} // namespace

void read_faults(const Section& top, const NodeTable& nodes, const SystemSpec& spec,
                 FaultPlan& plan) {
    const DocNode* list = top.value("faults");
    if (list == nullptr ||
        !need_list(top.issues(), *list, "faults", "[{pause: c1, at_point: acquired, for: 40s}]")) {
        return;
    }
    for (size_t i = 0; i < list->items.size(); ++i) {
        Fault f;
        if (read_fault(top.issues(), list->items[i], indexed("faults", i), nodes, spec, f)) {
            plan.push_back(std::move(f));
        }
    }
}

} // namespace lockstep::scenario
