#pragma once
// A stable 64-bit hash for trace hashes, state fingerprints and stream derivation. Our own code so
// the value never changes with the standard library (std::hash is not stable across builds).
#include <cstdint>
#include <string_view>

namespace lockstep {

constexpr uint64_t mix64(uint64_t x) {
    // splitmix64's finaliser: a full-avalanche bijection.
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

class Hasher {
  public:
    constexpr Hasher() = default;
    constexpr explicit Hasher(uint64_t seed) : state_(mix64(seed ^ 0x6a09e667f3bcc909ULL)) {}

    // A hasher for state fingerprints, which hash a hundred words per state millions of times a
    // second: each word costs a rotate, a xor and a multiply instead of a full avalanche (the final
    // value() still avalanches). Other uses keep the default, whose values nothing may change.
    static constexpr Hasher fast(uint64_t seed = 0) {
        Hasher h(seed);
        h.fast_ = true;
        return h;
    }

    constexpr Hasher& add(uint64_t v) {
        if (fast_) {
            state_ = ((state_ << 27 | state_ >> 37) ^ v) * 0x9e3779b97f4a7c15ULL;
            return *this;
        }
        state_ = mix64(state_ ^ (v + 0x9e3779b97f4a7c15ULL + (state_ << 6) + (state_ >> 2)));
        return *this;
    }
    constexpr Hasher& add_signed(int64_t v) { return add(static_cast<uint64_t>(v)); }
    // A node id. Under a symmetry reduction the explorer hashes a state with its interchangeable
    // nodes renamed into a canonical order; fingerprints that mention node ids go through here.
    constexpr Hasher& add_node(uint16_t id) {
        return add(node_map_ != nullptr && id != 0xffff ? node_map_[id] : id);
    }
    constexpr void set_node_map(const uint16_t* map) { node_map_ = map; }
    constexpr const uint16_t* node_map() const { return node_map_; }
    constexpr Hasher& add(std::string_view s) {
        // FNV-1a over the bytes, then folded in with the length.
        uint64_t h = 0xcbf29ce484222325ULL;
        for (char c : s) {
            h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
        }
        add(h);
        return add(s.size());
    }
    constexpr uint64_t value() const { return mix64(state_); }

  private:
    uint64_t state_ = 0x243f6a8885a308d3ULL;
    const uint16_t* node_map_ = nullptr; // node id -> canonical id; null: as they are
    bool fast_ = false;
};

constexpr uint64_t hash_name(std::string_view name) {
    return Hasher().add(name).value();
}

} // namespace lockstep
