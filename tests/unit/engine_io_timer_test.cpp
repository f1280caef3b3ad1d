// TimerQueue ordering, cancellation and re-entrancy; ManualClock semantics.
#include "io/timer_queue.h"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "io/clock.h"

namespace ikeshift::engine::io {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TimePoint at(int ms) { return TimePoint{} + milliseconds(ms); }

TEST(ManualClock, AdvancesOnlyForward) {
  ManualClock clock;
  EXPECT_EQ(clock.now(), TimePoint{});
  clock.advance(seconds(5));
  EXPECT_EQ(clock.now(), at(5000));
  clock.advance(-seconds(1));  // refused: monotonic
  clock.set(at(1000));         // refused: earlier
  EXPECT_EQ(clock.now(), at(5000));
  clock.set(at(7000));
  EXPECT_EQ(clock.now(), at(7000));
}

TEST(ManualWallClock, IsSettable) {
  ManualWallClock wall(WallTime{} + seconds(1363964632));
  EXPECT_EQ(wall.now().time_since_epoch(), seconds(1363964632));
  wall.advance(seconds(2));
  EXPECT_EQ(wall.now().time_since_epoch(), seconds(1363964634));
}

TEST(TimerQueue, FiresDueTimersInDeadlineOrderTiesFifo) {
  TimerQueue q;
  std::vector<std::string> fired;
  q.schedule(at(30), [&] { fired.push_back("c"); });
  q.schedule(at(10), [&] { fired.push_back("a"); });
  q.schedule(at(20), [&] { fired.push_back("b1"); });
  q.schedule(at(20), [&] { fired.push_back("b2"); });
  q.schedule(at(40), [&] { fired.push_back("d"); });
  EXPECT_EQ(q.next_deadline(), at(10));

  EXPECT_EQ(q.run_due(at(9)), 0u);
  EXPECT_EQ(q.run_due(at(30)), 4u);
  EXPECT_EQ(fired, (std::vector<std::string>{"a", "b1", "b2", "c"}));
  EXPECT_EQ(q.size(), 1u);
  EXPECT_EQ(q.next_deadline(), at(40));
  EXPECT_EQ(q.run_due(at(100)), 1u);
  EXPECT_TRUE(q.empty());
  EXPECT_FALSE(q.next_deadline().has_value());
}

TEST(TimerQueue, CancelPreventsFiring) {
  TimerQueue q;
  int fired = 0;
  const TimerId a = q.schedule(at(10), [&] { ++fired; });
  const TimerId b = q.schedule(at(10), [&] { fired += 10; });
  EXPECT_TRUE(a);
  EXPECT_NE(a, b);
  EXPECT_TRUE(q.pending(a));
  EXPECT_TRUE(q.cancel(a));
  EXPECT_FALSE(q.pending(a));
  EXPECT_FALSE(q.cancel(a));         // twice
  EXPECT_FALSE(q.cancel(TimerId{}));  // never issued
  EXPECT_EQ(q.run_due(at(10)), 1u);
  EXPECT_EQ(fired, 10);
  EXPECT_FALSE(q.cancel(b));  // already fired
}

TEST(TimerQueue, CallbackMayCancelAnotherDueTimer) {
  TimerQueue q;
  std::vector<int> fired;
  TimerId second;
  q.schedule(at(1), [&] {
    fired.push_back(1);
    EXPECT_TRUE(q.cancel(second));
  });
  second = q.schedule(at(2), [&] { fired.push_back(2); });
  q.schedule(at(3), [&] { fired.push_back(3); });
  EXPECT_EQ(q.run_due(at(10)), 2u);
  EXPECT_EQ(fired, (std::vector<int>{1, 3}));
}

TEST(TimerQueue, TimersScheduledByACallbackFireOnTheNextRun) {
  // A retransmission timer that re-arms itself "now" must not livelock run_due.
  TimerQueue q;
  int rearmed = 0;
  std::function<void()> rearm = [&] {
    ++rearmed;
    q.schedule(at(0), rearm);
  };
  q.schedule(at(0), rearm);
  EXPECT_EQ(q.run_due(at(0)), 1u);
  EXPECT_EQ(rearmed, 1);
  EXPECT_EQ(q.size(), 1u);
  EXPECT_EQ(q.next_deadline(), at(0));
  EXPECT_EQ(q.run_due(at(0)), 1u);
  EXPECT_EQ(rearmed, 2);
}

TEST(TimerQueue, CallbackMayCancelATimerItScheduled) {
  TimerQueue q;
  bool fired = false;
  q.schedule(at(1), [&] {
    const TimerId t = q.schedule(at(1), [&] { fired = true; });
    EXPECT_TRUE(q.pending(t));
    EXPECT_EQ(q.next_deadline(), at(1));  // sees timers added during the run
    EXPECT_TRUE(q.cancel(t));
  });
  q.run_due(at(5));
  q.run_due(at(5));
  EXPECT_FALSE(fired);
  EXPECT_TRUE(q.empty());
}

TEST(TimerQueue, NestedRunDueIsANoOp) {
  TimerQueue q;
  size_t nested = 99;
  q.schedule(at(1), [&] { nested = q.run_due(at(1)); });
  q.schedule(at(1), [] {});
  EXPECT_EQ(q.run_due(at(1)), 2u);
  EXPECT_EQ(nested, 0u);
}

TEST(TimerQueue, StaysUsableWhenACallbackThrows) {
  TimerQueue q;
  bool later = false;
  q.schedule(at(1), [&] {
    q.schedule(at(2), [&] { later = true; });
    throw std::runtime_error("boom");
  });
  EXPECT_THROW(q.run_due(at(1)), std::runtime_error);
  EXPECT_EQ(q.size(), 1u);
  EXPECT_EQ(q.run_due(at(2)), 1u);
  EXPECT_TRUE(later);
}

TEST(TimerQueue, ManyTimersScheduleCancelAndFire) {
  // Exercises the O(log n) paths at a size where a linear scan would show.
  TimerQueue q;
  std::vector<TimerId> ids;
  uint64_t sum = 0;
  constexpr int kCount = 50000;
  for (int i = 0; i < kCount; ++i) {
    // Deadlines in scrambled order.
    const int ms = static_cast<int>((static_cast<uint64_t>(i) * 7919u) % kCount);
    ids.push_back(q.schedule(at(ms), [&sum, ms] { sum += static_cast<uint64_t>(ms); }));
  }
  for (int i = 0; i < kCount; i += 2) EXPECT_TRUE(q.cancel(ids[static_cast<size_t>(i)]));
  TimePoint last{};
  // Fire in slices, checking the deadline never goes backwards.
  for (int t = 0; t <= kCount; t += 1000) {
    if (auto d = q.next_deadline()) {
      EXPECT_GE(*d, last);
      last = *d;
    }
    q.run_due(at(t));
  }
  EXPECT_TRUE(q.empty());
  uint64_t expected = 0;
  for (int i = 1; i < kCount; i += 2)
    expected += (static_cast<uint64_t>(i) * 7919u) % kCount;
  EXPECT_EQ(sum, expected);
}

}  // namespace
}  // namespace ikeshift::engine::io
