#include "cli/progress.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

namespace lockstep {

Progress::Progress(uint64_t total, bool terminal, std::chrono::milliseconds plain_every,
                   std::FILE* out)
    : total_(total), terminal_(terminal), plain_every_(plain_every), out_(out),
      start_(std::chrono::steady_clock::now()), last_(start_),
      next_due_ns_((start_ + (terminal ? std::chrono::milliseconds(100) : plain_every))
                       .time_since_epoch()
                       .count()) {}

void Progress::update(uint64_t done, uint64_t failures) {
    // Called once per seed from every thread: the common case (nothing due) takes no lock.
    const auto now = std::chrono::steady_clock::now();
    const bool last = done == total_;
    const int64_t now_ns = now.time_since_epoch().count();
    if (now_ns < next_due_ns_.load(std::memory_order_relaxed) && !(terminal_ && last)) {
        return;
    }
    std::lock_guard lock(mutex_);
    const auto every = terminal_ ? std::chrono::milliseconds(100) : plain_every_;
    if (now - last_ < every && !(terminal_ && last)) {
        return;
    }
    next_due_ns_.store((now + every).time_since_epoch().count(), std::memory_order_relaxed);
    if (!terminal_ && last) {
        return; // the summary that follows says it
    }
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double rate = seconds > 0 ? double(done) / seconds : 0;
    const double eta = rate > 0 ? double(total_ - done) / rate : 0;
    if (terminal_) {
        draw_bar(done, failures, rate, eta);
    } else {
        print_line(done, failures, rate, eta);
    }
}

void Progress::draw_bar(uint64_t done, uint64_t failures, double rate, double eta) {
    const int filled = int(30 * done / std::max<uint64_t>(total_, 1));
    std::fprintf(out_, "\r[%-30s] %llu/%llu seeds  %.0f seeds/s  ETA %.1fs  failures %llu ",
                 std::string(size_t(filled), '#').c_str(), (unsigned long long)done,
                 (unsigned long long)total_, rate, eta, (unsigned long long)failures);
}

void Progress::print_line(uint64_t done, uint64_t failures, double rate, double eta) {
    std::fprintf(out_, "progress: %llu/%llu seeds, %.0f seeds/s, ETA %.0fs, failures %llu\n",
                 (unsigned long long)done, (unsigned long long)total_, rate, eta,
                 (unsigned long long)failures);
}

void Progress::finish() {
    std::lock_guard lock(mutex_);
    if (terminal_) {
        std::fputs("\n", out_);
    }
}

double Progress::seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

} // namespace lockstep
