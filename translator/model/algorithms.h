// The algorithm registry: the single place that knows algorithm names and ids.
//
// Each algorithm appears once, with its IANA IKEv2 transform id, its IKEv1 ids,
// and its spelling in every dialect ikeshift reads or writes (ASA IKEv1 policy,
// ASA IKEv1 transform-set, ASA IKEv2 policy, ASA IKEv2 ipsec-proposal, ASA PFS,
// IOS, RTX, strongSwan). Translator, validator and engine all go through it; no
// other file spells an algorithm name.
//
// The table is constant data (no mutable global state).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ikeshift::model {

// IKEv2 transform types (RFC 7296 section 3.3.2).
enum class TransformType : uint8_t { Encryption = 1, Prf = 2, Integrity = 3, DhGroup = 4 };

// Where a name is spelled. The values index Algorithm::names.
enum class Dialect : uint8_t {
  AsaIkev1Policy,     // crypto ikev1 policy: encryption 3des / hash sha / group 5
  AsaIkev1Transform,  // crypto ipsec ikev1 transform-set: esp-3des / esp-sha-hmac
  AsaIkev2Policy,     // crypto ikev2 policy: encryption aes-256 / integrity sha256 / prf sha256 / group 14
  AsaIkev2Proposal,   // crypto ipsec ikev2 ipsec-proposal: protocol esp encryption aes-256 / integrity sha-256
  AsaPfs,             // crypto map set pfs group14
  IosIsakmp,          // crypto isakmp policy: encryption aes 256 / hash sha256 / group 14
  IosTransform,       // crypto ipsec transform-set: esp-aes 256 / esp-sha256-hmac
  IosIkev2,           // crypto ikev2 proposal: encryption aes-cbc-256 / integrity sha256 / group 14
  Rtx,                // Yamaha RTX: ipsec ike encryption aes256-cbc / hash sha256 / group modp2048
  Strongswan,         // swanctl.conf proposals: aes256 / sha256 / prfsha256 / modp2048
  WiresharkIke,       // Wireshark ikev2_decryption_table: "AES-CBC-256 [RFC3602]" / "HMAC_SHA2_256_128 [RFC4868]"
  WiresharkEsp,       // Wireshark esp_sa table: "AES-CBC [RFC3602]" / "HMAC-SHA-256-128 [RFC4868]"
  Count
};

// How strong an algorithm is today; the validator grades weak crypto with it.
enum class Strength : uint8_t {
  Broken,      // DES, NULL encryption, MD5, DH group 1 (RFC 8221/8247: MUST NOT)
  Weak,        // 3DES, AES-GMAC, SHA-1, DH groups 2 and 5, groups 22-24 (SHOULD NOT / phasing out)
  Acceptable,  // AES-CBC with SHA-2, DH 14
  Strong,      // AES-GCM, SHA-384/512, ECP groups, DH 15+
};

struct Algorithm {
  std::string_view id;  // neutral id, e.g. "aes-cbc-256", "hmac-sha1-96", "prf-hmac-sha1", "modp1536"
  TransformType type;
  uint16_t iana_id;     // IKEv2 transform id (ENCR_AES_CBC = 12, AUTH_HMAC_SHA1_96 = 2, 14 for modp2048 ...)
  uint16_t key_bits;    // Key Length attribute for encryption; 0 when the algorithm has a fixed key
  bool aead;            // AES-GCM: no separate integrity
  uint16_t icv_or_output_bytes;  // ICV length for AEAD/integrity (12 for SHA1-96), PRF output length
  uint16_t ikev1_phase1_id;  // IKEv1 Phase 1 attribute value (encryption 5 = 3DES, hash 2 = SHA, group 5); 0 none
  uint16_t ikev1_esp_id;     // IKEv1 ESP transform id (3 = ESP_3DES) or auth algorithm (2 = HMAC-SHA); 0 none
  // Spelling per Dialect (index = static_cast<size_t>(Dialect)). Alternatives are
  // separated by '|', the first is the one writers use; "" = the dialect cannot
  // express this algorithm.
  std::string_view names[static_cast<size_t>(Dialect::Count)];
  Strength strength;
  std::string_view replacement;  // neutral id of the modern replacement ("" when none is needed)
  std::string_view weakness = "";  // why a Broken or Weak algorithm is graded so (for findings)
};

// Every algorithm ikeshift knows, in a stable order (registry order is the
// preference order used when a writer has to choose).
const std::vector<Algorithm>& all_algorithms();

// Case-insensitive look-up of a name as a dialect spells it (any alternative).
const Algorithm* find_algorithm(TransformType type, Dialect dialect, std::string_view name);
// Any transform type (for transform-set words, where esp-3des and esp-sha-hmac mix).
const Algorithm* find_algorithm_any(Dialect dialect, std::string_view name);
const Algorithm* find_algorithm_by_id(std::string_view id);
const Algorithm* find_algorithm_by_iana(TransformType type, uint16_t iana_id, uint16_t key_bits = 0);

// The writer's spelling in a dialect ("" when the dialect cannot express it).
std::string_view algorithm_name(const Algorithm& a, Dialect d);
// Every accepted spelling in a dialect, for "expected one of ..." messages.
std::vector<std::string> names_in_dialect(TransformType type, Dialect d);

const char* transform_type_name(TransformType t);
const char* strength_name(Strength s);

}  // namespace ikeshift::model
