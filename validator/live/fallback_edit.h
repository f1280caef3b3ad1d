// --scenario fallback's edit of the first configuration (an ASA's).
#pragma once

#include <string>

#include "model/intent.h"

namespace ikeshift::live {

// The configuration text for the fallback round: every line that gives a
// crypto map entry its IKEv2 ipsec-proposal removed (the lines the intent's
// esp_v2 spans point at), as seed 004 does with
// `no crypto map vpn 12 set ikev2 ipsec-proposal GOSET`; every other line is
// kept byte for byte.
std::string without_ikev2_proposals(const std::string& text, const model::Intent& intent);

}  // namespace ikeshift::live
