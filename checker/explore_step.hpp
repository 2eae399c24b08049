#pragma once
// One searching thread's machinery for a single transition: restore a working world from a stored
// state, run one step (or, from the root, the start) with a prefix of choices, feed the step's
// trace events to the property monitor, and fingerprint the successor. The working world's trace
// keeps its interned names across restores, so the monitor reads events by interned id.
#include <memory>
#include <vector>

#include "checker/explore.hpp"
#include "checker/explore_chooser.hpp"
#include "checker/explore_monitor.hpp"
#include "sim/world.hpp"

namespace lockstep {

struct StepResult {
    uint64_t fingerprint = 0;
    uint8_t fresh = 0;    // properties this step violated first on its path
    bool ended = false;   // nothing left to do within the time bound: the run ends here
    bool touched = false; // the monitor read one of the step's events
    Time now;
};

class Stepper {
  public:
    // `unstarted` is the factory's world before start(): the root of every run.
    Stepper(const World& unstarted, const ExploreOptions& options);

    // The start of a run (from the root) with `prefix` as its first choices.
    StepResult start(const std::vector<uint64_t>& prefix);
    // One event from `state` with `prefix` as the step's first choices.
    StepResult step(const World& state, const PropertyMonitor& monitor,
                    const std::vector<uint64_t>& prefix);
    // One event from the working world as it stands (stateless re-execution).
    StepResult advance(const std::vector<uint64_t>& prefix);

    World& working() { return *working_; }
    const PropertyMonitor& monitor() const { return monitor_; }
    const EnumChooser& chooser() const { return chooser_; }
    // Appends the values of the last step's choices.
    void append_choices(std::vector<uint64_t>& out) const;

  private:
    StepResult finish(Time before);
    uint64_t fingerprint();

    const World& unstarted_;
    const ExploreOptions& options_;
    std::unique_ptr<World> working_;
    EnumChooser chooser_;
    std::unique_ptr<MonitorNames> names_;
    PropertyMonitor monitor_;
    std::vector<NodeId> map_;                        // symmetry: node -> canonical id
    std::vector<std::pair<uint64_t, NodeId>> keyed_; // scratch
};

// Recycled snapshot worlds, so that storing a state costs a swap, not an allocation.
class WorldPool {
  public:
    explicit WorldPool(const World& prototype) : prototype_(prototype) {}
    std::unique_ptr<World> take() {
        if (free_.empty()) {
            return std::make_unique<World>(prototype_);
        }
        std::unique_ptr<World> w = std::move(free_.back());
        free_.pop_back();
        return w;
    }
    void give(std::unique_ptr<World> w) { free_.push_back(std::move(w)); }
    size_t idle() const { return free_.size(); }

  private:
    const World& prototype_;
    std::vector<std::unique_ptr<World>> free_;
};

} // namespace lockstep
