// Equality of two intents by what they mean, not how a dialect spelt them:
// spans, the dialect's names (crypto map name and sequence, ACL, proposal and
// transform-set names, tunnel-group, interface name), policy priorities (only
// their order counts) and route- vs policy-based are ignored; everything a
// peer or the engine would notice is compared. Used by the round-trip tests
// (ASA -> IOS -> ASA, ASA -> RTX -> ASA) and by `translate` to say what a
// translation could not carry over.
#pragma once

#include <string>
#include <vector>

#include "model/intent.h"

namespace ikeshift::model {

struct IntentDifference {
  std::string tunnel;  // "tunnel 1 (to 192.0.2.2)" or "" for the intent as a whole
  std::string field;   // "dpd.retry_seconds", "ikev2_proposals[0].dh_groups", ...
  std::string a, b;    // the two values as text (keys are never shown: "<key 1>" / "<key 2>")
};

// Tunnels are paired by position. An empty result means equal.
std::vector<IntentDifference> compare_intents(const Intent& a, const Intent& b);
std::string describe(const IntentDifference& d);

}  // namespace ikeshift::model
