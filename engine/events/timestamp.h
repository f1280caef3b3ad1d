// Timestamps for log output, from the injected wall clock's readings.
// Month names are fixed English (not strftime's %b), so output does not
// depend on the process locale.
#pragma once

#include <string>

#include "io/clock.h"

namespace ikeshift::engine::events {

enum class TimeZone { Utc, Local };

// "Mar 22 15:03:52", as in the ASA debug output of seed 004 (day zero-padded).
std::string syslog_timestamp(io::WallTime t, TimeZone zone = TimeZone::Utc);
// "2013-03-22T15:03:52.123Z" (RFC 3339, UTC, milliseconds).
std::string rfc3339_utc(io::WallTime t);

}  // namespace ikeshift::engine::events
