#pragma once
// The chooser that drives one step of the explorer: it answers from a prefix of values, then 0,
// and logs every choice with its number of options, exactly as a lenient ScriptedChooser with
// `enumerating` and `order_ties` on would (tests check the two agree). Unlike ScriptedChooser it
// is reset in place, so the millions of steps of a search allocate nothing. The log's option
// counts spell out the step's choice tree; next_prefix() walks it like an odometer.
#include <cstdint>
#include <vector>

#include "sim/chooser.hpp"

namespace lockstep {

class EnumChooser final : public Chooser {
  public:
    void reset(const std::vector<uint64_t>& prefix);

    uint64_t pick(ChoiceKind kind, uint64_t options) override;
    bool flip(ChoiceKind kind, uint64_t numerator, uint64_t denominator) override;
    bool enumerating() const override { return true; }
    bool orders_ties() const override { return true; }
    const std::vector<Choice>& log() const override { return log_; }

    // The prefix of the step's next leaf in depth-first order after the one just run; false when
    // the last one has run. `fixed` leading choices are held (the explorer's partial-order
    // reduction holds the tie choice while it tries one event's nested choices).
    bool next_prefix(std::vector<uint64_t>& prefix, size_t fixed = 0) const;
    bool made_choice(ChoiceKind kind) const;

  private:
    std::vector<uint64_t> prefix_;
    std::vector<Choice> log_;
};

} // namespace lockstep
