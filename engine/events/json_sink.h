// Writes each event as one JSON object per line (JSON Lines):
//   {"timestamp":"2013-03-22T15:03:52.000Z","sequence":7,"id":"sa_up",
//    "asa_id":750006,"severity":"notice","text":"%ASA-5-750006: ...",
//    "fields":{"local":"192.168.1.1:500",...}}
// asa_id is null for engine diagnostics. SPIs are hex strings ("0x..."):
// 64-bit values do not survive JSON consumers that read numbers as doubles.
#pragma once

#include <ostream>
#include <string>

#include "events/event_bus.h"

namespace ikeshift::engine::events {

struct JsonSinkOptions {
  bool include_text = true;  // the ASA rendering, for grep and humans
  bool ascii_only = false;   // \uXXXX for non-ASCII, for 7-bit transports
  bool flush_each_line = true;  // as AsaSyslogOptions::flush_each_line
};

class JsonSink final : public EventSink {
 public:
  explicit JsonSink(std::ostream& out, JsonSinkOptions options = {})
      : out_(out), options_(options) {}
  void consume(const EmittedEvent& e) override;

 private:
  std::ostream& out_;
  JsonSinkOptions options_;
};

// The line JsonSink writes, without the newline (for tests and other sinks).
std::string format_json(const EmittedEvent& e, JsonSinkOptions options = {});

}  // namespace ikeshift::engine::events
