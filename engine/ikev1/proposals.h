// IKEv1 proposals (RFC 2409 5 and App. A, RFC 2407 4.4-4.5): what a
// configuration offers in phase 1 (one transform per `crypto ikev1 policy`)
// and phase 2 (one proposal per transform-set), how a responder chooses the
// way the ASA does, and how an initiator checks the answer.
//
// Suites name their algorithms by registry entry (model/algorithms.h): the
// IKEv1 attribute numbers are the registry's ikev1_phase1_id / ikev1_esp_id
// columns, and the IKEv2 ids the crypto layer and data plane use come from
// the same entries, so nothing here repeats a number table.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dataplane/child_sa.h"
#include "model/intent.h"
#include "wire/ikev1_message.h"

namespace ikeshift::engine::ikev1 {

// One phase 1 suite: what one ISAKMP transform carries.
struct Phase1Suite {
  const model::Algorithm* encryption = nullptr;  // 3des, aes-cbc-256 ...
  const model::Algorithm* hash = nullptr;        // the IKEv1 hash as integrity entry (sha = hmac-sha1-96)
  const model::Algorithm* prf = nullptr;         // the same hash as PRF entry (prf-hmac-sha1)
  const model::Algorithm* group = nullptr;
  uint64_t lifetime_seconds = 0;  // 0 = none
  int priority = 0;               // the policy's; 0 when it came off the wire

  bool same_algorithms(const Phase1Suite& o) const {
    return encryption == o.encryption && hash == o.hash && group == o.group;
  }
  // "3DES/SHA/DH5/86400s" style, for logs (registry names, ASA IKEv1 spelling).
  std::string describe() const;
};

// One phase 2 suite: what one ESP transform carries.
struct Phase2Suite {
  std::string transform_set;                     // the transform-set it came from ("" off the wire)
  const model::Algorithm* encryption = nullptr;  // esp-3des, esp-aes-256 ...
  const model::Algorithm* integrity = nullptr;   // esp-sha-hmac ...; nullptr for AEAD
  const model::Algorithm* pfs_group = nullptr;   // nullptr = no PFS
  bool transport = false;                        // transform-set `mode transport`
  uint64_t lifetime_seconds = 0;                 // 0 = none
  uint64_t lifetime_kilobytes = 0;

  bool same_algorithms(const Phase2Suite& o) const {
    return encryption == o.encryption && integrity == o.integrity && pfs_group == o.pfs_group &&
           transport == o.transport;
  }
  // "esp-3des esp-sha-hmac PFS group5" style.
  std::string describe() const;
};

std::vector<Phase1Suite> phase1_offers(const model::Tunnel& tunnel);
std::vector<Phase2Suite> phase2_offers(const model::Tunnel& tunnel);

// NAT-T changes the encapsulation mode numbers (RFC 3947 / the drafts).
enum class NatTMode { None, Rfc3947, Draft };

// --- phase 1 -----------------------------------------------------------------

// The SA payload of Main Mode 1 / Aggressive Mode 1: one ISAKMP proposal,
// one KEY_IKE transform per suite, PSK authentication.
wire::ikev1::SaPayload phase1_sa(const std::vector<Phase1Suite>& offers);

// A received ISAKMP transform as a suite; nullopt (with `why`) when it names
// something this build does not do (another auth method, an unknown cipher).
std::optional<Phase1Suite> phase1_suite_of(const wire::ikev1::Transform& t, std::string& why);

struct Phase1Choice {
  Phase1Suite suite;             // lifetime = the one in force (the shorter)
  wire::ikev1::SaPayload answer;  // the responder's SA payload: the chosen transform
};

// Responder: the ASA compares its policies in priority order against every
// transform the peer offered and takes the first match; lifetimes do not
// have to match, the shorter one applies (and is what the answer carries).
// `received` collects descriptions of what was offered, for the mismatch log.
std::optional<Phase1Choice> choose_phase1(const wire::ikev1::SaPayload& offered, const std::vector<Phase1Suite>& ours,
                                          std::vector<std::string>& received);

// Initiator: the answer must be one transform we offered; a shorter lifetime
// in it is adopted.
std::optional<Phase1Suite> accept_phase1(const wire::ikev1::SaPayload& answer, const std::vector<Phase1Suite>& offered);

// --- phase 2 -----------------------------------------------------------------

// One ESP proposal per suite (numbered 1..n), each with one transform and
// `spi` (our inbound SPI).
wire::ikev1::SaPayload phase2_sa(const std::vector<Phase2Suite>& offers, uint32_t spi, NatTMode nat);

std::optional<Phase2Suite> phase2_suite_of(const wire::ikev1::Transform& t, NatTMode& nat_seen, std::string& why);

struct Phase2Choice {
  Phase2Suite suite;  // lifetimes = the ones in force
  uint32_t peer_spi = 0;
  wire::ikev1::SaPayload answer;  // with `our_spi` set by the caller (answer_with_spi)
};

std::optional<Phase2Choice> choose_phase2(const wire::ikev1::SaPayload& offered, const std::vector<Phase2Suite>& ours,
                                          std::vector<std::string>& received);
// Sets the SPI of the answer's proposal.
void answer_with_spi(wire::ikev1::SaPayload& answer, uint32_t spi);

std::optional<Phase2Choice> accept_phase2(const wire::ikev1::SaPayload& answer, const std::vector<Phase2Suite>& offered);

// An agreed ESP suite as the data plane's (IKEv2 IANA) transform.
dataplane::EspTransform esp_transform_of(const Phase2Suite& s);

std::vector<std::string> describe_all(const std::vector<Phase1Suite>& suites);
std::vector<std::string> describe_all(const std::vector<Phase2Suite>& suites);

}  // namespace ikeshift::engine::ikev1
