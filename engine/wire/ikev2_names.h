// Names of IKEv2 protocol numbers, for logs and the `show` commands. These
// are the IANA registry names (ENCR_AES_CBC, NAT_DETECTION_SOURCE_IP); dialect
// spellings of algorithms (aes-256, sha256) live in the algorithm registry.
// Numbers without a name come back as "UNKNOWN(<n>)".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "wire/ikev2_message.h"
#include "wire/ikev2_types.h"

namespace ikeshift::wire {

std::string exchange_type_name(ExchangeType t);     // "IKE_SA_INIT"
std::string payload_type_name(PayloadType t);       // "SA", "IDi", "No", "N" (RFC notation)
std::string payload_type_long_name(PayloadType t);  // "Security Association"
std::string notify_type_name(NotifyType t);         // "NAT_DETECTION_SOURCE_IP"
std::string protocol_id_name(ProtocolId p);         // "IKE", "ESP"
std::string transform_type_name(TransformType t);   // "ENCR", "PRF", "INTEG", "DH", "ESN"
std::string transform_id_name(TransformType t, uint16_t id);  // "ENCR_AES_CBC", "MODP_2048"
std::string id_type_name(IdType t);                 // "ID_IPV4_ADDR"
std::string auth_method_name(AuthMethod m);         // "SHARED_KEY_MIC"
std::string ts_type_name(TsType t);                 // "TS_IPV4_ADDR_RANGE"

// Reverse look-up for configuration and tests ("COOKIE" -> NotifyType::Cookie).
std::optional<NotifyType> notify_type_from_name(std::string_view name);

// An identification as text: dotted IPv4, IPv6, the FQDN or e-mail address,
// hex for KEY_ID and anything binary.
std::string id_to_string(const Identification& id);

}  // namespace ikeshift::wire
