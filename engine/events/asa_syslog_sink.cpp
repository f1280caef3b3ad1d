#include "events/asa_syslog_sink.h"

#include "events/asa_format.h"
#include "events/event_info.h"

namespace ikeshift::engine::events {

void AsaSyslogSink::consume(const EmittedEvent& e) {
  const EventInfo i = info(e.event);
  if (i.asa_id == 0) {
    if (!options_.diagnostics) return;
  } else if (to_int(i.severity) > to_int(options_.max_severity)) {
    return;
  }
  line_.clear();
  if (options_.timestamps) {
    const auto second = std::chrono::floor<std::chrono::seconds>(e.time.time_since_epoch());
    if (second != stamp_second_) {
      stamp_ = syslog_timestamp(e.time, options_.zone) + " ";
      stamp_second_ = second;
    }
    line_ += stamp_;
  }
  append_asa(line_, e.event, i);
  line_ += '\n';
  out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
  if (options_.flush_each_line) out_.flush();
}

}  // namespace ikeshift::engine::events
