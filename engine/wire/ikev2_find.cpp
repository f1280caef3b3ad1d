// Payload look-ups (see ikev2_find.h).
#include "wire/ikev2_find.h"

namespace ikeshift::wire {

const Payload* find_payload(const std::vector<Payload>& payloads, PayloadType type) {
  for (const auto& p : payloads) {
    if (payload_type(p) == type) return &p;
  }
  return nullptr;
}

size_t count_payloads(const std::vector<Payload>& payloads, PayloadType type) {
  size_t n = 0;
  for (const auto& p : payloads) n += payload_type(p) == type ? 1 : 0;
  return n;
}

const NotifyPayload* find_notify(const std::vector<Payload>& payloads, NotifyType type) {
  for (const auto* n : find_all<NotifyPayload>(payloads)) {
    if (n->type == type) return n;
  }
  return nullptr;
}

std::vector<const NotifyPayload*> find_notifies(const std::vector<Payload>& payloads, NotifyType type) {
  std::vector<const NotifyPayload*> out;
  for (const auto* n : find_all<NotifyPayload>(payloads)) {
    if (n->type == type) out.push_back(n);
  }
  return out;
}

const NotifyPayload* find_error_notify(const std::vector<Payload>& payloads) {
  for (const auto* n : find_all<NotifyPayload>(payloads)) {
    if (static_cast<uint16_t>(n->type) < kFirstStatusNotify) return n;
  }
  return nullptr;
}

}  // namespace ikeshift::wire
