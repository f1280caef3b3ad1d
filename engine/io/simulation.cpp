#include "io/simulation.h"

#include <optional>

namespace ikeshift::engine::io {

bool Simulation::step(TimePoint horizon) {
  // Datagrams already in flight at `now` arrive before timers due at `now`
  // fire: a response that made it in time must beat its retransmission.
  if (network_.deliver_one()) return true;
  if (timers_.run_due(clock_.now()) > 0) return true;
  std::optional<TimePoint> next = timers_.next_deadline();
  if (const auto d = network_.next_delayed(); d && (!next || *d < *next)) next = d;
  if (!next || *next > horizon) return false;
  // *next is after now: anything due was delivered or fired above.
  clock_.set(*next);
  return true;
}

size_t Simulation::run_until_idle(Duration max_elapsed) {
  const TimePoint horizon = clock_.now() + max_elapsed;
  size_t steps = 0;
  while (step(horizon)) ++steps;
  return steps;
}

bool Simulation::run_until(const std::function<bool()>& done, Duration max_elapsed) {
  const TimePoint horizon = clock_.now() + max_elapsed;
  while (!done()) {
    if (!step(horizon)) return false;
  }
  return true;
}

}  // namespace ikeshift::engine::io
