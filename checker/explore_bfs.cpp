#include "checker/explore_bfs.hpp"

#include <cassert>
#include <thread>

namespace lockstep {

namespace {
constexpr size_t chunk = 16; // entries a thread claims at a time
constexpr uint32_t no_parent = UINT32_MAX;
} // namespace

struct BreadthFirst::Worker {
    Worker(const World& unstarted, SearchShared& shared)
        : pool(unstarted), stepper(unstarted, shared.options()), expander(stepper, shared, stats) {}

    WorldPool pool;
    Stepper stepper;
    ExploreStats stats;
    Expander expander;
    // The next layer as this thread found it; parents are global tree nodes.
    std::vector<Entry> next;
    std::vector<uint32_t> parent;
    std::vector<uint32_t> choice_begin;
    std::vector<uint32_t> choices;
    std::vector<uint64_t> scratch;

    void add(Entry e, uint32_t from) {
        e.node = uint32_t(parent.size()); // local until merged
        parent.push_back(from);
        choice_begin.push_back(uint32_t(choices.size()));
        for (const Choice& c : stepper.chooser().log()) {
            assert(c.value <= UINT32_MAX);
            choices.push_back(uint32_t(c.value));
        }
        next.push_back(std::move(e));
    }
};

BreadthFirst::BreadthFirst(const World& unstarted, SearchShared& shared, unsigned jobs)
    : shared_(shared), jobs_(std::max(1u, jobs)) {
    for (unsigned i = 0; i < jobs_; ++i) {
        workers_.push_back(std::make_unique<Worker>(unstarted, shared));
    }
    parent_.push_back(no_parent); // node 0: the run before start()
    choice_begin_.push_back(0);
}

BreadthFirst::~BreadthFirst() = default;

std::vector<uint64_t> BreadthFirst::path_to(uint32_t node) const {
    std::vector<uint32_t> chain;
    for (uint32_t n = node; n != no_parent; n = parent_[n]) {
        chain.push_back(n);
    }
    std::vector<uint64_t> path;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        const uint32_t end =
            *it + 1 < choice_begin_.size() ? choice_begin_[*it + 1] : uint32_t(choices_.size());
        path.insert(path.end(), choices_.begin() + choice_begin_[*it], choices_.begin() + end);
    }
    return path;
}

void BreadthFirst::seed() {
    Worker& w = *workers_.front();
    shared_.join();
    std::vector<uint64_t> prefix;
    do {
        const StepResult r = w.stepper.start(prefix);
        ++w.stats.transitions;
        if (r.fresh != 0) {
            w.scratch.clear();
            w.stepper.append_choices(w.scratch);
            shared_.violated(r.fresh, w.scratch, 0);
        }
        const auto ins = shared_.table().insert(r.fingerprint, r.now.since_epoch_ns());
        if (worth_expanding(r, novelty_of(ins), 0, shared_, w.stats)) {
            Entry e;
            e.world = w.pool.take();
            e.world->swap_state(w.stepper.working());
            e.monitor = w.stepper.monitor();
            e.fingerprint = r.fingerprint;
            e.time_ns = r.now.since_epoch_ns();
            w.add(std::move(e), 0);
        }
        shared_.checkpoint(); // a start with many choices fills the visited set too
    } while (!shared_.stopped() && w.stepper.chooser().next_prefix(prefix));
    shared_.leave();
    merge();
}

void BreadthFirst::process(Worker& w, Entry& e) {
    // Reached again at an earlier time in this layer: that copy explores it.
    if (shared_.table().earliest(e.fingerprint) < e.time_ns) {
        w.pool.give(std::move(e.world));
        return;
    }
    const uint32_t depth = e.depth + 1;
    w.expander.expand(*e.world, e.monitor, [&](const StepResult& r, Novelty ins) {
        if (r.fresh != 0) {
            w.scratch = path_to(e.node);
            w.stepper.append_choices(w.scratch);
            shared_.violated(r.fresh, w.scratch, depth);
        }
        if (!worth_expanding(r, ins, depth, shared_, w.stats)) {
            return;
        }
        Entry next;
        next.world = w.pool.take();
        next.world->swap_state(w.stepper.working());
        next.monitor = w.stepper.monitor();
        next.depth = depth;
        next.fingerprint = r.fingerprint;
        next.time_ns = r.now.since_epoch_ns();
        w.add(std::move(next), e.node);
    });
    w.pool.give(std::move(e.world));
}

