// Names of IKEv1 protocol numbers for logs, `show` and tests. Payloads use
// strongSwan's short notation ("SA", "ID", "No", "N", "D", "V", "NAT-D") so a
// payload list reads like charon's "[ KE No NAT-D NAT-D ]"; notify types the
// underscore spelling both strongSwan and the IKEv2 names here use
// ("INITIAL_CONTACT", "R_U_THERE"). Unknown numbers read "UNKNOWN(<n>)".
#pragma once

#include <string>
#include <vector>

#include "wire/ikev1_message.h"

namespace ikeshift::wire::ikev1 {

std::string exchange_type_name(ExchangeType t);  // "MAIN_MODE", "QUICK_MODE"
std::string payload_type_name(PayloadType t);    // "SA", "No", "NAT-D"
std::string payload_type_long_name(PayloadType t);
std::string notify_type_name(NotifyType t);      // "NO_PROPOSAL_CHOSEN"
std::string id_type_name(IdType t);              // "ID_IPV4_ADDR_SUBNET"
std::string protocol_name(ProtocolId p);         // "ISAKMP", "ESP"

// An ID payload's data as text: "192.0.2.1", "10.10.10.0/255.255.255.0",
// "10.0.0.1-10.0.0.9", the FQDN, or hex for anything binary.
std::string id_to_string(const IdPayload& id);

// "[ HASH SA No ID ID ]", "[ ID HASH N(INITIAL_CONTACT) ]".
std::string summarize_payloads(const std::vector<Payload>& payloads);

}  // namespace ikeshift::wire::ikev1
