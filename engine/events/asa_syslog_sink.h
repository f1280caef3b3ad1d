// Writes events as ASA console/syslog lines (see asa_format.h) to a stream.
#pragma once

#include <chrono>
#include <optional>
#include <ostream>
#include <string>

#include "events/event_bus.h"
#include "events/severity.h"
#include "events/timestamp.h"

namespace ikeshift::engine::events {

struct AsaSyslogOptions {
  // Prefix "Mar 22 15:03:52 " from the bus's wall-clock stamp.
  bool timestamps = false;
  TimeZone zone = TimeZone::Utc;
  // Like `logging console <level>`: ASA messages above this are not written.
  Severity max_severity = Severity::Debug;
  // Like `debug crypto ikev2 ...`: engine diagnostics (debug lines) on or off.
  bool diagnostics = true;
  // Flush after every line, so a crash never loses the line that explains it.
  // The daemon turns it off and flushes once per event-loop round instead (a
  // write(2) per line was 8% of an IKE setup); a crash then loses at most the
  // lines of the round it happened in.
  bool flush_each_line = true;
};

class AsaSyslogSink final : public EventSink {
 public:
  // The stream must outlive the sink. Each event is one line.
  explicit AsaSyslogSink(std::ostream& out, AsaSyslogOptions options = {})
      : out_(out), options_(options) {}
  void consume(const EmittedEvent& e) override;

 private:
  std::ostream& out_;
  AsaSyslogOptions options_;
  // The last second's stamp: a busy daemon writes many lines a second, and a
  // stamp has one-second resolution.
  std::optional<std::chrono::seconds> stamp_second_;
  std::string stamp_;
  // Reused for every line, so a line costs no allocation once it has grown.
  std::string line_;
};

}  // namespace ikeshift::engine::events
