#include "cli/scenario_emit.hpp"

#include "sim/time.hpp"

namespace lockstep::scenario {
namespace {

bool needs_quotes(const std::string& s) {
    if (s.empty() || s.front() == ' ' || s.back() == ' ' || s == "-") {
        return true;
    }
    return s.find_first_of(":#{}[],&*!|>'\"%@`\n") != std::string::npos;
}

std::string scalar_text(const std::string& s) {
    if (!needs_quotes(s)) {
        return s;
    }
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c == '\n' ? std::string("\\n") : std::string(1, c);
    }
    return out + "\"";
}

// Maps and lists of scalars fit on one line in flow style: { pause: c1, at: 10s, for: 40s }.
bool is_flat(const DocNode& n) {
    if (n.is_scalar() || n.is_null()) {
        return true;
    }
    if (n.is_sequence()) {
        for (const DocNode& item : n.items) {
            if (!is_flat(item) || item.is_map()) {
                if (!(item.is_sequence() && is_flat(item))) {
                    return false;
                }
            }
        }
        return true;
    }
    for (const DocEntry& e : n.entries) {
        if (!e.value.is_scalar() && !(e.value.is_sequence() && is_flat(e.value)) &&
            !(e.value.is_map() && is_flat(e.value))) {
            return false;
        }
    }
    return true;
}

std::string flow(const DocNode& n) {
    switch (n.kind) {
    case DocNode::Kind::null: return "null";
    case DocNode::Kind::scalar: return scalar_text(n.text);
    case DocNode::Kind::sequence: {
        std::string out = "[";
        for (size_t i = 0; i < n.items.size(); ++i) {
            out += (i ? ", " : "") + flow(n.items[i]);
        }
        return out + "]";
    }
    case DocNode::Kind::map: {
        std::string out = "{ ";
        for (size_t i = 0; i < n.entries.size(); ++i) {
            out +=
                (i ? ", " : "") + scalar_text(n.entries[i].key) + ": " + flow(n.entries[i].value);
        }
        return out + " }";
    }
    }
    return "";
}

void block(const DocNode& n, int indent, std::string& out) {
    const std::string pad(size_t(indent), ' ');
    if (n.is_map()) {
        for (const DocEntry& e : n.entries) {
            out += pad + scalar_text(e.key) + ":";
            if (is_flat(e.value)) {
                out += " " + flow(e.value) + "\n";
            } else {
                out += "\n";
                block(e.value, indent + 2, out);
            }
        }
    } else if (n.is_sequence()) {
        for (const DocNode& item : n.items) {
            if (is_flat(item)) {
                out += pad + "- " + flow(item) + "\n";
            } else {
                out += pad + "-\n";
                block(item, indent + 2, out);
            }
        }
    } else {
        out += pad + flow(n) + "\n";
    }
}

void put(DocNode& map, std::string key, DocNode value) {
    map.entries.push_back({std::move(key), {}, std::move(value)});
}

void put(DocNode& map, std::string key, std::string text) {
    put(map, std::move(key), scalar_node(std::move(text)));
}

DocNode names_node(const std::vector<NodeId>& ids, const std::vector<std::string>& names) {
    DocNode list;
    list.kind = DocNode::Kind::sequence;
    for (NodeId id : ids) {
        list.items.push_back(scalar_node(names[id]));
    }
    return list;
}

// `{from: A, to: B}` for a delay or loss window; an end left out means any node.
DocNode link_ends_node(const Fault& f, const std::vector<std::string>& names) {
    DocNode link;
    link.kind = DocNode::Kind::map;
    if (f.from != no_node) {
        put(link, "from", names[f.from]);
    }
    if (f.to != no_node) {
        put(link, "to", names[f.to]);
    }
    return link;
}

void put_trigger(DocNode& map, const Fault& f, NodeId subject,
                 const std::vector<std::string>& names) {
    const Trigger& t = f.trigger;
    if (t.kind == Trigger::Kind::at_time) {
        put(map, "at", format_time(t.at));
        return;
    }
    DocNode point;
    point.kind = DocNode::Kind::map;
    put(point, "point", t.point);
    if (t.occurrence != 1) {
        put(point, "occurrence", std::to_string(t.occurrence));
    }
    if (t.after > Duration::zero()) {
        put(point, "after", format_duration(t.after));
    }
    put(map, "at_point", point.entries.size() == 1 ? scalar_node(t.point) : point);
    if (t.node != subject) {
        put(map, "of", names[t.node]);
    }
}

} // namespace

DocNode scalar_node(std::string text) {
    DocNode n;
    n.kind = DocNode::Kind::scalar;
    n.text = std::move(text);
    return n;
}

std::string emit_yaml(const DocNode& root) {
    std::string out;
    block(root, 0, out);
    return out;
}

DocNode fault_to_doc(const Fault& f, const std::vector<std::string>& names) {
    DocNode m;
    m.kind = DocNode::Kind::map;
    NodeId subject = f.node;
    switch (f.kind) {
    case Fault::Kind::pause:
        put(m, "pause", names[f.node]);
        put_trigger(m, f, subject, names);
        put(m, "for", format_duration(f.length));
        break;
    case Fault::Kind::clock_step:
    case Fault::Kind::clock_slew:
        put(m, f.kind == Fault::Kind::clock_step ? "clock_step" : "clock_slew", names[f.node]);
        put_trigger(m, f, subject, names);
        put(m, "by", (f.amount >= Duration::zero() ? "+" : "") + format_duration(f.amount));
        if (f.kind == Fault::Kind::clock_slew) {
            put(m, "rate", std::to_string(f.drift_ppm) + "ppm");
        }
        break;
    case Fault::Kind::clock_drift:
        put(m, "clock_drift", names[f.node]);
        put_trigger(m, f, subject, names);
        put(m, "rate", std::to_string(f.drift_ppm) + "ppm");
        break;
    case Fault::Kind::crash:
        put(m, "crash", names[f.node]);
        put_trigger(m, f, subject, names);
        if (f.length < Duration::max()) {
            put(m, "restart_after", format_duration(f.length));
        }
        break;
    case Fault::Kind::restart:
        put(m, "restart", names[f.node]);
        put_trigger(m, f, subject, names);
        break;
    case Fault::Kind::partition: {
        DocNode groups;
        groups.kind = DocNode::Kind::sequence;
        for (const auto& g : f.groups) {
            groups.items.push_back(names_node(g, names));
        }
        put(m, "partition", groups);
        put_trigger(m, f, no_node, names);
        if (f.one_way) {
            put(m, "one_way", "true");
        }
        if (f.heal_after < Duration::max()) {
            put(m, "heal_after", format_duration(f.heal_after));
        }
        break;
    }
    case Fault::Kind::heal:
        put(m, "heal", "all");
        put_trigger(m, f, no_node, names);
        break;
    case Fault::Kind::delay:
        put(m, "delay", link_ends_node(f, names));
        put_trigger(m, f, no_node, names); // a delay has no node of its own: always say whose point
        put(m, "by", format_duration(f.amount));
        if (f.count != 1) {
            put(m, "count", std::to_string(f.count));
        }
        break;
    case Fault::Kind::loss:
        put(m, "loss", link_ends_node(f, names));
        put_trigger(m, f, no_node, names);
        put(m, "for", format_duration(f.length));
        if (f.loss_num != f.loss_den) {
            put(m, "chance", std::to_string(f.loss_num) + "/" + std::to_string(f.loss_den));
        }
        break;
    }
    return m;
}

} // namespace lockstep::scenario
