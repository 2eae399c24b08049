#pragma once
// Virtual time: a strong int64 nanosecond type. Never double: float rounding would make two
// runs of the same seed diverge on another compiler (TigerBeetle's time units).
#include <compare>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace lockstep {

class Duration {
  public:
    constexpr Duration() = default;
    static constexpr Duration ns(int64_t n) { return Duration(n); }
    static constexpr Duration us(int64_t n) { return Duration(n * 1'000); }
    static constexpr Duration ms(int64_t n) { return Duration(n * 1'000'000); }
    static constexpr Duration s(int64_t n) { return Duration(n * 1'000'000'000); }
    static constexpr Duration zero() { return Duration(0); }
    static constexpr Duration max() { return Duration(std::numeric_limits<int64_t>::max() / 4); }

    constexpr int64_t count_ns() const { return ns_; }
    constexpr int64_t whole_ms() const { return ns_ / 1'000'000; }

    constexpr auto operator<=>(const Duration&) const = default;
    constexpr Duration operator+(Duration o) const { return Duration(ns_ + o.ns_); }
    constexpr Duration operator-(Duration o) const { return Duration(ns_ - o.ns_); }
    constexpr Duration operator-() const { return Duration(-ns_); }
    constexpr Duration operator*(int64_t k) const { return Duration(ns_ * k); }
    constexpr Duration operator/(int64_t k) const { return Duration(ns_ / k); }
    constexpr Duration& operator+=(Duration o) {
        ns_ += o.ns_;
        return *this;
    }
    constexpr Duration& operator-=(Duration o) {
        ns_ -= o.ns_;
        return *this;
    }

  private:
    constexpr explicit Duration(int64_t n) : ns_(n) {}
    int64_t ns_ = 0;
};

// A point in time: true simulated time, or a node's local clock reading.
class Time {
  public:
    constexpr Time() = default;
    static constexpr Time from_ns(int64_t n) { return Time(n); }
    static constexpr Time zero() { return Time(0); }
    static constexpr Time never() { return Time(std::numeric_limits<int64_t>::max() / 2); }

    constexpr int64_t since_epoch_ns() const { return ns_; }
    constexpr Duration since_epoch() const { return Duration::ns(ns_); }

    constexpr auto operator<=>(const Time&) const = default;
    constexpr Time operator+(Duration d) const { return Time(ns_ + d.count_ns()); }
    constexpr Time operator-(Duration d) const { return Time(ns_ - d.count_ns()); }
    constexpr Duration operator-(Time o) const { return Duration::ns(ns_ - o.ns_); }
    constexpr Time& operator+=(Duration d) {
        ns_ += d.count_ns();
        return *this;
    }

  private:
    constexpr explicit Time(int64_t n) : ns_(n) {}
    int64_t ns_ = 0;
};

// "30s", "150ms", "2.5s", "500us", "-15s", "0s": the shortest exact form.
std::string format_duration(Duration d);
// A time printed as its distance from the epoch ("12.000512s").
std::string format_time(Time t);
// For people: rounded to three decimals of the largest unit that fits ("30.780s", "1.612ms").
std::string format_duration_short(Duration d);
std::string format_time_short(Time t);

struct DurationParse {
    bool ok = false;
    Duration value;
    std::string error; // empty when ok
};

// Parses "30s", "1.5s", "150ms", "500us", "20ns", "2m", "1h", "+15s", "-3s". A number needs a
// unit; garbage, overflow and more fractional digits than nanoseconds allow are errors.
DurationParse parse_duration(std::string_view text);

} // namespace lockstep