void BreadthFirst::work(Worker& w) {
    shared_.join();
    for (;;) {
        const size_t begin = cursor_.fetch_add(chunk);
        if (begin >= layer_.size() || shared_.stopped()) {
            break;
        }
        const size_t end = std::min(begin + chunk, layer_.size());
        for (size_t i = begin; i < end && !shared_.stopped(); ++i) {
            process(w, layer_[i]);
        }
        shared_.checkpoint();
    }
    shared_.leave();
}

void BreadthFirst::merge() {
    std::vector<Entry> next;
    for (auto& wp : workers_) {
        Worker& w = *wp;
        const auto base = uint32_t(parent_.size());
        const auto choice_base = uint32_t(choices_.size());
        parent_.insert(parent_.end(), w.parent.begin(), w.parent.end());
        for (uint32_t b : w.choice_begin) {
            choice_begin_.push_back(b + choice_base);
        }
        choices_.insert(choices_.end(), w.choices.begin(), w.choices.end());
        for (Entry& e : w.next) {
            e.node += base;
            next.push_back(std::move(e));
        }
        w.next.clear();
        w.parent.clear();
        w.choice_begin.clear();
        w.choices.clear();
    }
    for (Entry& e : layer_) {
        if (e.world) {
            workers_.front()->pool.give(std::move(e.world)); // left behind by a stop
        }
    }
    layer_ = std::move(next);
    peak_frontier_ = std::max(peak_frontier_, layer_.size());
}

void BreadthFirst::layer() {
    cursor_ = 0;
    if (jobs_ == 1 || layer_.size() < 2 * chunk) {
        work(*workers_.front());
    } else {
        std::vector<std::thread> threads;
        for (unsigned i = 1; i < jobs_; ++i) {
            threads.emplace_back([this, i] { work(*workers_[i]); });
        }
        work(*workers_.front());
        for (std::thread& t : threads) {
            t.join();
        }
    }
    merge();
    if (shared_.options().on_progress) {
        shared_.options().on_progress(shared_.table().size(), stats().transitions);
    }
}

void BreadthFirst::run() {
    seed();
    while (!layer_.empty() && !shared_.stopped()) {
        layer();
    }
}

std::vector<std::pair<PendingState, std::vector<uint64_t>>> BreadthFirst::frontier(size_t wanted) {
    seed();
    while (!layer_.empty() && layer_.size() < wanted && !shared_.stopped()) {
        layer();
    }
    std::vector<std::pair<PendingState, std::vector<uint64_t>>> out;
    for (Entry& e : layer_) {
        PendingState s;
        s.world = std::move(e.world);
        s.monitor = e.monitor;
        s.depth = e.depth;
        out.emplace_back(std::move(s), path_to(e.node));
    }
    layer_.clear();
    return out;
}

ExploreStats BreadthFirst::stats() const {
    ExploreStats s;
    for (const auto& w : workers_) {
        s.transitions += w->stats.transitions;
        s.revisits += w->stats.revisits;
        s.max_depth = std::max(s.max_depth, w->stats.max_depth);
        s.ends += w->stats.ends;
        s.depth_cut += w->stats.depth_cut;
        s.reduced += w->stats.reduced;
    }
    s.widest_layer = peak_frontier_;
    s.path_bytes = parent_.capacity() * sizeof(uint32_t) +
                   choice_begin_.capacity() * sizeof(uint32_t) +
                   choices_.capacity() * sizeof(uint32_t);
    return s;
}

} // namespace lockstep
