// Look-ups over a payload list, so exchange code can say "the KE payload" or
// "every NAT_DETECTION_SOURCE_IP notify" without writing the loop each time.
#pragma once

#include <variant>
#include <vector>

#include "wire/ikev2_message.h"
#include "wire/payload_find.h"

namespace ikeshift::wire {

// find_first<T> / find_all<T> (payload_find.h) serve both IKE versions.

// By wire type (also finds RawPayloads such as CP or CERT).
const Payload* find_payload(const std::vector<Payload>& payloads, PayloadType type);
size_t count_payloads(const std::vector<Payload>& payloads, PayloadType type);

const NotifyPayload* find_notify(const std::vector<Payload>& payloads, NotifyType type);
std::vector<const NotifyPayload*> find_notifies(const std::vector<Payload>& payloads, NotifyType type);
// The first error notify (type < 16384), which ends the exchange it is in.
const NotifyPayload* find_error_notify(const std::vector<Payload>& payloads);

}  // namespace ikeshift::wire
