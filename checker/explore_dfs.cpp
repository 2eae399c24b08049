#include "checker/explore_dfs.hpp"

#include "checker/explore_work.hpp"

namespace lockstep {

namespace {
constexpr uint64_t checkpoint_every = 256; // expansions between visits to the grow rendezvous
} // namespace

DepthFirst::DepthFirst(const World& unstarted, SearchShared& shared)
    : shared_(shared), pool_(unstarted), stepper_(unstarted, shared.options()),
      expander_(stepper_, shared, stats_) {}

bool DepthFirst::keep(const StepResult& r, Novelty n, uint32_t depth) {
    return worth_expanding(r, n, depth, shared_, stats_);
}

std::vector<PendingState> DepthFirst::initial_states() {
    std::vector<PendingState> roots;
    std::vector<uint64_t> prefix;
    do {
        const StepResult r = stepper_.start(prefix);
        ++stats_.transitions;
        scratch_.clear();
        stepper_.append_choices(scratch_);
        if (r.fresh != 0) {
            shared_.violated(r.fresh, scratch_, 0);
        }
        const auto ins = shared_.table().insert(r.fingerprint, r.now.since_epoch_ns());
        if (keep(r, novelty_of(ins), 0)) {
            PendingState s;
            s.world = pool_.take();
            s.world->swap_state(stepper_.working());
            s.monitor = stepper_.monitor();
            s.choices = scratch_;
            roots.push_back(std::move(s));
        }
        shared_.checkpoint(); // a start with many choices fills the visited set too
    } while (!shared_.stopped() && stepper_.chooser().next_prefix(prefix));
    return roots;
}

void DepthFirst::run(PendingState root, const std::vector<uint64_t>& path) {
    path_ = path;
    top_ = 0;
    push(std::move(root));
    while (top_ > 0) {
        Frame& f = frames_[top_ - 1];
        if (f.next == f.children.size() || shared_.stopped()) {
            pop();
            continue;
        }
        PendingState child = std::move(f.children[f.next++]);
        push(std::move(child));
        if (pool_to_feed_ != nullptr && pool_to_feed_->hungry()) {
            donate();
        }
    }
}

void DepthFirst::donate() {
    // The shallowest frame with a subtree not yet entered: near the root, subtrees are big.
    for (size_t k = 0; k + 1 < top_; ++k) {
        Frame& f = frames_[k];
        if (f.next + 1 < f.children.size()) { // keep at least one for this thread
            Subtree work;
            work.path.assign(path_.begin(), path_.begin() + long(frames_[k + 1].path_begin));
            work.path.insert(work.path.end(), f.children.back().choices.begin(),
                             f.children.back().choices.end());
            work.root = std::move(f.children.back());
            work.root.choices.clear();
            f.children.pop_back();
            pool_to_feed_->give(std::move(work));
            return;
        }
    }
}

void DepthFirst::push(PendingState s) {
    if (top_ == frames_.size()) {
        frames_.emplace_back();
    }
    Frame& f = frames_[top_++];
    f.world = std::move(s.world);
    f.monitor = s.monitor;
    f.depth = s.depth;
    f.path_begin = path_.size();
    path_.insert(path_.end(), s.choices.begin(), s.choices.end());
    f.children.clear();
    f.next = 0;
    expand(f);
    if (++since_checkpoint_ == checkpoint_every) {
        since_checkpoint_ = 0;
        shared_.checkpoint();
        if (shared_.options().on_progress) {
            shared_.options().on_progress(shared_.table().size(), stats_.transitions);
        }
    }
}

void DepthFirst::expand(Frame& f) {
    const uint32_t depth = f.depth + 1;
    expander_.expand(*f.world, f.monitor, [&](const StepResult& r, Novelty ins) {
        if (r.fresh != 0) {
            scratch_ = path_;
            stepper_.append_choices(scratch_);
            shared_.violated(r.fresh, scratch_, depth);
        }
        if (!keep(r, ins, depth)) {
            return;
        }
        PendingState c;
        c.world = pool_.take();
        c.world->swap_state(stepper_.working());
        c.monitor = stepper_.monitor();
        c.depth = depth;
        stepper_.append_choices(c.choices);
        f.children.push_back(std::move(c));
    });
}

void DepthFirst::pop() {
    Frame& f = frames_[--top_];
    pool_.give(std::move(f.world));
    for (size_t i = f.next; i < f.children.size(); ++i) {
        pool_.give(std::move(f.children[i].world)); // left behind by a stop
    }
    f.children.clear();
    path_.resize(f.path_begin);
}

} // namespace lockstep
