// Keeps every event (copied) for test assertions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "events/event_bus.h"

namespace ikeshift::engine::events {

struct RecordedEvent {
  Event event;
  io::WallTime time;
  uint64_t sequence = 0;
};

class RecordingSink final : public EventSink {
 public:
  void consume(const EmittedEvent& e) override {
    events_.push_back(RecordedEvent{e.event, e.time, e.sequence});
  }

  const std::vector<RecordedEvent>& events() const { return events_; }
  size_t size() const { return events_.size(); }
  void clear() { events_.clear(); }

  // The ASA syslog ids in emission order, diagnostics left out: the sequence
  // seed 004 shows (752003, 750001, 750006, 752016, 752002) is then one vector.
  std::vector<int> asa_ids() const;
  // Machine names ("sa_up", "message_sent", ...) of every event, in order.
  std::vector<std::string> names() const;
  // format_asa() of every event, in order.
  std::vector<std::string> asa_lines() const;

  // Every recorded event of type T, in order.
  template <class T>
  std::vector<T> all() const {
    std::vector<T> out;
    for (const auto& r : events_) {
      if (const T* e = std::get_if<T>(&r.event)) out.push_back(*e);
    }
    return out;
  }
  template <class T>
  size_t count() const {
    size_t n = 0;
    for (const auto& r : events_) n += std::holds_alternative<T>(r.event) ? 1 : 0;
    return n;
  }
  // The first event of type T, or nullptr.
  template <class T>
  const T* first() const {
    for (const auto& r : events_) {
      if (const T* e = std::get_if<T>(&r.event)) return e;
    }
    return nullptr;
  }

 private:
  std::vector<RecordedEvent> events_;
};

}  // namespace ikeshift::engine::events
