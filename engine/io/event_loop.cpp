#include "io/event_loop.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <climits>
#include <system_error>

namespace ikeshift::engine::io {

namespace {

// The wakeup eventfd is registered under this token; watch tokens start at 1.
constexpr uint64_t kWakeupToken = 0;

[[noreturn]] void throw_errno(const char* what) {
  throw std::system_error(errno, std::generic_category(), what);
}

}  // namespace

EventLoop::EventLoop(const Clock& clock) : clock_(clock) {
  epoll_.reset(::epoll_create1(EPOLL_CLOEXEC));
  if (!epoll_) throw_errno("epoll_create1");
  wakeup_.reset(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
  if (!wakeup_) throw_errno("eventfd");
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = kWakeupToken;
  if (::epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, wakeup_.get(), &ev) != 0) throw_errno("epoll_ctl");
}

EventLoop::~EventLoop() = default;

void EventLoop::watch(int fd, uint32_t events, FdCallback callback) {
  if (watches_.count(fd) != 0) throw std::system_error(EEXIST, std::generic_category(), "watch");
  const uint64_t token = next_token_++;
  epoll_event ev{};
  ev.events = events;
  ev.data.u64 = token;
  if (::epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, fd, &ev) != 0) throw_errno("epoll_ctl");
  watches_.emplace(fd, Watch{token, std::make_shared<FdCallback>(std::move(callback))});
  fd_by_token_.emplace(token, fd);
}

void EventLoop::watch_readable(int fd, FdCallback callback) {
  watch(fd, EPOLLIN, std::move(callback));
}

bool EventLoop::unwatch(int fd) {
  auto it = watches_.find(fd);
  if (it == watches_.end()) return false;
  // The fd may already be closed by a careless caller; the bookkeeping must
  // go regardless, so the epoll_ctl result is ignored.
  ::epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, fd, nullptr);
  fd_by_token_.erase(it->second.token);
  watches_.erase(it);
  return true;
}

void EventLoop::run() {
  while (run_once(std::nullopt)) {
  }
  stop_.store(false);
}

int EventLoop::timeout_ms(std::optional<Duration> max_wait) const {
  std::optional<Duration> wait = max_wait;
  if (auto deadline = timers_.next_deadline()) {
    const Duration until = *deadline - clock_.now();
    if (!wait || until < *wait) wait = until;
  }
  if (!wait) return -1;
  if (*wait <= Duration::zero()) return 0;
  // Round up: waking a fraction of a millisecond early would find the timer
  // not yet due and spin once more.
  const auto ms = std::chrono::ceil<std::chrono::milliseconds>(*wait).count();
  return ms > INT_MAX ? INT_MAX : static_cast<int>(ms);
}

bool EventLoop::run_once(std::optional<Duration> max_wait) {
  if (stop_.load()) return false;
  std::array<epoll_event, 64> ready{};
  const int n = ::epoll_wait(epoll_.get(), ready.data(), static_cast<int>(ready.size()),
                             timeout_ms(max_wait));
  if (n < 0 && errno != EINTR) throw_errno("epoll_wait");
  for (int i = 0; i < n; ++i) {
    const uint64_t token = ready[static_cast<size_t>(i)].data.u64;
    if (token == kWakeupToken) {
      drain_wakeup();
      continue;
    }
    // Looked up per event rather than captured up front: an earlier callback
    // in this batch may have unwatched this fd (or unwatched it and watched a
    // new fd with the same number, which gets a new token), and a stale event
    // must not reach a dead or different callback.
    auto t = fd_by_token_.find(token);
    if (t == fd_by_token_.end()) continue;
    // Held so the callback may unwatch its own fd while running.
    const std::shared_ptr<FdCallback> callback = watches_.at(t->second).callback;
    (*callback)(ready[static_cast<size_t>(i)].events);
  }
  timers_.run_due(clock_.now());
  for (const auto& f : round_end_) f();
  return !stop_.load();
}

void EventLoop::stop() noexcept {
  stop_.store(true);
  const uint64_t one = 1;
  // write(2) is async-signal-safe; a full counter (EAGAIN) already means "wake up".
  [[maybe_unused]] ssize_t ignored = ::write(wakeup_.get(), &one, sizeof one);
}

void EventLoop::drain_wakeup() {
  uint64_t count = 0;
  [[maybe_unused]] ssize_t ignored = ::read(wakeup_.get(), &count, sizeof count);
}

}  // namespace ikeshift::engine::io
