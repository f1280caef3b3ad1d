// Simulation: a request/response exchange with retransmission over a lossy
// MemoryNetwork, run on a ManualClock — the shape of every engine-vs-engine test.
#include "io/simulation.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/ipv4.h"

namespace ikeshift::engine::io {
namespace {

using std::chrono::seconds;

Endpoint ep(const char* ip, uint16_t port) { return Endpoint{parse_ipv4(ip).value(), port}; }
const Endpoint kI = ep("192.168.1.1", 500);
const Endpoint kR = ep("192.168.2.2", 500);

// Sends "req" and retransmits with doubling timeouts (1, 2, 4 s) until a
// response arrives or three retransmissions went unanswered.
struct Requester {
  Requester(ManualClock& c, TimerQueue& t, Transport& tr) : clock(c), timers(t), transport(tr) {
    transport.set_receive_handler([this](const Datagram&) {
      answered_at = clock.now();
      timers.cancel(timer);
    });
  }
  void start() { send(); }
  void send() {
    sent_at.push_back(clock.now());
    transport.send(Datagram{kI, kR, {'r', 'e', 'q'}});
    if (sent_at.size() > 3) {
      timer = timers.schedule(clock.now() + timeout, [this] { gave_up = true; });
      return;
    }
    timer = timers.schedule(clock.now() + timeout, [this] { send(); });
    timeout *= 2;
  }
  ManualClock& clock;
  TimerQueue& timers;
  Transport& transport;
  Duration timeout = seconds(1);
  TimerId timer;
  std::vector<TimePoint> sent_at;
  std::optional<TimePoint> answered_at;
  bool gave_up = false;
};

struct World {
  ManualClock clock;
  TimerQueue timers;
  MemoryNetwork net{&clock};
  std::unique_ptr<Transport> i = net.attach({kI});
  std::unique_ptr<Transport> r = net.attach({kR});
  Requester req{clock, timers, *i};
  Simulation sim{clock, timers, net};
  World() {
    r->set_receive_handler([this](const Datagram& d) { r->send(Datagram{kR, d.from, {'o', 'k'}}); });
  }
};

TimePoint t(int s) { return TimePoint{} + seconds(s); }

TEST(Simulation, AnsweredAtOnceWithoutLoss) {
  World w;
  w.req.start();
  EXPECT_TRUE(w.sim.run_until([&] { return w.req.answered_at.has_value(); }, seconds(60)));
  EXPECT_EQ(*w.req.answered_at, t(0));
  EXPECT_EQ(w.req.sent_at.size(), 1u);
  w.sim.run_until_idle(seconds(60));
  EXPECT_FALSE(w.req.gave_up);
}

TEST(Simulation, LostRequestsAreRetransmittedOnTheBackOffSchedule) {
  World w;
  w.net.drop_nth(1);
  w.net.drop_nth(2);
  w.req.start();
  w.sim.run_until_idle(seconds(60));
  // Sent at 0 (lost), 1 (lost), 3 (answered).
  EXPECT_EQ(w.req.sent_at, (std::vector<TimePoint>{t(0), t(1), t(3)}));
  ASSERT_TRUE(w.req.answered_at);
  EXPECT_EQ(*w.req.answered_at, t(3));
  EXPECT_TRUE(w.timers.empty());
}

TEST(Simulation, DelayedResponseBeatsTheRetransmissionDueAtTheSameTime) {
  World w;
  // The response (datagram 2) arrives exactly when the retransmission timer fires.
  w.net.delay_nth(2, t(1));
  w.req.start();
  w.sim.run_until_idle(seconds(60));
  EXPECT_EQ(w.req.sent_at.size(), 1u);
  EXPECT_EQ(*w.req.answered_at, t(1));
}

TEST(Simulation, GivesUpAndStopsAtTheHorizon) {
  World w;
  w.net.drop_if([](uint64_t, const Datagram& d) { return d.to == kR; });
  w.req.start();
  EXPECT_FALSE(w.sim.run_until([&] { return w.req.answered_at.has_value(); }, seconds(5)));
  EXPECT_EQ(w.clock.now(), t(3));  // the 7 s timer lies beyond the 5 s horizon
  w.sim.run_until_idle(seconds(60));
  EXPECT_TRUE(w.req.gave_up);
  EXPECT_EQ(w.req.sent_at, (std::vector<TimePoint>{t(0), t(1), t(3), t(7)}));
  EXPECT_EQ(w.clock.now(), t(15));
}

}  // namespace
}  // namespace ikeshift::engine::io
