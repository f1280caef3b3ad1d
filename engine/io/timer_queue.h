// One-shot timers keyed by handle, fired in deadline order by whoever owns the
// time: the EventLoop (real time) or a test (a ManualClock it advances).
//
// Re-entrancy: a callback may schedule and cancel timers, including other due
// timers of the same run_due() pass (a cancelled one does not fire). Timers
// scheduled from inside run_due() fire on a later run_due() even if already
// due, so a callback that re-arms itself at `now` cannot livelock the caller.
// All operations are O(log n).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <unordered_map>

#include "io/clock.h"

namespace ikeshift::engine::io {

// 0 is never issued, so a default-constructed TimerId means "no timer".
struct TimerId {
  uint64_t value = 0;
  explicit operator bool() const { return value != 0; }
  bool operator==(const TimerId& o) const { return value == o.value; }
  bool operator!=(const TimerId& o) const { return value != o.value; }
};

class TimerQueue {
 public:
  using Callback = std::function<void()>;

  TimerQueue() = default;
  TimerQueue(const TimerQueue&) = delete;
  TimerQueue& operator=(const TimerQueue&) = delete;

  TimerId schedule(TimePoint at, Callback callback);
  // True when the timer was pending (and now will not fire).
  bool cancel(TimerId id);
  bool pending(TimerId id) const { return index_.count(id.value) != 0; }

  // Fires every timer with deadline <= now that was scheduled before this
  // call, earliest first (ties in scheduling order). Returns how many fired.
  // A nested call from inside a callback does nothing and returns 0.
  size_t run_due(TimePoint now);

  // The earliest pending deadline, including timers added during run_due().
  std::optional<TimePoint> next_deadline() const;
  size_t size() const { return index_.size(); }
  bool empty() const { return index_.empty(); }

 private:
  // Ordered by deadline, then by id: ids grow, so equal deadlines fire FIFO.
  struct Key {
    TimePoint at;
    uint64_t id;
    bool operator<(const Key& o) const { return at != o.at ? at < o.at : id < o.id; }
  };
  using Map = std::map<Key, Callback>;

  void merge_added();

  Map timers_;
  Map added_while_running_;  // see the class comment
  std::unordered_map<uint64_t, TimePoint> index_;  // id -> deadline, for cancel()
  uint64_t next_id_ = 1;
  bool running_ = false;
};

}  // namespace ikeshift::engine::io
