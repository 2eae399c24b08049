#pragma once
// The world's only source of randomness: xoshiro256** seeded through splitmix64, with our own
// integer-exact helpers. Never std::*_distribution: their algorithms differ between standard
// libraries, and a seed must mean the same run everywhere (FoundationDB's DeterministicRandom).
#include <cassert>
#include <cstdint>
#include <string_view>

#include "sim/hash.hpp"
#include "sim/int128.hpp"

namespace lockstep {

class Prng {
  public:
    explicit Prng(uint64_t seed) {
        uint64_t x = seed;
        for (uint64_t& word : s_) {
            x += 0x9e3779b97f4a7c15ULL;
            word = mix64(x);
        }
    }

    uint64_t next() {
        const uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }

    // Uniform in [0, bound), exact (Lemire's multiply-and-reject). bound == 0 means the full range.
    uint64_t uniform(uint64_t bound) {
        if (bound == 0) {
            return next();
        }
        uint128 m = static_cast<uint128>(next()) * bound;
        uint64_t low = static_cast<uint64_t>(m);
        if (low < bound) {
            const uint64_t threshold = (0 - bound) % bound;
            while (low < threshold) {
                m = static_cast<uint128>(next()) * bound;
                low = static_cast<uint64_t>(m);
            }
        }
        return static_cast<uint64_t>(m >> 64);
    }

    // Uniform in [lo, hi], inclusive.
    int64_t range_inclusive(int64_t lo, int64_t hi) {
        assert(lo <= hi);
        const uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
        return lo + static_cast<int64_t>(uniform(span));
    }

    // True with probability numerator / denominator, exactly.
    bool chance(uint64_t numerator, uint64_t denominator) {
        assert(denominator > 0 && numerator <= denominator);
        return uniform(denominator) < numerator;
    }

    // An independent stream named `name`: adding a stream never shifts the others.
    Prng child(std::string_view name) const {
        return Prng(Hasher(s_[0] ^ s_[2]).add(name).value());
    }

  private:
    static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    uint64_t s_[4];
};

} // namespace lockstep
