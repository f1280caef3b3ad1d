#include "events/event_bus.h"

#include <algorithm>

namespace ikeshift::engine::events {

SubscriptionId EventBus::subscribe(EventSink& sink) {
  const uint64_t id = next_id_++;
  entries_.push_back(Entry{id, &sink});
  return SubscriptionId{id};
}

bool EventBus::unsubscribe(SubscriptionId id) {
  auto it = std::find_if(entries_.begin(), entries_.end(),
                         [&](const Entry& e) { return e.id == id.value && e.sink; });
  if (it == entries_.end()) return false;
  // During an emit, erasing would shift the indices the loop is walking.
  if (emitting_ > 0) {
    it->sink = nullptr;
  } else {
    entries_.erase(it);
  }
  return true;
}

size_t EventBus::subscriber_count() const {
  return static_cast<size_t>(
      std::count_if(entries_.begin(), entries_.end(), [](const Entry& e) { return e.sink; }));
}

void EventBus::emit(const Event& event) {
  const EmittedEvent emitted{event, clock_.now(), next_sequence_++};
  ++emitting_;
  struct Depth {
    EventBus& bus;
    ~Depth() {
      if (--bus.emitting_ == 0) bus.compact();
    }
  } depth{*this};
  // Indexing (not iterators): a sink may subscribe and so grow the vector.
  // Sinks added during this emit sit past `count` and are skipped.
  const size_t count = entries_.size();
  for (size_t i = 0; i < count; ++i) {
    if (EventSink* sink = entries_[i].sink) sink->consume(emitted);
  }
}

void EventBus::compact() {
  entries_.erase(std::remove_if(entries_.begin(), entries_.end(),
                                [](const Entry& e) { return e.sink == nullptr; }),
                 entries_.end());
}

}  // namespace ikeshift::engine::events
