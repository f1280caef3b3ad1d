// One-line descriptions of messages for logs, in the shape strongSwan and
// the ASA debug output use, e.g.
//   IKE_SA_INIT request 0 [ SA KE No N(NAT_DETECTION_SOURCE_IP) ]
#pragma once

#include <string>
#include <vector>

#include "wire/ikev2_message.h"

namespace ikeshift::wire {

std::string summarize(const Message& message);
// "[ IDi AUTH SA TSi TSr N(INITIAL_CONTACT) ]" (for a decrypted SK chain).
std::string summarize_payloads(const std::vector<Payload>& payloads);
// "ENCR_AES_CBC/256 AUTH_HMAC_SHA2_256_128 PRF_HMAC_SHA2_256 MODP_2048"
std::string summarize_proposal(const Proposal& proposal);

}  // namespace ikeshift::wire
