#include "cli/scenario_fault_parts.hpp"

#include <map>

#include "cli/scenario_schema.hpp"

namespace lockstep::scenario {
namespace {

constexpr uint64_t max_occurrence = 1'000'000'000;
constexpr size_t max_groups = 255; // the network numbers groups in a byte

bool read_at(const FaultInput& in, Fault& f) {
    const Section& s = in.section;
    Duration at;
    if (!s.read("at", at, Sign::non_negative)) {
        return false;
    }
    if (at > in.spec.duration) {
        s.issues().add(s.value("at")->pos, s.path_of("at") + " is " + s.value("at")->text +
                                               ", after the end of the run (duration " +
                                               format_duration(in.spec.duration) + ")");
        return false;
    }
    f.trigger = Trigger::at_time_of(Time::zero() + at);
    return true;
}

// Whose point: `of`, else the faulted node itself.
bool point_owner(const FaultInput& in, NodeId node, NodeId& owner) {
    const Section& s = in.section;
    if (const DocNode* of = s.value("of")) {
        return in.nodes.resolve(s.issues(), *of, s.path_of("of"), owner);
    }
    if (!in.has_single_node) {
        s.issues().add(s.entry("at_point")->key_pos,
                       s.path_of("at_point") + ": a " + in.kind.key +
                           " has no single node whose program point could trigger it; name one "
                           "with `of: NODE`");
        return false;
    }
    owner = node;
    return owner != no_node; // an unknown node was already reported
}

// Clients reach known points; servers emit none yet, so any name is accepted for them.
bool read_point_name(const FaultInput& in, const DocNode& node, const std::string& path,
                     NodeId owner, std::string& point) {
    Issues& issues = in.section.issues();
    if (!in.nodes.is_client(owner)) {
        return read_word(issues, node, path, point);
    }
    size_t index = 0;
    if (!read_word_in(issues, node, path + " (a point of client " + in.nodes.names()[owner] + ")",
                      client_point_names(), index)) {
        return false;
    }
    point = std::string(client_point_names()[index]);
    return true;
}

bool read_at_point(const FaultInput& in, Fault& f) {
    const Section& s = in.section;
    NodeId owner = no_node;
    if (!point_owner(in, f.node, owner)) {
        return false;
    }
    const DocNode& value = *s.value("at_point");
    const std::string path = s.path_of("at_point");
    std::string point;
    if (!value.is_map()) {
        if (!read_point_name(in, value, path, owner, point)) {
            return false;
        }
        f.trigger = Trigger::at_point_of(owner, point);
        return true;
    }
    const Section p(s.issues(), value, path, keys_of(Place::at_point));
    uint64_t occurrence = 1;
    Duration after;
    if (!p.require("point") ||
        !read_point_name(in, *p.value("point"), p.path_of("point"), owner, point)) {
        return false;
    }
    p.read("occurrence", occurrence, 1, max_occurrence);
    p.read("after", after, Sign::non_negative);
    f.trigger = Trigger::at_point_of(owner, point, static_cast<uint32_t>(occurrence));
    f.trigger.after = after;
    return true;
}

// One group of a partition: names, each in no other group.
void read_group(const FaultInput& in, const DocNode& group, const std::string& path,
                std::map<NodeId, std::string>& placed, std::vector<NodeId>& out) {
    Issues& issues = in.section.issues();
    if (!need_list(issues, group, path, "[c1, redis-1]")) {
        return;
    }
    if (group.items.empty()) {
        issues.add(group.pos, path + " is an empty group");
        return;
    }
    for (size_t j = 0; j < group.items.size(); ++j) {
        NodeId id = no_node;
        if (!in.nodes.resolve(issues, group.items[j], indexed(path, j), id)) {
            continue;
        }
        const auto [it, inserted] = placed.emplace(id, path);
        if (!inserted) {
            issues.add(group.items[j].pos, indexed(path, j) + ": node '" + group.items[j].text +
                                               "' is already in " + it->second +
                                               "; a node can be in one group only");
            continue;
        }
        out.push_back(id);
    }
}

} // namespace

bool read_trigger(const FaultInput& in, Fault& f) {
    const Section& s = in.section;
    const DocEntry* at = s.entry("at");
    const DocEntry* at_point = s.entry("at_point");
    if (at != nullptr && at_point != nullptr) {
        s.issues().add(at_point->key_pos, s.path() + " has both `at` and `at_point`; a fault "
                                                     "strikes at one of them");
        return false;
    }
    if (at == nullptr && at_point == nullptr) {
        s.issues().add(s.node().pos, s.path() + " needs `at: TIME` or `at_point: POINT` to say "
                                                "when it strikes");
        return false;
    }
    if (const DocEntry* of = s.entry("of"); of != nullptr && at_point == nullptr) {
        s.issues().add(of->key_pos, s.path_of("of") + " names whose program point triggers the "
                                                      "fault, so it needs `at_point`");
        return false;
    }
    return at != nullptr ? read_at(in, f) : read_at_point(in, f);
}

bool read_partition(const FaultInput& in, Fault& f) {
    const Section& s = in.section;
    Issues& issues = s.issues();
    const DocNode& groups = in.kind.value;
    const std::string path = s.path_of("partition");
    if (!need_list(issues, groups, path, "[[c1, redis-1], [c2, redis-2]]")) {
        return false;
    }
    if (groups.items.size() < 2 || groups.items.size() > max_groups) {
        issues.add(groups.pos, path + " needs between 2 and " + std::to_string(max_groups) +
                                   " groups (nodes in no group are not affected), got " +
                                   std::to_string(groups.items.size()));
        return false;
    }
    std::map<NodeId, std::string> placed;
    for (size_t g = 0; g < groups.items.size(); ++g) {
        f.groups.emplace_back();
        read_group(in, groups.items[g], indexed(path, g), placed, f.groups.back());
    }
    if (s.read("one_way", f.one_way) && f.one_way && groups.items.size() != 2) {
        issues.add(s.value("one_way")->pos, s.path_of("one_way") +
                                                " needs exactly two groups (the first cannot reach "
                                                "the second), got " +
                                                std::to_string(groups.items.size()));
    }
    if (s.has("heal_after") && s.has("heal_at")) {
        issues.add(s.entry("heal_at")->key_pos,
                   s.path() + " has both heal_after and heal_at; give one of them");
        return false;
    }
    s.read("heal_after", f.heal_after, Sign::positive);
    return true;
}

bool read_partition_heal_at(const FaultInput& in, Fault& f) {
    const Section& s = in.section;
    if (!s.has("heal_at") || s.has("heal_after")) {
        return true;
    }
    if (f.trigger.kind != Trigger::Kind::at_time) {
        s.issues().add(s.entry("heal_at")->key_pos,
                       s.path_of("heal_at") + " needs `at`: with at_point the start is not known "
                                              "in advance, so use heal_after");
        return false;
    }
    Duration heal_at;
    if (!s.read("heal_at", heal_at, Sign::non_negative)) {
        return false;
    }
    const Duration start = f.trigger.at.since_epoch();
    if (heal_at <= start) {
        s.issues().add(s.value("heal_at")->pos,
                       s.path_of("heal_at") + " (" + format_duration(heal_at) +
                           ") must be after at (" + format_duration(start) + ")");
        return false;
    }
    f.heal_after = heal_at - start;
    return true;
}

} // namespace lockstep::scenario
