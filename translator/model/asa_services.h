// ASA protocol and port keywords as numbers, for turning crypto-ACL lines into
// traffic selectors. Only keywords with one fixed number are listed: a name
// the table lacks is reported by the caller, never guessed.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace ikeshift::model {

// `ip` = 0 (any), `tcp` = 6, `udp` = 17, ... or a decimal number 0-255. Case-insensitive.
std::optional<uint8_t> asa_protocol_number(std::string_view word);
// `www` = 80, `https` = 443, ... or a decimal number 0-65535. Case-insensitive.
std::optional<uint16_t> asa_port_number(std::string_view word);
// Protocols whose selectors carry ports (TCP, UDP, SCTP).
bool protocol_has_ports(uint8_t protocol);

}  // namespace ikeshift::model
