// Synchronous fan-out of engine events to sinks. Each engine gets its own bus
// (there is no global one), so two engines in one test log separately.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "events/events.h"
#include "io/clock.h"

namespace ikeshift::engine::events {

// What a sink receives: the event, stamped once by the bus so that every sink
// reports the same time and order.
struct EmittedEvent {
  const Event& event;
  io::WallTime time;
  uint64_t sequence;  // 1, 2, ... per bus
};

class EventSink {
 public:
  virtual ~EventSink() = default;
  // Called on the emitting thread, inside EventBus::emit. May emit further
  // events (delivered before emit returns) and may (un)subscribe sinks.
  virtual void consume(const EmittedEvent& e) = 0;
};

struct SubscriptionId {
  uint64_t value = 0;
  bool operator==(const SubscriptionId& o) const { return value == o.value; }
};

class EventBus {
 public:
  // The wall clock stamps events for log timestamps; it must outlive the bus.
  explicit EventBus(const io::WallClock& clock) : clock_(clock) {}
  EventBus(const EventBus&) = delete;
  EventBus& operator=(const EventBus&) = delete;

  // Non-owning: the sink must stay alive until unsubscribed or the bus dies.
  // A sink subscribed during an emit() receives only later events.
  SubscriptionId subscribe(EventSink& sink);
  // Takes effect at once, also during an emit(): the sink gets nothing more.
  bool unsubscribe(SubscriptionId id);
  size_t subscriber_count() const;

  void emit(const Event& event);

 private:
  struct Entry {
    uint64_t id;
    EventSink* sink;  // nullptr once unsubscribed during an emit
  };
  void compact();

  const io::WallClock& clock_;
  std::vector<Entry> entries_;
  uint64_t next_id_ = 1;
  uint64_t next_sequence_ = 1;
  int emitting_ = 0;  // nesting depth; entries are only erased at depth 0
};

}  // namespace ikeshift::engine::events
