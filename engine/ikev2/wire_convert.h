// Conversions between the engine's view (proposals, selectors, IDs) and the
// wire codec's payload structs, plus the NAT detection hash (RFC 7296 2.23).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crypto/crypto_context.h"
#include "ikev2/proposal.h"
#include "io/endpoint.h"
#include "model/intent.h"
#include "wire/ikev2_message.h"

namespace ikeshift::engine::ikev2 {

wire::SaPayload to_wire(const std::vector<Proposal>& proposals);
std::vector<Proposal> from_wire(const wire::SaPayload& sa);

wire::TrafficSelector to_wire(const model::TrafficSelector& ts);
// nullopt for selectors the engine does not handle (IPv6, unknown types).
std::optional<model::TrafficSelector> from_wire(const wire::TrafficSelector& ts);

// The ID payload body for an IPv4 address ID (ASA `crypto isakmp identity
// auto` with PSK sends ID_IPV4_ADDR), and the body the AUTH computation
// signs: ID type, three reserved octets, data.
wire::Identification ipv4_id(uint32_t address);
wire::Bytes id_body(const wire::Identification& id);

// The ID an identity from the intent puts on the wire: ID_IPV4_ADDR (an empty
// value means `address`), ID_FQDN or ID_KEY_ID.
wire::Identification identification_of(const model::IkeIdentity& identity, uint32_t address);

// Whether a received ID is `expected` (FQDNs compare case-insensitively, as
// DNS names do; key-ids exactly). An empty Address value means `address`.
bool identification_matches(const wire::Identification& received, const model::IkeIdentity& expected,
                            uint32_t address);

// A received ID as text for logs and show: "192.0.2.2", "fw.example.com", or
// "ID type 9 (42 bytes)" for types the engine does not interpret. May hold
// peer-chosen bytes: sinks make it printable.
std::string identification_text(const wire::Identification& id);

// SHA-1(SPIi | SPIr | IP | port) for NAT_DETECTION_SOURCE/DESTINATION_IP.
wire::Bytes nat_detection_hash(const crypto::CryptoContext& ctx, uint64_t spi_i, uint64_t spi_r,
                               const io::Endpoint& endpoint);

// a ⊆ b: every address, protocol and port of a is in b.
bool selector_within(const model::TrafficSelector& a, const model::TrafficSelector& b);

wire::Bytes spi_bytes(uint32_t spi);
std::optional<uint32_t> spi_value(const wire::Bytes& b);

}  // namespace ikeshift::engine::ikev2
