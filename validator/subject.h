// What a single-config rule looks at: the vendor-neutral intent (every dialect)
// and, for the dialect's own rules, its model. Spellings and limits say how the
// dialect writes an algorithm and what it accepts, so that intent rules can give
// hints in the file's own words without knowing the dialect.
#pragma once

#include <cstdint>
#include <string>

#include "asa/asa_model.h"
#include "common/dialect_read.h"
#include "ios/ios_model.h"
#include "model/algorithms.h"
#include "model/intent.h"
#include "rtx/rtx_model.h"
#include "swanctl/swanctl_model.h"
#include "text/source_text.h"

namespace ikeshift::validator {

// Where the dialect spells each kind of algorithm (for hints: "use `aes-256`").
struct DialectSpelling {
  model::Dialect ike_v1 = model::Dialect::AsaIkev1Policy;
  model::Dialect ike_v2 = model::Dialect::AsaIkev2Policy;
  model::Dialect esp_v1 = model::Dialect::AsaIkev1Transform;
  model::Dialect esp_v2 = model::Dialect::AsaIkev2Proposal;
  model::Dialect pfs = model::Dialect::AsaPfs;
};

// Value ranges the device accepts (the ASA's command reference by default;
// dialect_limits() gives each dialect's).
struct DeviceLimits {
  uint64_t ike_lifetime_min = 120, ike_lifetime_max = 2147483647;
  uint64_t ipsec_seconds_min = 120, ipsec_seconds_max = 2147483647;
  uint64_t ipsec_kilobytes_min = 10, ipsec_kilobytes_max = 2147483647;
};

enum class Dialect { Asa, Ios, Rtx, Swanctl };

// How each dialect spells algorithms, and what values it accepts: ASA and IOS
// from Cisco's command references (IOS: IKEv2/isakmp lifetime 60-86400 s, SA
// lifetime 120-2592000 s and 2560-4294967295 KB), RTX from Yamaha's (`ipsec
// ike duration`: 300-691200 s, 100-100000 KB), swanctl.conf none (charon
// takes any time).
DialectSpelling dialect_spelling(Dialect d);
DeviceLimits dialect_limits(Dialect d);
const char* dialect_label(Dialect d);  // "ASA", "IOS", "RTX", "swanctl" (RuleInfo::applies_to)

struct ConfigSubject {
  std::string file;                      // display name
  Dialect dialect = Dialect::Asa;
  const text::SourceText* source = nullptr;
  const model::Intent* intent = nullptr;
  const asa::ParseResult* asa = nullptr;          // set when dialect == Asa
  const ios::ParseResult* ios = nullptr;          // set when dialect == Ios
  const rtx::ParseResult* rtx = nullptr;          // set when dialect == Rtx
  const swanctl::ParseResult* swanctl = nullptr;  // set when dialect == Swanctl
  const std::vector<UnknownLine>* unknown = nullptr;  // the reader's unknown lines (any dialect)
  DialectSpelling spelling;
  DeviceLimits limits;
};

}  // namespace ikeshift::validator
