#pragma once
// The choice seam (DESIGN principle 5): every nondeterministic decision of a run goes through one
// Chooser. A seeded random chooser simulates, a scripted chooser replays a recorded choice string
// or forces a prefix for the exhaustive explorer, over the very same simulation code.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/prng.hpp"

namespace lockstep {

enum class ChoiceKind : uint8_t {
    tie,       // which of several events due at the same instant runs first
    latency,   // a message's one-way delay, as an index into the link's latency options
    loss,      // whether a message is lost (1) or delivered (0)
    duplicate, // whether a message is delivered twice
    tail,      // whether a heavy-tailed latency doubles once more
    fault,     // whether and where a fault strikes
    model,     // a model's own randomness (back-off jitter, random values)
};
std::string_view choice_kind_name(ChoiceKind kind);

struct Choice {
    ChoiceKind kind;
    uint64_t value;   // in [0, options)
    uint64_t options; // at least 2: single-option decisions are not choices
};

class Chooser {
  public:
    virtual ~Chooser() = default;
    // A value in [0, options); options >= 2.
    virtual uint64_t pick(ChoiceKind kind, uint64_t options) = 0;
    // A yes/no decision that a random chooser takes with probability numerator / denominator;
    // other choosers treat it as a two-way choice where 0 (no) is the default.
    virtual bool flip(ChoiceKind kind, uint64_t numerator, uint64_t denominator) = 0;
    // Whether callers should offer few options (a latency ladder rather than every nanosecond).
    virtual bool enumerating() const { return false; }
    // Whether same-instant events are choice points; when false they run first-in first-out.
    virtual bool orders_ties() const { return false; }
    // The choices made so far, when the chooser records them.
    virtual const std::vector<Choice>& log() const = 0;
};

// Seeded pseudo-random decisions. Recording is optional: a seed sweep of millions of runs replays
// from the seed and need not keep a log.
class RandomChooser final : public Chooser {
  public:
    struct Options {
        bool record = true;
        bool random_ties = false;
    };
    RandomChooser(uint64_t seed, Options options);
    explicit RandomChooser(uint64_t seed) : RandomChooser(seed, Options{}) {}

    uint64_t pick(ChoiceKind kind, uint64_t options) override;
    bool flip(ChoiceKind kind, uint64_t numerator, uint64_t denominator) override;
    bool orders_ties() const override { return options_.random_ties; }
    const std::vector<Choice>& log() const override { return log_; }

  private:
    Prng prng_;
    Options options_;
    std::vector<Choice> log_;
};

// Answers from a script of values, then 0 (the default: FIFO, shortest latency, no loss, no fault).
// Strict replay reports the first point where the run asks something the script did not record;
// lenient mode (shrinking, exploration prefixes) clamps instead.
class ScriptedChooser final : public Chooser {
  public:
    struct Options {
        bool strict = false;
        bool enumerating = false; // the explorer asks for small option sets
        bool order_ties = false;
    };
    ScriptedChooser(std::vector<uint64_t> script, Options options);

    uint64_t pick(ChoiceKind kind, uint64_t options) override;
    bool flip(ChoiceKind kind, uint64_t numerator, uint64_t denominator) override;
    bool enumerating() const override { return options_.enumerating; }
    bool orders_ties() const override { return options_.order_ties; }
    const std::vector<Choice>& log() const override { return log_; }

    // Set in strict mode when the run asked for a value the script could not give.
    const std::optional<std::string>& divergence() const { return divergence_; }
    size_t script_size() const { return script_.size(); }

  private:
    std::vector<uint64_t> script_;
    Options options_;
    std::vector<Choice> log_;
    std::optional<std::string> divergence_;
};

// A compact, shell-safe text form of a choice log: values in base 32 separated by '.', a run of k
// equal values written "vxk" (e.g. "3.0x1c.h7.1"); an empty log is "none".
std::string encode_choices(const std::vector<uint64_t>& values);
std::string encode_choices(const std::vector<Choice>& log);
struct ChoiceParse {
    bool ok = false;
    std::vector<uint64_t> values;
    std::string error;
};
ChoiceParse decode_choices(std::string_view text);

} // namespace lockstep
