// Which configuration language a file is written in: Cisco ASA, Cisco IOS,
// Yamaha RTX or strongSwan swanctl.conf. Used by `translate` (to check --from, or to pick the reader)
// and by `migrate l2l` (to pick the migration), and by each reader's input
// check to say clearly "this is an RTX file, not IOS".
//
// Decided by marker lines each dialect has and the others do not (`ASA
// Version` / `nameif` / `tunnel-group`; `version 15.x` / `crypto isakmp
// policy` / `crypto ikev2 proposal` / `crypto map M N ipsec-isakmp`; `tunnel
// select` / `ipsec ike` / `ip lan1 address`; `connections {` / `secrets {` /
// `local_addrs =` / `esp_proposals =`), counted over the whole file.
#pragma once

#include <optional>
#include <string>

#include "text/source_text.h"

namespace ikeshift {

enum class ConfigDialect { Unknown, Asa, Ios, Rtx, Swanctl };

const char* dialect_name(ConfigDialect d);        // "asa", "ios", "rtx", "swanctl", "unknown"
const char* dialect_long_name(ConfigDialect d);   // "Cisco ASA", "Cisco IOS", "Yamaha RTX", "strongSwan swanctl.conf"
std::optional<ConfigDialect> parse_dialect(const std::string& name);  // asa|ios|rtx|swanctl

struct DialectGuess {
  ConfigDialect dialect = ConfigDialect::Unknown;
  uint32_t evidence_line = 0;  // 0-based line of the first decisive marker
  std::string evidence;        // e.g. "`ASA Version 9.8(2)`"
};

DialectGuess detect_dialect(const text::SourceText& src);

}  // namespace ikeshift
