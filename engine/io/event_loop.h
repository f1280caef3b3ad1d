// A single-threaded epoll loop: file-descriptor callbacks plus the TimerQueue,
// both driven by one injected Clock. Everything the daemon does happens in
// callbacks run by this loop, so engine state needs no locks.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "io/clock.h"
#include "io/timer_queue.h"
#include "io/unique_fd.h"

namespace ikeshift::engine::io {

class EventLoop {
 public:
  // Receives the epoll event mask (EPOLLIN, EPOLLERR, ...).
  using FdCallback = std::function<void(uint32_t events)>;

  // Throws std::system_error when epoll or eventfd cannot be created.
  explicit EventLoop(const Clock& clock);
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;
  ~EventLoop();

  // Calls `callback` whenever fd is ready for `events` (level-triggered).
  // The fd stays owned by the caller, who must unwatch() it before closing
  // it. Throws std::system_error (e.g. the fd is already watched).
  void watch(int fd, uint32_t events, FdCallback callback);
  void watch_readable(int fd, FdCallback callback);
  // Safe from inside any callback, including the fd's own; false if not watched.
  bool unwatch(int fd);

  TimerQueue& timers() { return timers_; }
  const Clock& clock() const { return clock_; }
  TimerId schedule_after(Duration delay, TimerQueue::Callback callback) {
    return timers_.schedule(clock_.now() + delay, std::move(callback));
  }

  // Dispatches until stop(); returns at once if stop() came first. The stop
  // request is consumed, so run() may be called again afterwards.
  void run();
  // One round: waits up to max_wait (or until the next timer, whichever is
  // sooner; nullopt = no limit but the timers), dispatches ready fds, fires due
  // timers. Returns false when a stop was requested.
  bool run_once(std::optional<Duration> max_wait);

  // Runs `callback` at the end of every round, after the ready descriptors
  // and due timers (e.g. to flush what the round's callbacks wrote).
  void at_round_end(std::function<void()> callback) { round_end_.push_back(std::move(callback)); }

  // Async-signal-safe and callable from any thread or callback: it only
  // stores to a lock-free atomic and writes to an eventfd.
  void stop() noexcept;
  bool stop_requested() const noexcept { return stop_.load(); }

 private:
  struct Watch {
    uint64_t token;  // what epoll hands back; never reused, see event_loop.cpp
    // Shared so dispatch can keep it alive cheaply while the callback unwatches itself.
    std::shared_ptr<FdCallback> callback;
  };
  int timeout_ms(std::optional<Duration> max_wait) const;
  void drain_wakeup();

  const Clock& clock_;
  TimerQueue timers_;
  UniqueFd epoll_;
  UniqueFd wakeup_;  // eventfd written by stop()
  std::unordered_map<int, Watch> watches_;           // fd -> watch
  std::unordered_map<uint64_t, int> fd_by_token_;    // token -> fd
  uint64_t next_token_ = 1;
  std::vector<std::function<void()>> round_end_;
  std::atomic<bool> stop_{false};
  static_assert(std::atomic<bool>::is_always_lock_free, "stop() must be async-signal-safe");
};

}  // namespace ikeshift::engine::io
