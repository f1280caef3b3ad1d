// Masks secrets (pre-shared keys, passwords, SNMP communities) in one line of
// an ASA configuration -- and the IOS, Yamaha RTX (`ipsec ike pre-shared-key`,
// `login password`) and swanctl.conf (`secret = ...`) forms -- so that
// diffs, reports and logs shown to people never carry them.
//
// Only the secret's bytes change: indentation, separators and trailing spaces
// stay exactly as they were, so a masked line still lines up with the original.
#pragma once

#include <string>
#include <string_view>

namespace ikeshift::asa {

// `line` with every secret replaced by "*****" (Secret::kMask). Keywords are
// matched case-insensitively; a line without a secret comes back unchanged,
// and so does an already masked "*****".
std::string mask_asa_secrets(std::string_view line);

// True when `line` holds a secret that is not already masked, i.e. when
// mask_asa_secrets would hide something.
bool line_has_asa_secret(std::string_view line);

}  // namespace ikeshift::asa
