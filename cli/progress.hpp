#pragma once
// Progress of a long seed sweep, on standard error. On a terminal: one line redrawn in place
// (bar, rate, ETA, failures so far) at most every 100 ms. Elsewhere (CI logs, a pipe): a plain
// line at most every `plain_every`, so short runs print nothing and long ones leave a readable
// trail. Wall-clock time only measures the tool, never enters a run.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <mutex>

namespace lockstep {

class Progress {
  public:
    Progress(uint64_t total, bool terminal,
             std::chrono::milliseconds plain_every = std::chrono::seconds(5),
             std::FILE* out = stderr);
    // From any thread: `done` seeds finished, `failures` of them failed.
    void update(uint64_t done, uint64_t failures);
    void finish();
    double seconds() const;

  private:
    void draw_bar(uint64_t done, uint64_t failures, double rate, double eta);
    void print_line(uint64_t done, uint64_t failures, double rate, double eta);

    uint64_t total_;
    bool terminal_;
    std::chrono::milliseconds plain_every_;
    std::FILE* out_;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_;
    std::atomic<int64_t> next_due_ns_; // steady-clock ns before which nothing is due
    std::mutex mutex_;
};

} // namespace lockstep
