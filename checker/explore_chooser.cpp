#include "checker/explore_chooser.hpp"

#include <cassert>

namespace lockstep {

void EnumChooser::reset(const std::vector<uint64_t>& prefix) {
    prefix_.assign(prefix.begin(), prefix.end());
    log_.clear();
}

uint64_t EnumChooser::pick(ChoiceKind kind, uint64_t options) {
    assert(options >= 2);
    const size_t step = log_.size();
    uint64_t value = step < prefix_.size() ? prefix_[step] : 0;
    if (value >= options) {
        value = options - 1; // lenient, like ScriptedChooser without `strict`
    }
    log_.push_back({kind, value, options});
    return value;
}

bool EnumChooser::flip(ChoiceKind kind, uint64_t numerator, uint64_t denominator) {
    assert(denominator > 0 && numerator <= denominator);
    if (numerator == 0 || numerator == denominator) {
        return numerator == denominator; // certain: not a choice, as ScriptedChooser decides
    }
    return pick(kind, 2) == 1;
}

bool EnumChooser::next_prefix(std::vector<uint64_t>& prefix, size_t fixed) const {
    for (size_t i = log_.size(); i-- > fixed;) {
        if (log_[i].value + 1 < log_[i].options) {
            prefix.resize(i + 1);
            for (size_t j = 0; j < i; ++j) {
                prefix[j] = log_[j].value;
            }
            prefix[i] = log_[i].value + 1;
            return true;
        }
    }
    return false;
}

bool EnumChooser::made_choice(ChoiceKind kind) const {
    for (const Choice& c : log_) {
        if (c.kind == kind) {
            return true;
        }
    }
    return false;
}

} // namespace lockstep
