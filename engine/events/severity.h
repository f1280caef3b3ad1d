// Syslog severities (RFC 5424 numbering, as the ASA's %ASA-<sev>- prefix uses).
#pragma once

#include <cstdint>
#include <string_view>

namespace ikeshift::engine::events {

enum class Severity : uint8_t {
  Emergency = 0,
  Alert = 1,
  Critical = 2,
  Error = 3,
  Warning = 4,
  Notice = 5,
  Informational = 6,
  Debug = 7,
};

inline constexpr int to_int(Severity s) { return static_cast<int>(s); }

// "emergency" ... "debug": the names JSON output uses.
std::string_view to_string(Severity s);

}  // namespace ikeshift::engine::events
