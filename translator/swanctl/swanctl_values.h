// swanctl.conf values: times (`4h`, `28800s`, `90m`, `1d`), byte counts,
// traffic selectors (`10.0.0.0/24`, `10.0.0.1-10.0.0.9`, `dynamic`,
// `10.0.0.0/8[tcp/80]`) and algorithm proposals (`aes256-sha256-modp2048`)
// through the registry's strongSwan spellings. Each parser says why it
// refused a value, so the caller can report it at the value's span.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/algorithms.h"
#include "model/intent.h"

namespace ikeshift::swanctl {

// Seconds; a bare number is seconds (swanctl.conf(5) TIME FORMATS).
std::optional<uint64_t> parse_time(std::string_view text);
std::optional<uint64_t> parse_number(std::string_view text);  // decimal or 0x hex

// One traffic selector. `dynamic` is the tunnel's own (local_ts) or the
// peer's (remote_ts) address, passed as `dynamic_address`.
std::optional<model::TrafficSelector> parse_ts(std::string_view text, std::optional<uint32_t> dynamic_address,
                                               std::string& why);

// One proposal: its algorithms by transform type, in the written order.
struct ParsedProposal {
  std::vector<const model::Algorithm*> encryption, integrity, prf, dh_groups;
  std::vector<model::AlgorithmSource> sources;
  bool esn_only = false;  // `esn`/`noesn` words seen (accepted, not modelled)
};
// `ike`: an IKE proposal (PRF allowed, derived from integrity when absent,
// as charon does). `span` is the proposal's span in the file; the sources get
// each word's span inside it.
std::optional<ParsedProposal> parse_proposal(std::string_view text, bool ike, const text::SourceSpan& span,
                                             std::string& why);

// The PRF charon uses for an IKE proposal without one: the HMAC of the
// integrity algorithm (`sha256` -> `prfsha256`); nullptr when there is none.
const model::Algorithm* prf_for_integrity(const model::Algorithm& integrity);

// A secret as written: `0x...` hex, `0s...` base64, else the text itself.
std::optional<std::string> decode_secret(const std::string& text, std::string& why);

}  // namespace ikeshift::swanctl
