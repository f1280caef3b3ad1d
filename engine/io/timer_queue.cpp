#include "io/timer_queue.h"

#include <utility>

namespace ikeshift::engine::io {

TimerId TimerQueue::schedule(TimePoint at, Callback callback) {
  const uint64_t id = next_id_++;
  Map& target = running_ ? added_while_running_ : timers_;
  target.emplace(Key{at, id}, std::move(callback));
  index_.emplace(id, at);
  return TimerId{id};
}

bool TimerQueue::cancel(TimerId id) {
  auto it = index_.find(id.value);
  if (it == index_.end()) return false;
  const Key key{it->second, id.value};
  index_.erase(it);
  if (timers_.erase(key) == 0) added_while_running_.erase(key);
  return true;
}

size_t TimerQueue::run_due(TimePoint now) {
  if (running_) return 0;
  running_ = true;
  // Restores the state even when a callback throws, so the queue stays usable.
  struct Guard {
    TimerQueue& q;
    ~Guard() {
      q.running_ = false;
      q.merge_added();
    }
  } guard{*this};

  size_t fired = 0;
  while (!timers_.empty()) {
    auto it = timers_.begin();
    if (now < it->first.at) break;
    // Detach before calling: the callback may cancel or schedule freely.
    Callback callback = std::move(it->second);
    index_.erase(it->first.id);
    timers_.erase(it);
    ++fired;
    if (callback) callback();
  }
  return fired;
}

std::optional<TimePoint> TimerQueue::next_deadline() const {
  std::optional<TimePoint> best;
  if (!timers_.empty()) best = timers_.begin()->first.at;
  if (!added_while_running_.empty()) {
    const TimePoint t = added_while_running_.begin()->first.at;
    if (!best || t < *best) best = t;
  }
  return best;
}

void TimerQueue::merge_added() {
  timers_.merge(added_while_running_);
}

}  // namespace ikeshift::engine::io
