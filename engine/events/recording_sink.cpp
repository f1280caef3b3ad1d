#include "events/recording_sink.h"

#include "events/asa_format.h"
#include "events/event_info.h"

namespace ikeshift::engine::events {

std::vector<int> RecordingSink::asa_ids() const {
  std::vector<int> out;
  for (const auto& r : events_) {
    if (const int id = info(r.event).asa_id) out.push_back(id);
  }
  return out;
}

std::vector<std::string> RecordingSink::names() const {
  std::vector<std::string> out;
  out.reserve(events_.size());
  for (const auto& r : events_) out.emplace_back(info(r.event).name);
  return out;
}

std::vector<std::string> RecordingSink::asa_lines() const {
  std::vector<std::string> out;
  out.reserve(events_.size());
  for (const auto& r : events_) out.push_back(format_asa(r.event));
  return out;
}

}  // namespace ikeshift::engine::events
