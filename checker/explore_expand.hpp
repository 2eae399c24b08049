#pragma once
// The transitions out of one state: every leaf of the step's choice tree, or, with the partial-
// order reduction, the leaves of one event only when that event commutes with every other event
// of the instant. The visitor sees each successor while it sits in the stepper's working world
// (it may swap it out) together with the visited-set verdict on it.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "checker/explore_search.hpp"
#include "checker/explore_step.hpp"

namespace lockstep {

// What the visited set says about a successor.
enum class Novelty : uint8_t {
    fresh,   // never seen
    earlier, // seen, now reached at an earlier time: explore again
    seen,
};

inline Novelty novelty_of(VisitedTable::Insert ins) {
    return ins == VisitedTable::Insert::fresh     ? Novelty::fresh
           : ins == VisitedTable::Insert::earlier ? Novelty::earlier
                                                  : Novelty::seen;
}

// Whether a successor should be expanded: new (or reached earlier in time), with events left
// within the time bound, above the depth bound, within the state budget. Counts why not.
bool worth_expanding(const StepResult& r, Novelty n, uint32_t depth, SearchShared& shared,
                     ExploreStats& stats);

class Expander {
  public:
    Expander(Stepper& stepper, SearchShared& shared, ExploreStats& stats);

    template <class Visit>
    void expand(const World& state, const PropertyMonitor& monitor, Visit&& visit) {
        prefix_.clear();
        if (por_ && candidates(state)) {
            // Try each event that may commute with the rest of its instant; one that turns out
            // not to has had all its leaves run anyway, as a full expansion would.
            for (size_t c = 0; c < candidates_.size(); ++c) {
                if (try_ample(state, monitor, candidates_[c], visit)) {
                    ++stats_.reduced;
                    return;
                }
            }
            enumerate_ties_except(state, monitor, visit);
            return;
        }
        enumerate(state, monitor, 0, visit);
    }

  private:
    // Runs every leaf whose first `fixed` choices are those of prefix_.
    template <class Visit>
    void enumerate(const World& state, const PropertyMonitor& monitor, size_t fixed, Visit& visit) {
        do {
            run_one(state, monitor, visit);
        } while (stepper_.chooser().next_prefix(prefix_, fixed));
    }

    template <class Visit>
    void run_one(const World& state, const PropertyMonitor& monitor, Visit& visit) {
        const StepResult r = stepper_.step(state, monitor, prefix_);
        ++stats_.transitions;
        const Novelty n = novelty(r);
        visit(r, n);
        last_ok_ =
            !r.touched && !stepper_.chooser().made_choice(ChoiceKind::fault) && n == Novelty::fresh;
        // Between any two transitions: one state can have thousands (a model picking among many
        // values), more than the visited set has room for before it grows.
        shared_.checkpoint();
    }

    // A successor that hashes like its source is that state again (possibly later): the
    // fingerprint covers everything that decides the future, dead timers are dropped
    // (World::drop_dead_events), so "seen" is right and ends loops such as an idle heartbeat.
    Novelty novelty(const StepResult& r) {
        switch (shared_.table().insert(r.fingerprint, r.now.since_epoch_ns())) {
        case VisitedTable::Insert::fresh: return Novelty::fresh;
        case VisitedTable::Insert::earlier: return Novelty::earlier;
        case VisitedTable::Insert::seen: break;
        }
        return Novelty::seen;
    }

    template <class Visit>
    bool try_ample(const World& state, const PropertyMonitor& monitor, uint64_t tie, Visit& visit) {
        prefix_.assign(1, tie);
        bool ok = true;
        do {
            run_one(state, monitor, visit);
            ok = ok && last_ok_;
        } while (stepper_.chooser().next_prefix(prefix_, 1));
        return ok;
    }

    // Runs the events of the instant that were no candidates.
    template <class Visit>
    void enumerate_ties_except(const World& state, const PropertyMonitor& monitor, Visit& visit) {
        for (uint64_t t = 0; t < tied_.size(); ++t) {
            if (std::find(candidates_.begin(), candidates_.end(), t) == candidates_.end()) {
                prefix_.assign(1, t);
                enumerate(state, monitor, 1, visit);
            }
        }
    }

    // The tie indices of events that may be explored alone (into candidates_); false: none.
    bool candidates(const World& state);

    Stepper& stepper_;
    SearchShared& shared_;
    ExploreStats& stats_;
    std::vector<uint64_t> prefix_;
    std::vector<PendingEvent> tied_;
    std::vector<uint64_t> candidates_;
    // Nodes that a fault struck at another node's program point may hit: their events never
    // commute with that node's.
    std::vector<bool> struck_from_elsewhere_;
    bool por_ = false;
    bool last_ok_ = false;
};

} // namespace lockstep
