// Internal to the IKEv2 engine: small conversions the exchange tasks share.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ikev2/proposal.h"
#include "model/intent.h"
#include "wire/bytes.h"
#include "wire/ikev2_message.h"

namespace ikeshift::engine::ikev2 {

// An IKE SPI as the 8 octets the wire and the key derivation use.
wire::Bytes spi64_bytes(uint64_t spi);
uint64_t spi64_value(const wire::Bytes& b);

// Proposals as "AES-CBC-256/SHA256/..." for the mismatch diagnostics.
std::vector<std::string> describe_all(const std::vector<Proposal>& ps);

// "fqdn fw.example.com", "address 192.0.2.2" for logs.
std::string describe(const model::IkeIdentity& id);

// A Diffie-Hellman group number as the two octets of INVALID_KE_PAYLOAD's data.
wire::Bytes group_octets(uint16_t group);

// TSi and TSr with one selector each, appended to `payloads`: the initiator
// sends (local, remote) of its ACL entry, the responder answers with the
// initiator's view, (remote, local) of its own.
void add_traffic_selectors(std::vector<wire::Payload>& payloads, const model::TrafficSelector& tsi,
                           const model::TrafficSelector& tsr);

// The crypto-ACL entry the peer's first TSi/TSr fall within. Their TSi is our
// remote side, their TSr our local side (the ACL mirrored); we answer with
// what they asked for (narrowing to a single entry, as the ASA does).
std::optional<model::SelectorPair> match_selectors(const model::Tunnel& tunnel, const wire::TsiPayload* tsi,
                                                   const wire::TsrPayload* tsr);

}  // namespace ikeshift::engine::ikev2
