// What every sink needs to know about an event besides its fields: a stable
// machine name (JSON "id"), the ASA syslog id (0 for engine diagnostics) and
// the severity. One table, so the ASA and JSON renderings cannot disagree.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "events/events.h"
#include "events/severity.h"

namespace ikeshift::engine::events {

struct EventInfo {
  std::string_view name;  // snake_case, e.g. "sa_up"
  int asa_id = 0;         // e.g. 750006; 0 = no ASA message
  Severity severity = Severity::Debug;
};

EventInfo info(const Event& event);

// "IKE_SA_INIT", "QUICK_MODE", ...; "EXCHANGE_<n>" for numbers we do not know.
std::string exchange_name(int ike_version, uint8_t exchange);
std::string_view to_string(SaKind kind);  // "IKE" / "CHILD"

}  // namespace ikeshift::engine::events
