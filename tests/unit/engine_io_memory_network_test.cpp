// MemoryNetwork: routing, ordering and every fault-injection hook.
#include "io/memory_network.h"

#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/ipv4.h"
#include "io/clock.h"

namespace ikeshift::engine::io {
namespace {

using std::chrono::seconds;

Endpoint ep(const char* ip, uint16_t port) { return Endpoint{parse_ipv4(ip).value(), port}; }

const Endpoint kA = ep("192.168.1.1", 500);
const Endpoint kA4500 = ep("192.168.1.1", 4500);
const Endpoint kB = ep("192.168.2.2", 500);

Datagram dg(Endpoint from, Endpoint to, std::string text) {
  return Datagram{from, to, std::vector<uint8_t>(text.begin(), text.end())};
}

std::string text_of(const Datagram& d) { return std::string(d.bytes.begin(), d.bytes.end()); }

// Two attached transports that record what they receive.
struct Pair {
  explicit Pair(MemoryNetwork& net)
      : a(net.attach({kA, kA4500})), b(net.attach({kB})) {
    a->set_receive_handler([this](const Datagram& d) { at_a.push_back(d); });
    b->set_receive_handler([this](const Datagram& d) { at_b.push_back(d); });
  }
  std::vector<std::string> texts_at_b() const {
    std::vector<std::string> out;
    for (const auto& d : at_b) out.push_back(text_of(d));
    return out;
  }
  std::unique_ptr<Transport> a, b;
  std::vector<Datagram> at_a, at_b;
};

TEST(MemoryNetwork, DeliversInOrderWithEndpoints) {
  MemoryNetwork net;
  Pair p(net);
  EXPECT_EQ(p.a->local_endpoints(), (std::vector<Endpoint>{kA, kA4500}));
  EXPECT_TRUE(p.a->send(dg(kA, kB, "one")));
  EXPECT_TRUE(p.a->send(dg(kA4500, kB, "two")));
  EXPECT_EQ(net.pending(), 2u);
  EXPECT_TRUE(p.at_b.empty());  // nothing moves until the test says so

  EXPECT_TRUE(net.deliver_one());
  ASSERT_EQ(p.at_b.size(), 1u);
  EXPECT_EQ(p.at_b[0].from, kA);
  EXPECT_EQ(p.at_b[0].to, kB);
  EXPECT_EQ(text_of(p.at_b[0]), "one");

  EXPECT_EQ(net.deliver_all(), 1u);
  EXPECT_EQ(p.at_b[1].from, kA4500);
  EXPECT_FALSE(net.deliver_one());
  EXPECT_EQ(net.sent(), 2u);
}

TEST(MemoryNetwork, RefusesToSendFromAForeignEndpoint) {
  MemoryNetwork net;
  Pair p(net);
  EXPECT_FALSE(p.a->send(dg(kB, kB, "spoof")));
  EXPECT_EQ(net.pending(), 0u);
}

TEST(MemoryNetwork, InjectQueuesAnyDatagram) {
  MemoryNetwork net;
  Pair p(net);
  EXPECT_EQ(net.inject(dg(ep("6.6.6.6", 500), kB, "garbage")), 1u);
  net.deliver_all();
  ASSERT_EQ(p.at_b.size(), 1u);
  EXPECT_EQ(p.at_b[0].from, ep("6.6.6.6", 500));
}

TEST(MemoryNetwork, UnknownDestinationIsConsumedAndCounted) {
  MemoryNetwork net;
  Pair p(net);
  p.a->send(dg(kA, ep("10.0.0.9", 500), "nobody"));
  EXPECT_EQ(net.deliver_all(), 1u);
  EXPECT_EQ(net.undeliverable(), 1u);
}

TEST(MemoryNetwork, DetachedTransportReceivesNothing) {
  MemoryNetwork net;
  Pair p(net);
  p.a->send(dg(kA, kB, "late"));
  p.b.reset();
  net.deliver_all();
  EXPECT_EQ(net.undeliverable(), 1u);
  // The endpoint is free again.
  EXPECT_NO_THROW(net.attach({kB}));
}

TEST(MemoryNetwork, DuplicateEndpointIsRejected) {
  MemoryNetwork net;
  auto a = net.attach({kA});
  EXPECT_THROW(net.attach({kA}), std::invalid_argument);
}

TEST(MemoryNetwork, RepliesSentDuringDeliveryAreDeliveredByDeliverAll) {
  MemoryNetwork net;
  auto a = net.attach({kA});
  auto b = net.attach({kB});
  std::vector<std::string> log;
  // b echoes with one more "!" until three; a echoes back.
  b->set_receive_handler([&](const Datagram& d) {
    log.push_back("b:" + text_of(d));
    if (d.bytes.size() < 4) b->send(dg(kB, d.from, text_of(d) + "!"));
  });
  a->set_receive_handler([&](const Datagram& d) {
    log.push_back("a:" + text_of(d));
    a->send(dg(kA, d.from, text_of(d)));
  });
  a->send(dg(kA, kB, "x"));
  EXPECT_EQ(net.deliver_all(), 7u);
  EXPECT_EQ(log, (std::vector<std::string>{"b:x", "a:x!", "b:x!", "a:x!!", "b:x!!", "a:x!!!",
                                           "b:x!!!"}));
}

TEST(MemoryNetwork, DeliverAllStopsAnEndlessPingPong) {
  MemoryNetwork net;
  auto a = net.attach({kA});
  auto b = net.attach({kB});
  a->set_receive_handler([&](const Datagram& d) { a->send(dg(kA, d.from, "ping")); });
  b->set_receive_handler([&](const Datagram& d) { b->send(dg(kB, d.from, "pong")); });
  a->send(dg(kA, kB, "ping"));
  EXPECT_THROW(net.deliver_all(50), std::runtime_error);
}

TEST(MemoryNetwork, DropNthAndDropIf) {
  MemoryNetwork net;
  Pair p(net);
  net.drop_nth(2);
  net.drop_if([](uint64_t, const Datagram& d) { return text_of(d) == "evil"; });
  for (const char* t : {"1", "2", "evil", "4", "evil"}) p.a->send(dg(kA, kB, t));
  net.deliver_all();
  EXPECT_EQ(p.texts_at_b(), (std::vector<std::string>{"1", "4"}));
  EXPECT_EQ(net.dropped(), 3u);
  EXPECT_EQ(net.sent(), 5u);

  net.clear_faults();
  p.a->send(dg(kA, kB, "evil"));
  net.deliver_all();
  EXPECT_EQ(p.at_b.back().bytes.size(), 4u);
}

TEST(MemoryNetwork, DuplicateDeliversTwiceBackToBack) {
  MemoryNetwork net;
  Pair p(net);
  net.duplicate_nth(1);
  p.a->send(dg(kA, kB, "req"));
  p.a->send(dg(kA, kB, "next"));
  net.deliver_all();
  EXPECT_EQ(p.texts_at_b(), (std::vector<std::string>{"req", "req", "next"}));
}

TEST(MemoryNetwork, DuplicateIfMatchesByPredicate) {
  MemoryNetwork net;
  Pair p(net);
  net.duplicate_if([](uint64_t seq, const Datagram&) { return seq % 2 == 0; });
  for (const char* t : {"1", "2", "3"}) p.a->send(dg(kA, kB, t));
  net.deliver_all();
  EXPECT_EQ(p.texts_at_b(), (std::vector<std::string>{"1", "2", "2", "3"}));
}

TEST(MemoryNetwork, ReorderSwapsWithTheNextDatagram) {
  MemoryNetwork net;
  Pair p(net);
  net.reorder_nth(1);
  p.a->send(dg(kA, kB, "first"));
  // Held: nothing deliverable until a successor is sent.
  EXPECT_FALSE(net.deliver_one());
  EXPECT_EQ(net.pending(), 1u);
  p.a->send(dg(kA, kB, "second"));
  p.a->send(dg(kA, kB, "third"));
  net.deliver_all();
  EXPECT_EQ(p.texts_at_b(), (std::vector<std::string>{"second", "first", "third"}));
}

TEST(MemoryNetwork, DelayHoldsUntilTheClockReachesTheTime) {
  ManualClock clock;
  MemoryNetwork net(&clock);
  Pair p(net);
  net.delay_nth(1, clock.now() + seconds(2));
  p.a->send(dg(kA, kB, "slow"));
  p.a->send(dg(kA, kB, "fast"));
  net.deliver_all();
  EXPECT_EQ(p.texts_at_b(), (std::vector<std::string>{"fast"}));
  EXPECT_EQ(net.pending(), 1u);
  clock.advance(seconds(1));
  EXPECT_FALSE(net.deliver_one());
  clock.advance(seconds(1));
  EXPECT_TRUE(net.deliver_one());
  EXPECT_EQ(p.texts_at_b(), (std::vector<std::string>{"fast", "slow"}));
}

TEST(MemoryNetwork, DelayIfByDirection) {
  ManualClock clock;
  MemoryNetwork net(&clock);
  Pair p(net);
  net.delay_if([](uint64_t, const Datagram& d) { return d.to == kA; }, clock.now() + seconds(5));
  p.b->send(dg(kB, kA, "to-a"));
  p.a->send(dg(kA, kB, "to-b"));
  net.deliver_all();
  EXPECT_TRUE(p.at_a.empty());
  EXPECT_EQ(p.at_b.size(), 1u);
  clock.advance(seconds(5));
  net.deliver_all();
  EXPECT_EQ(p.at_a.size(), 1u);
}

TEST(MemoryNetwork, DelayWithoutClockIsALogicError) {
  MemoryNetwork net;
  EXPECT_THROW(net.delay_nth(1, TimePoint{}), std::logic_error);
}

TEST(MemoryNetwork, TapSeesEveryDatagramBeforeFaults) {
  MemoryNetwork net;
  Pair p(net);
  std::vector<uint64_t> seen;
  net.set_tap([&](uint64_t seq, const Datagram&) { seen.push_back(seq); });
  net.drop_nth(1);
  p.a->send(dg(kA, kB, "a"));
  p.a->send(dg(kA, kB, "b"));
  EXPECT_EQ(seen, (std::vector<uint64_t>{1, 2}));
}

TEST(MemoryNetwork, SameScriptSameOutcome) {
  // Determinism: the same sends and faults give the same delivery order.
  auto run = [] {
    ManualClock clock;
    MemoryNetwork net(&clock);
    Pair p(net);
    net.reorder_nth(2);
    net.duplicate_nth(3);
    net.delay_nth(4, clock.now() + seconds(1));
    for (const char* t : {"1", "2", "3", "4", "5"}) p.a->send(dg(kA, kB, t));
    net.deliver_all();
    clock.advance(seconds(1));
    net.deliver_all();
    return p.texts_at_b();
  };
  const auto first = run();
  EXPECT_EQ(first, (std::vector<std::string>{"1", "3", "3", "2", "5", "4"}));
  EXPECT_EQ(run(), first);
}

}  // namespace
}  // namespace ikeshift::engine::io
