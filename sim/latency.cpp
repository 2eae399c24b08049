#include "sim/latency.hpp"

#include "sim/chooser.hpp"

namespace lockstep {

LatencySpec LatencySpec::constant_of(Duration d) {
    LatencySpec s;
    s.kind = Kind::constant;
    s.lo = s.hi = s.max = d;
    return s;
}

LatencySpec LatencySpec::uniform_of(Duration lo, Duration hi) {
    LatencySpec s;
    s.kind = Kind::uniform;
    s.lo = lo;
    s.hi = s.max = hi;
    return s;
}

LatencySpec LatencySpec::heavy_of(Duration lo, Duration hi, Duration max, uint32_t tail_num,
                                  uint32_t tail_den) {
    LatencySpec s = uniform_of(lo, hi);
    s.kind = Kind::heavy;
    s.max = max;
    s.tail_num = tail_num;
    s.tail_den = tail_den;
    return s;
}

Duration LatencySpec::draw(Chooser& chooser) const {
    if (kind == Kind::constant || lo == hi) {
        if (kind != Kind::heavy) {
            return lo;
        }
    }
    if (chooser.enumerating()) {
        const std::vector<Duration> ends = {lo, kind == Kind::heavy ? max : hi};
        const std::vector<Duration>& options = ladder.empty() ? ends : ladder;
        if (options.size() < 2 || options.front() == options.back()) {
            return options.front();
        }
        return options[chooser.pick(ChoiceKind::latency, options.size())];
    }
    Duration d = lo;
    if (hi > lo) {
        const uint64_t span = static_cast<uint64_t>((hi - lo).count_ns()) + 1;
        d = lo + Duration::ns(static_cast<int64_t>(chooser.pick(ChoiceKind::latency, span)));
    }
    if (kind == Kind::heavy && tail_num > 0) {
        while (d < max && chooser.flip(ChoiceKind::tail, tail_num, tail_den)) {
            d = d * 2 > max ? max : d * 2;
        }
    }
    return d;
}

} // namespace lockstep
