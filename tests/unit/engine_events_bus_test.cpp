// EventBus fan-out semantics and RecordingSink helpers.
#include "events/event_bus.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "events/event_info.h"
#include "events/recording_sink.h"
#include "io/clock.h"

namespace ikeshift::engine::events {
namespace {

// A sink that runs a hook per event (to act on the bus from inside emit).
class HookSink final : public EventSink {
 public:
  explicit HookSink(std::function<void(const EmittedEvent&)> hook) : hook_(std::move(hook)) {}
  void consume(const EmittedEvent& e) override { hook_(e); }

 private:
  std::function<void(const EmittedEvent&)> hook_;
};

const CryptoMapEntry kVpn12{"vpn", 12};

TEST(EventBus, FansOutInSubscriptionOrderWithOneStamp) {
  io::ManualWallClock wall(io::WallTime{} + std::chrono::seconds(100));
  EventBus bus(wall);
  std::vector<std::string> order;
  std::vector<uint64_t> seqs;
  HookSink a([&](const EmittedEvent& e) {
    order.push_back("a");
    seqs.push_back(e.sequence);
    EXPECT_EQ(e.time, wall.now());
  });
  HookSink b([&](const EmittedEvent&) { order.push_back("b"); });
  bus.subscribe(a);
  bus.subscribe(b);
  bus.emit(NoIkev2Proposal{kVpn12});
  bus.emit(TunnelManagerEntryRemoved{kVpn12});
  EXPECT_EQ(order, (std::vector<std::string>{"a", "b", "a", "b"}));
  EXPECT_EQ(seqs, (std::vector<uint64_t>{1, 2}));
}

TEST(EventBus, UnsubscribeDuringEmitTakesEffectAtOnce) {
  io::ManualWallClock wall;
  EventBus bus(wall);
  RecordingSink later;
  SubscriptionId later_id;
  HookSink first([&](const EmittedEvent&) { bus.unsubscribe(later_id); });
  bus.subscribe(first);
  later_id = bus.subscribe(later);
  bus.emit(NoIkev2Proposal{kVpn12});
  EXPECT_EQ(later.size(), 0u);
  EXPECT_EQ(bus.subscriber_count(), 1u);
  EXPECT_FALSE(bus.unsubscribe(later_id));
}

TEST(EventBus, SubscribeDuringEmitGetsOnlyLaterEvents) {
  io::ManualWallClock wall;
  EventBus bus(wall);
  RecordingSink late;
  bool subscribed = false;
  HookSink first([&](const EmittedEvent&) {
    if (!subscribed) {
      subscribed = true;
      bus.subscribe(late);
    }
  });
  bus.subscribe(first);
  bus.emit(NoIkev2Proposal{kVpn12});
  EXPECT_EQ(late.size(), 0u);
  bus.emit(TunnelManagerEntryRemoved{kVpn12});
  EXPECT_EQ(late.asa_ids(), (std::vector<int>{752002}));
}

TEST(EventBus, NestedEmitIsDeliveredBeforeEmitReturns) {
  io::ManualWallClock wall;
  EventBus bus(wall);
  RecordingSink rec;
  HookSink echo([&](const EmittedEvent& e) {
    if (std::holds_alternative<TunnelSetupFailed>(e.event)) {
      bus.emit(KeyAcquireDispatched{kVpn12, 1, true});
    }
  });
  bus.subscribe(echo);
  bus.subscribe(rec);
  bus.emit(TunnelSetupFailed{kVpn12, 2});
  // The nested event reaches `rec` first: it was emitted while `echo` ran.
  EXPECT_EQ(rec.asa_ids(), (std::vector<int>{752014, 752012}));
  EXPECT_EQ(rec.events()[0].sequence, 2u);
  EXPECT_EQ(rec.events()[1].sequence, 1u);
}

TEST(EventBus, TwoBusesAreIndependent) {
  io::ManualWallClock wall;
  EventBus one(wall), two(wall);
  RecordingSink r1, r2;
  one.subscribe(r1);
  two.subscribe(r2);
  one.emit(NoIkev2Proposal{kVpn12});
  EXPECT_EQ(r1.size(), 1u);
  EXPECT_EQ(r2.size(), 0u);
}

TEST(RecordingSink, TypedAccess) {
  io::ManualWallClock wall;
  EventBus bus(wall);
  RecordingSink rec;
  bus.subscribe(rec);
  bus.emit(TunnelSetupFailed{kVpn12, 2});
  bus.emit(DpdSent{SaRef{}, 4});
  bus.emit(TunnelSetupSucceeded{kVpn12, 1});
  EXPECT_EQ(rec.count<TunnelSetupFailed>(), 1u);
  ASSERT_NE(rec.first<TunnelSetupSucceeded>(), nullptr);
  EXPECT_EQ(rec.first<TunnelSetupSucceeded>()->ike_version, 1);
  EXPECT_EQ(rec.first<SaUp>(), nullptr);
  EXPECT_EQ(rec.all<DpdSent>().at(0).message_id, 4u);
  EXPECT_EQ(rec.names(),
            (std::vector<std::string>{"tunnel_setup_failed", "dpd_sent", "tunnel_setup_succeeded"}));
  EXPECT_EQ(rec.asa_lines().at(1), "IKEv2-PROTO-4: (0): Sending DPD/liveness query, MID=00000004");
  rec.clear();
  EXPECT_EQ(rec.size(), 0u);
}

// Every alternative of Event, default-constructed, has a distinct name.
template <size_t... I>
std::vector<std::string> all_names(std::index_sequence<I...>) {
  return {std::string(info(Event{std::variant_alternative_t<I, Event>{}}).name)...};
}

TEST(EventInfo, EveryEventHasADistinctNameAndAsaIdsHaveTheirSeverity) {
  EXPECT_EQ(info(AllIkeVersionsFailed{}).severity, Severity::Error);
  EXPECT_EQ(info(TunnelManagerEntryRemoved{}).severity, Severity::Debug);
  EXPECT_EQ(info(NegotiationAborted{}).asa_id, 750003);
  EXPECT_EQ(info(MessageSent{}).asa_id, 0);
  auto names = all_names(std::make_index_sequence<std::variant_size_v<Event>>{});
  for (const auto& n : names) EXPECT_FALSE(n.empty());
  std::sort(names.begin(), names.end());
  // KeyAcquireDispatched covers four ids under one name; all others differ.
  EXPECT_EQ(std::adjacent_find(names.begin(), names.end()), names.end());
}

}  // namespace
}  // namespace ikeshift::engine::events
