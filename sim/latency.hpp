#pragma once
// One-way message latency. Integer-exact so that a seed means the same delays everywhere.
#include <cstdint>
#include <vector>

#include "sim/time.hpp"

namespace lockstep {

class Chooser;

struct LatencySpec {
    enum class Kind : uint8_t {
        constant, // always `lo`
        uniform,  // uniform in [lo, hi]
        heavy, // uniform in [lo, hi], then doubled while a tail coin (tail_num/tail_den) says so,
               // up to `max`: a discrete Pareto-like tail of rare long delays
    };
    Kind kind = Kind::constant;
    Duration lo = Duration::us(500);
    Duration hi = Duration::us(500);
    Duration max = Duration::us(500);
    uint32_t tail_num = 0;
    uint32_t tail_den = 1;
    // When the chooser enumerates (exhaustive exploration), the delay is one of these values;
    // empty means {lo, hi} (both ends of the range).
    std::vector<Duration> ladder;

    static LatencySpec constant_of(Duration d);
    static LatencySpec uniform_of(Duration lo, Duration hi);
    static LatencySpec heavy_of(Duration lo, Duration hi, Duration max, uint32_t tail_num,
                                uint32_t tail_den);

    Duration draw(Chooser& chooser) const;
};

} // namespace lockstep
