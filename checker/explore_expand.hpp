#pragma once
// The transitions out of one state: every leaf of the step's choice tree, or, with the partial-
// order reduction, the leaves of one event only when that event commutes with every other event
// of the instant. The visitor sees each successor while it sits in the stepper's working world
// (it may swap it out) together with the visited-set verdict on it.
#include <cstdint>
#include <vector>

#include "checker/explore_search.hpp"
#include "checker/explore_step.hpp"

namespace lockstep {

// Whether a successor should be expanded: new (or reached earlier in time), with events left within
// the time bound, above the depth bound, and within the state budget. Counts why not.
bool worth_expanding(const StepResult& r, VisitedTable::Insert ins, uint32_t depth,
                     SearchShared& shared, ExploreStats& stats);

class Expander {
  public:
    Expander(Stepper& stepper, SearchShared& shared, ExploreStats& stats);

    template <class Visit>
    void expand(const World& state, const PropertyMonitor& monitor, Visit&& visit) {
        prefix_.clear();
        if (por_) {
            const int ample = ample_candidate(state);
            if (ample >= 0) {
                if (try_ample(state, monitor, uint64_t(ample), visit)) {
                    ++stats_.reduced;
                    return;
                }
                // The event turned out not to commute: its own leaves are done, run the others.
                enumerate_ties_except(state, monitor, uint64_t(ample), visit);
                return;
            }
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
    VisitedTable::Insert run_one(const World& state, const PropertyMonitor& monitor, Visit& visit) {
        const StepResult r = stepper_.step(state, monitor, prefix_);
        ++stats_.transitions;
        const VisitedTable::Insert ins = shared_.table().insert(r.fingerprint, r.now.since_epoch_ns());
        visit(r, ins);
        last_ok_ = !r.touched && !stepper_.chooser().made_choice(ChoiceKind::fault) &&
                   ins == VisitedTable::Insert::fresh;
        return ins;
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

    template <class Visit>
    void enumerate_ties_except(const World& state, const PropertyMonitor& monitor, uint64_t skip,
                               Visit& visit) {
        for (uint64_t t = 0; t < tied_.size(); ++t) {
            if (t != skip) {
                prefix_.assign(1, t);
                enumerate(state, monitor, 1, visit);
            }
        }
    }

    // The tie index of an event that may be explored alone, or -1.
    int ample_candidate(const World& state);

    Stepper& stepper_;
    SearchShared& shared_;
    ExploreStats& stats_;
    std::vector<uint64_t> prefix_;
    std::vector<PendingEvent> tied_;
    // Nodes that a fault struck at another node's program point may hit: their events never
    // commute with that node's.
    std::vector<bool> struck_from_elsewhere_;
    bool por_ = false;
    bool last_ok_ = false;
};

} // namespace lockstep
