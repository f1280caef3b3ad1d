#include "events/timestamp.h"

#include <array>
#include <cstdio>
#include <ctime>

namespace ikeshift::engine::events {

namespace {

constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Whole seconds, rounded down also before 1970 (a default ManualWallClock
// reads the epoch, and tests may go below it).
std::time_t seconds_of(io::WallTime t, long* millis) {
  const auto ms = std::chrono::floor<std::chrono::milliseconds>(t.time_since_epoch()).count();
  long long secs = ms / 1000;
  long long rem = ms % 1000;
  if (rem < 0) {
    rem += 1000;
    --secs;
  }
  if (millis) *millis = static_cast<long>(rem);
  return static_cast<std::time_t>(secs);
}

}  // namespace

std::string syslog_timestamp(io::WallTime t, TimeZone zone) {
  const std::time_t secs = seconds_of(t, nullptr);
  std::tm tm{};
  if (zone == TimeZone::Utc) {
    gmtime_r(&secs, &tm);
  } else {
    localtime_r(&secs, &tm);
  }
  char buf[96];
  std::snprintf(buf, sizeof buf, "%s %02d %02d:%02d:%02d",
                kMonths[static_cast<size_t>(tm.tm_mon) % kMonths.size()], tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec);
  return buf;
}

std::string rfc3339_utc(io::WallTime t) {
  long millis = 0;
  const std::time_t secs = seconds_of(t, &millis);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];  // sized for any int fields, so the compiler can prove no truncation
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
  return buf;
}

}  // namespace ikeshift::engine::events
