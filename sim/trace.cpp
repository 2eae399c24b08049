#include "sim/trace.hpp"

#include <algorithm>
#include <array>

namespace lockstep {
namespace {

constexpr std::array<std::string_view, 14> kind_names = {
    "send",       "deliver", "drop",    "timer",     "pause_begin", "pause_end", "clock_step",
    "clock_rate", "crash",   "restart", "partition", "heal",        "point",     "model",
};

} // namespace

std::string_view trace_kind_name(TraceKind kind) {
    return kind_names[size_t(kind)];
}

bool parse_trace_kind(std::string_view text, TraceKind& out) {
    for (size_t i = 0; i < kind_names.size(); ++i) {
        if (kind_names[i] == text) {
            out = TraceKind(i);
            return true;
        }
    }
    return false;
}

bool is_message_level(TraceKind kind) {
    // Drops stay at the checker level: they are rare, and a mark counts them.
    return kind == TraceKind::send || kind == TraceKind::deliver || kind == TraceKind::timer;
}

Trace::Trace() {
    // A sweep builds a trace per seed: start at the size a short run needs instead of growing
    // through every power of two (each growth is an allocation and a copy).
    events_.reserve(128);
    fields_.reserve(512);
    strings_.reserve(64);
    intern("");
}

namespace {

// FNV-1a: the interned texts are short names, where it beats a general-purpose hash.
uint32_t text_hash(std::string_view text) {
    uint32_t h = 2166136261u;
    for (const char c : text) {
        h = (h ^ uint8_t(c)) * 16777619u;
    }
    return h;
}

} // namespace

uint32_t Trace::intern(std::string_view text) {
    if (2 * (strings_.size() + 1) > slots_.size()) {
        grow_slots(); // at most half full: probes stay short
    }
    const uint32_t hash = text_hash(text);
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        Slot& slot = slots_[i];
        if (slot.id_plus_one == 0) {
            const auto id = static_cast<uint32_t>(strings_.size());
            strings_.emplace_back(text);
            slot = {hash, id + 1};
            return id;
        }
        if (slot.hash == hash && strings_[slot.id_plus_one - 1] == text) {
            return slot.id_plus_one - 1;
        }
    }
}

void Trace::grow_slots() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<size_t>(64, old.size() * 2), Slot{});
    const size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
        if (slot.id_plus_one != 0) {
            size_t i = slot.hash & mask;
            while (slots_[i].id_plus_one != 0) {
                i = (i + 1) & mask;
            }
            slots_[i] = slot;
        }
    }
}

std::string_view Trace::node_name(NodeId node) const {
    if (node == no_node || node >= node_names_.size()) {
        return "";
    }
    return node_names_[node];
}

NodeId Trace::find_node(std::string_view name) const {
    for (size_t i = 0; i < node_names_.size(); ++i) {
        if (node_names_[i] == name) {
            return static_cast<NodeId>(i);
        }
    }
    return no_node;
}

void Trace::add(const TraceEvent& event, std::initializer_list<Field> fields) {
    TraceEvent e = event;
    e.field_begin = static_cast<uint32_t>(fields_.size());
    e.field_count = static_cast<uint32_t>(fields.size());
    for (const Field& f : fields) {
        FieldValue v{f.type, f.number};
        if (f.type == FieldValue::Type::text) {
            v.number = intern(f.text);
        }
        fields_.push_back({intern(f.key), v});
    }
    events_.push_back(e);
}

void Trace::add_with_fields(TraceEvent event, const std::vector<TraceField>& fields) {
    event.field_begin = static_cast<uint32_t>(fields_.size());
    event.field_count = static_cast<uint32_t>(fields.size());
    fields_.insert(fields_.end(), fields.begin(), fields.end());
    events_.push_back(event);
}

const TraceField* Trace::find(const TraceEvent& e, std::string_view key) const {
    for (const TraceField* f = fields_begin(e); f != fields_end(e); ++f) {
        if (strings_[f->key] == key) {
            return f;
        }
    }
    return nullptr;
}

int64_t Trace::integer(const TraceEvent& e, std::string_view key, int64_t fallback) const {
    const TraceField* f = find(e, key);
    return f != nullptr && f->value.type != FieldValue::Type::text ? f->value.number : fallback;
}

std::string_view Trace::text_field(const TraceEvent& e, std::string_view key) const {
    const TraceField* f = find(e, key);
    return f != nullptr && f->value.type == FieldValue::Type::text
               ? std::string_view(strings_[size_t(f->value.number)])
               : std::string_view();
}

void Trace::set_meta(std::string key, std::string value) {
    for (auto& kv : meta_) {
        if (kv.first == key) {
            kv.second = std::move(value);
            return;
        }
    }
    meta_.emplace_back(std::move(key), std::move(value));
}

void Trace::clear_events() {
    events_.clear();
    fields_.clear();
}

} // namespace lockstep
