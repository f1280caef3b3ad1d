// IKEv2 proposals (RFC 7296 sections 2.7 and 3.3): what a configuration
// offers, and which offer a responder accepts.
//
// The types here are the engine's view of an SA payload's proposals, with
// transforms as IANA ids; the wire codec converts to and from the payload.
// Offers come from the intent model (translator/model/intent.h) -- an ASA
// `crypto ikev2 policy` or `ipsec-proposal` lists alternatives per transform
// type, which is exactly one IKEv2 proposal with several transforms per type.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dataplane/child_sa.h"
#include "model/intent.h"

namespace ikeshift::engine::ikev2 {

enum class Protocol : uint8_t { Ike = 1, Ah = 2, Esp = 3 };

// IANA transform type numbers (RFC 7296 3.3.2).
enum class TransformKind : uint8_t { Encryption = 1, Prf = 2, Integrity = 3, DhGroup = 4, Esn = 5 };

struct Transform {
  TransformKind kind = TransformKind::Encryption;
  uint16_t id = 0;
  uint16_t key_bits = 0;  // Key Length attribute; 0 when the transform has none
  bool operator==(const Transform& o) const {
    return kind == o.kind && id == o.id && key_bits == o.key_bits;
  }
};

struct Proposal {
  uint8_t number = 1;
  Protocol protocol = Protocol::Ike;
  std::vector<uint8_t> spi;  // empty in IKE_SA_INIT; 4 bytes for ESP
  std::vector<Transform> transforms;  // alternatives per kind, in preference order
};

// What was agreed: exactly one transform of each kind the proposal carries.
struct Selection {
  uint8_t number = 1;
  Protocol protocol = Protocol::Ike;
  std::vector<uint8_t> spi;
  std::optional<Transform> encryption, prf, integrity, dh_group, esn;

  bool aead() const;
  // As a one-transform-per-kind proposal, for the responder's SA payload.
  Proposal as_proposal() const;
  // "AES-CBC-256/HMAC-SHA2-256-128/PRF-HMAC-SHA2-256/MODP2048" style, for logs.
  std::string describe() const;
};

// The IKE SA offers of a tunnel: one proposal per `crypto ikev2 policy`, in
// priority order (numbered 1..n).
std::vector<Proposal> ike_offers(const model::Tunnel& tunnel);

// The CHILD SA offers: one per ipsec-proposal, with the PFS group when
// `with_pfs_group` (CREATE_CHILD_SA with PFS; IKE_AUTH never carries KE) and
// ESN "none", and `spi` as the SPI of every proposal.
std::vector<Proposal> esp_offers(const model::Tunnel& tunnel, bool with_pfs_group,
                                 const std::vector<uint8_t>& spi);

// Responder side: the first received proposal (in the peer's order) that one
// of `ours` can accept, with the peer's preferred transform of each kind that
// ours also lists. A proposal is acceptable when it has the same protocol,
// every kind ours requires (encryption; integrity unless AEAD; PRF and DH for
// IKE; DH for ESP when ours has a group; ESN) has a common transform, and it
// carries no kind ours does not know. nullopt = NO_PROPOSAL_CHOSEN.
std::optional<Selection> select_proposal(const std::vector<Proposal>& received,
                                         const std::vector<Proposal>& ours);

// Initiator side: checks the responder's one-proposal answer against what was
// offered (it must be a subset of one offer). nullopt = the answer is invalid.
std::optional<Selection> accept_answer(const Proposal& answer, const std::vector<Proposal>& offered);

// IKE_AUTH carries no KE, so the CHILD SA proposals there are compared without
// their DH transforms (RFC 7296 1.2; strongSwan sends its PFS groups anyway).
std::vector<Proposal> without_dh(std::vector<Proposal> proposals);

// For INVALID_KE_PAYLOAD handling: the DH groups an offer list allows.
std::vector<uint16_t> dh_groups_of(const std::vector<Proposal>& offers);

std::string transform_name(const Transform& t);

// An agreed ESP selection as the data plane's transform.
dataplane::EspTransform esp_transform_of(const Selection& s);

}  // namespace ikeshift::engine::ikev2
