#pragma once
// The trace: every timed event of a run, the one artefact that the checker, the CLI timeline and
// the GUI read (DESIGN: "a trace that everything downstream reads"). Fields live in one flat
// arena and strings are interned, so recording an event allocates nothing in steady state.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "sim/ids.hpp"
#include "sim/time.hpp"

namespace lockstep {

enum class TraceKind : uint8_t {
    send,        // a message left `node` for `peer`
    deliver,     // a message reached `node` from `peer`
    drop,        // a message was lost; field reason says why (loss, partition, crashed)
    timer,       // a timer fired at `node`
    pause_begin, // a process pause (stop-the-world GC) began
    pause_end,
    clock_step, // the wall clock jumped; field by_ns
    clock_rate, // the clock's rate changed; field drift_ppm
    crash,
    restart,
    partition, // field rule (text), one_way
    heal,
    point, // a client reached a named program point (where faults may strike)
    model, // a model's own event, e.g. "acquired" with its token
};
std::string_view trace_kind_name(TraceKind kind);
bool parse_trace_kind(std::string_view text, TraceKind& out);

// How much a run records. `checker` keeps what properties and timelines of beliefs need (model
// events, faults, points); `full` adds every message and timer, for the GUI and debugging.
enum class TraceLevel : uint8_t { off, checker, full };
bool is_message_level(TraceKind kind);

struct FieldValue {
    enum class Type : uint8_t { integer, text, boolean };
    Type type = Type::integer;
    int64_t number = 0; // the integer, the interned text id, or 0/1
};

struct TraceField {
    uint32_t key; // interned
    FieldValue value;
};

struct TraceEvent {
    Time time;  // true time
    Time local; // the node's wall clock at that instant
    NodeId node = no_node;
    NodeId peer = no_node;
    TraceKind kind = TraceKind::model;
    uint32_t name = 0; // interned: message type, point name, model event name, drop reason
    uint64_t msg = 0;  // message id for send, deliver, drop
    uint32_t field_begin = 0;
    uint32_t field_count = 0;
};

// A field as a model writes it: Field{"token", 34}, Field{"holder", "c1"}.
struct Field {
    std::string_view key;
    FieldValue::Type type;
    int64_t number = 0;
    std::string_view text;

    Field(std::string_view k, int64_t v) : key(k), type(FieldValue::Type::integer), number(v) {}
    Field(std::string_view k, int v) : Field(k, int64_t(v)) {}
    Field(std::string_view k, uint64_t v) : Field(k, int64_t(v)) {}
    Field(std::string_view k, uint32_t v) : Field(k, int64_t(v)) {}
    Field(std::string_view k, bool v)
        : key(k), type(FieldValue::Type::boolean), number(v ? 1 : 0) {}
    Field(std::string_view k, std::string_view v) : key(k), type(FieldValue::Type::text), text(v) {}
    Field(std::string_view k, const char* v) : Field(k, std::string_view(v)) {}
    Field(std::string_view k, Duration d) : Field(k, d.count_ns()) {}
    Field(std::string_view k, Time t) : Field(k, t.since_epoch_ns()) {}
};

class Trace {
  public:
    Trace();

    uint32_t intern(std::string_view text);
    std::string_view text(uint32_t id) const { return strings_[id]; }

    void set_node_names(std::vector<std::string> names) { node_names_ = std::move(names); }
    const std::vector<std::string>& node_names() const { return node_names_; }
    std::string_view node_name(NodeId node) const;
    NodeId find_node(std::string_view name) const; // no_node when unknown

    void add(const TraceEvent& event, std::initializer_list<Field> fields = {});
    void add_with_fields(TraceEvent event, const std::vector<TraceField>& fields);

    const std::vector<TraceEvent>& events() const { return events_; }
    size_t size() const { return events_.size(); }

    // Field access for readers (checker, timeline, GUI).
    // Pointer arithmetic on data(): valid even when the store is empty (indexing would not be).
    const TraceField* fields_begin(const TraceEvent& e) const {
        return fields_.data() + e.field_begin;
    }
    const TraceField* fields_end(const TraceEvent& e) const {
        return fields_.data() + e.field_begin + e.field_count;
    }
    const TraceField* find(const TraceEvent& e, std::string_view key) const;
    int64_t integer(const TraceEvent& e, std::string_view key, int64_t fallback) const;
    std::string_view text_field(const TraceEvent& e, std::string_view key) const;
    bool has(const TraceEvent& e, std::string_view key) const { return find(e, key) != nullptr; }
    std::string_view event_name(const TraceEvent& e) const { return text(e.name); }

    // Free-form facts about the run (seed, scenario, choices), written in the header line.
    void set_meta(std::string key, std::string value);
    const std::vector<std::pair<std::string, std::string>>& meta() const { return meta_; }

    void clear_events();

  private:
    std::vector<std::string> strings_;
    // Interning runs for every field of every event, and every run starts a fresh trace: an
    // open-addressing table of (hash, id) slots, no allocation per string beyond its text.
    struct Slot {
        uint32_t hash = 0;
        uint32_t id_plus_one = 0; // 0: empty
    };
    std::vector<Slot> slots_;
    void grow_slots();
    std::vector<std::string> node_names_;
    std::vector<TraceEvent> events_;
    std::vector<TraceField> fields_;
    std::vector<std::pair<std::string, std::string>> meta_;
};

} // namespace lockstep
