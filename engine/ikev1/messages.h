// Internal to the IKEv1 engine: payload pieces several exchanges build or
// read the same way - vendor IDs, NAT-D, identities and proxy IDs, the
// protected-message hashes of Quick Mode and Informational.
#pragma once

#include <optional>
#include <vector>

#include "ikev1/isakmp_sa.h"
#include "ikev1/peer_config.h"
#include "io/endpoint.h"
#include "wire/ikev1_codec.h"

namespace ikeshift::engine::ikev1 {

// The vendor IDs we send in the first phase 1 message of either side:
// RFC 3706 DPD always (we answer R-U-THERE), RFC 3947 and draft-02 NAT-T
// unless `crypto isakmp nat-traversal` is off for the tunnel.
std::vector<wire::ikev1::Payload> our_vendor_ids(const PeerConfig& peer);
// What the peer's vendor IDs say: DPD support, the NAT-T flavour (RFC 3947
// preferred over the drafts).
void read_vendor_ids(const std::vector<wire::ikev1::Payload>& payloads, const PeerConfig& peer, IsakmpSa& sa);

// NAT-D = hash(CKY-I | CKY-R | IP | port) with the phase 1 hash (RFC 3947 3.2).
wire::Bytes nat_d_hash(const IsakmpSa& sa, const io::Endpoint& e);
// Ours: the peer's address as we send to it first, then our own (a made-up
// one when forcing UDP encapsulation, so the peer sees a NAT).
std::vector<wire::ikev1::Payload> nat_d_payloads(const IsakmpSa& sa, bool force_encapsulation);
// Compares the peer's NAT-D payloads with where the datagram really came
// from and went to; sets local/remote_behind_nat. False when the peer sent
// none (no NAT-T).
bool detect_nat(IsakmpSa& sa, const std::vector<wire::ikev1::Payload>& payloads, const io::Datagram& d,
                bool force_encapsulation);

// Phase 1 identity: ID_IPV4_ADDR of our address (ASA `crypto isakmp identity
// auto` with PSK), protocol and port 0 (RFC 2407 4.6.2 allows 0/0 or 17/500).
wire::ikev1::IdPayload address_id(uint32_t address);
// The ID payload body as it enters HASH_I/HASH_R (type, protocol, port, data).
wire::Bytes id_body(const wire::ikev1::IdPayload& id);
std::optional<uint32_t> address_of(const wire::ikev1::IdPayload& id);

// Quick Mode proxy IDs (RFC 2407 4.6.2): ID_IPV4_ADDR for one host,
// ID_IPV4_ADDR_SUBNET for a prefix, ID_IPV4_ADDR_RANGE otherwise, with the
// protocol and a single port when the ACL entry names one.
wire::ikev1::IdPayload proxy_id(const model::TrafficSelector& ts);
std::optional<model::TrafficSelector> selector_of(const wire::ikev1::IdPayload& id);

// The bytes of `chain` after payload `index` up to the end of the last
// payload (padding excluded): what HASH(1)/HASH(2) cover.
crypto::ByteSpan after_payload(const crypto::SecureBytes& plaintext, const wire::ikev1::Chain& chain, size_t index);
crypto::ByteSpan after_payload(const wire::ikev1::EncodedChain& chain, size_t index);

// A chain whose first payload is HASH(1)/(2) over the rest: encodes `rest`
// behind a HASH payload of the PRF's size, then fills the hash in.
enum class HashKind { One, Two };
wire::ikev1::EncodedChain hashed_chain(const IsakmpSa& sa, uint32_t message_id, HashKind kind,
                                       const std::vector<wire::ikev1::Payload>& rest, crypto::ByteSpan ni_b = {});

// The position of the first payload of alternative T.
template <typename T>
std::optional<size_t> index_of(const std::vector<wire::ikev1::Payload>& payloads) {
  for (size_t i = 0; i < payloads.size(); ++i)
    if (std::holds_alternative<T>(payloads[i])) return i;
  return std::nullopt;
}
// A payload's body (generic header excluded) from the bytes its chain was
// decoded from; `base` is where the chain starts in them.
wire::Bytes payload_body(const wire::Bytes& bytes, size_t base, const wire::ikev1::PayloadSpan& span);

wire::Bytes spi_bytes(uint32_t spi);
uint32_t spi_value(const wire::Bytes& b);
wire::Bytes cookie_bytes(uint64_t cookie);

// a within b (addresses, protocol, ports).
bool selector_within(const model::TrafficSelector& a, const model::TrafficSelector& b);

}  // namespace ikeshift::engine::ikev1
