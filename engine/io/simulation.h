// Drives a whole in-process IKE scenario deterministically: delivers queued
// datagrams, fires due timers, and when nothing is due jumps the ManualClock
// straight to the next timer or delayed datagram. A test of a 30-second
// retransmission back-off or a 24-hour rekey then runs in microseconds and
// the same way every time.
#pragma once

#include <cstddef>
#include <functional>

#include "io/clock.h"
#include "io/memory_network.h"
#include "io/timer_queue.h"

namespace ikeshift::engine::io {

class Simulation {
 public:
  // All three must outlive the simulation; `network` should have been built
  // with `clock` if delays are used.
  Simulation(ManualClock& clock, TimerQueue& timers, MemoryNetwork& network)
      : clock_(clock), timers_(timers), network_(network) {}

  // One unit of progress, in this order: deliver one datagram; else fire the
  // timers due now; else advance the clock to the next deadline (timer or
  // delayed datagram) if it is not after `horizon`. False when idle.
  bool step(TimePoint horizon);

  // Steps until idle or until the clock would pass now + max_elapsed.
  // Returns the number of steps taken.
  size_t run_until_idle(Duration max_elapsed);
  // Steps until `done()` holds; false if the simulation went idle or reached
  // the time limit first.
  bool run_until(const std::function<bool()>& done, Duration max_elapsed);

 private:
  ManualClock& clock_;
  TimerQueue& timers_;
  MemoryNetwork& network_;
};

}  // namespace ikeshift::engine::io
