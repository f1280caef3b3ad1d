// Injected time sources. The engine never calls std::chrono::*::now() itself:
// it asks a Clock (monotonic, for timers, retransmissions, lifetimes, DPD) or a
// WallClock (calendar time, only for log timestamps). Tests pass the Manual*
// variants and advance them by hand, so two engines in one process run an
// exchange deterministically, and a 24-hour rekey test takes microseconds.
#pragma once

#include <chrono>

namespace ikeshift::engine::io {

// Monotonic time. steady_clock's representation, so a SteadyClock reading and
// a ManualClock reading are the same type; a ManualClock starts at the epoch
// of that type (TimePoint{}), which only matters as an origin for differences.
using Duration = std::chrono::steady_clock::duration;
using TimePoint = std::chrono::steady_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SteadyClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::steady_clock::now(); }
};

// Only moves when told to. Going backwards is refused (a monotonic clock
// that jumps back would re-fire or starve timers), so advance() takes a
// non-negative duration and set() ignores earlier times.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start = TimePoint{}) : now_(start) {}
  TimePoint now() const override { return now_; }
  void advance(Duration d) {
    if (d > Duration::zero()) now_ += d;
  }
  void set(TimePoint t) {
    if (t > now_) now_ = t;
  }

 private:
  TimePoint now_;
};

// Calendar time for log timestamps ("Mar 22 15:03:52"). Separate from Clock:
// wall time may jump (NTP, operator), monotonic time must not.
using WallTime = std::chrono::system_clock::time_point;

class WallClock {
 public:
  virtual ~WallClock() = default;
  virtual WallTime now() const = 0;
};

class SystemWallClock final : public WallClock {
 public:
  WallTime now() const override { return std::chrono::system_clock::now(); }
};

// A fixed calendar time that tests move explicitly (either direction: wall
// clocks do jump, and log rendering must not care).
class ManualWallClock final : public WallClock {
 public:
  explicit ManualWallClock(WallTime start = WallTime{}) : now_(start) {}
  WallTime now() const override { return now_; }
  void set(WallTime t) { now_ = t; }
  void advance(std::chrono::system_clock::duration d) { now_ += d; }

 private:
  WallTime now_;
};

}  // namespace ikeshift::engine::io
