// Look-ups over a payload list, so exchange code can say "the KE payload" or
// "every NAT_DETECTION_SOURCE_IP notify" without writing the loop each time.
#pragma once

#include <variant>
#include <vector>

#include "wire/ikev2_message.h"

namespace ikeshift::wire {

// The first payload of alternative T (e.g. find_first<KePayload>), or nullptr.
template <typename T>
const T* find_first(const std::vector<Payload>& payloads) {
  for (const auto& p : payloads) {
    if (const auto* v = std::get_if<T>(&p)) return v;
  }
  return nullptr;
}

// Every payload of alternative T, in message order.
template <typename T>
std::vector<const T*> find_all(const std::vector<Payload>& payloads) {
  std::vector<const T*> out;
  for (const auto& p : payloads) {
    if (const auto* v = std::get_if<T>(&p)) out.push_back(v);
  }
  return out;
}

// By wire type (also finds RawPayloads such as CP or CERT).
const Payload* find_payload(const std::vector<Payload>& payloads, PayloadType type);
size_t count_payloads(const std::vector<Payload>& payloads, PayloadType type);

const NotifyPayload* find_notify(const std::vector<Payload>& payloads, NotifyType type);
std::vector<const NotifyPayload*> find_notifies(const std::vector<Payload>& payloads, NotifyType type);
// The first error notify (type < 16384), which ends the exchange it is in.
const NotifyPayload* find_error_notify(const std::vector<Payload>& payloads);

}  // namespace ikeshift::wire
