#include "checker/explore_search.hpp"

#include <algorithm>

namespace lockstep {

namespace {

constexpr unsigned initial_table_log2 = 14; // 256 KiB with times; grows by doubling

bool better(const std::vector<uint64_t>& path, uint64_t depth, const PropertyVerdict& old) {
    if (!old.counterexample) {
        return true;
    }
    if (depth != old.depth) {
        return depth < old.depth;
    }
    return path < *old.counterexample;
}

} // namespace

SearchShared::SearchShared(const ExploreOptions& options)
    : options_(options), table_(options.bounds.max_time != Time::never(), initial_table_log2) {
    for (size_t p = 0; p < monitored_property_count; ++p) {
        PropertyVerdict v;
        v.name = std::string(monitored_property_name(MonitoredProperty(p)));
        verdicts_.push_back(std::move(v));
    }
}

void SearchShared::violated(uint8_t fresh, const std::vector<uint64_t>& path, uint64_t depth) {
    std::lock_guard lock(mutex_);
    for (size_t p = 0; p < monitored_property_count; ++p) {
        if (((fresh >> p) & 1u) == 0) {
            continue;
        }
        PropertyVerdict& v = verdicts_[p];
        v.verdict = Verdict::violated;
        if (better(path, depth, v)) {
            v.counterexample = path;
            v.depth = depth;
        }
        decided_.fetch_or(uint8_t(1u << p), std::memory_order_relaxed);
    }
    const bool all = decided_.load() == (1u << monitored_property_count) - 1;
    if ((options_.stop_at_first && (fresh & options_.stop_on) != 0) || all) {
        stop();
    }
}

bool SearchShared::decided(MonitoredProperty p) const {
    return (decided_.load(std::memory_order_relaxed) >> unsigned(p)) & 1u;
}

void SearchShared::grow_if_last(std::unique_lock<std::mutex>& lock) {
    (void)lock;
    if (grow_wanted_ && running_ == 0) {
        table_.grow();
        grow_wanted_ = false;
        ++grow_generation_;
        grown_.notify_all();
    }
}

void SearchShared::checkpoint() {
    if (!table_.wants_grow()) {
        return;
    }
    std::unique_lock lock(mutex_);
    if (!table_.wants_grow()) {
        return;
    }
    grow_wanted_ = true;
    --running_;
    const uint64_t generation = grow_generation_;
    grow_if_last(lock);
    grown_.wait(lock, [&] { return grow_generation_ != generation; });
    ++running_;
}

void SearchShared::leave() {
    std::unique_lock lock(mutex_);
    --running_;
    grow_if_last(lock);
}

void SearchShared::join() {
    std::unique_lock lock(mutex_);
    grown_.wait(lock, [&] { return !grow_wanted_; });
    ++running_;
}

void SearchShared::add_stats(const ExploreStats& s) {
    std::lock_guard lock(mutex_);
    stats_.transitions += s.transitions;
    stats_.revisits += s.revisits;
    stats_.max_depth = std::max(stats_.max_depth, s.max_depth);
    stats_.ends += s.ends;
    stats_.depth_cut += s.depth_cut;
    stats_.reduced += s.reduced;
    stats_.widest_layer = std::max(stats_.widest_layer, s.widest_layer);
    stats_.path_bytes += s.path_bytes;
}

ExploreResult SearchShared::result() const {
    std::lock_guard lock(mutex_);
    ExploreResult r;
    r.stats = stats_;
    r.stats.states = table_.size();
    r.stats.table_bytes = table_.memory_bytes();
    r.properties = verdicts_;
    r.budget_exhausted = exhausted();
    r.stopped_early = stopped() && !exhausted();
    if (r.budget_exhausted || r.stopped_early) {
        for (PropertyVerdict& v : r.properties) {
            if (v.verdict == Verdict::holds) {
                v.verdict = Verdict::inconclusive; // not every state was seen
            }
        }
    }
    return r;
}

} // namespace lockstep
