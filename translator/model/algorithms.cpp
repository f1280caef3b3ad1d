// The algorithm registry table and its look-ups.
//
// Column order of `names` follows the Dialect enum:
//   AsaIkev1Policy, AsaIkev1Transform, AsaIkev2Policy, AsaIkev2Proposal, AsaPfs,
//   IosIsakmp, IosTransform, IosIkev2, Rtx, Strongswan, WiresharkIke, WiresharkEsp
//
// Conventions that are not obvious from the header:
// - An IKEv1 `hash` (ASA/IOS isakmp policy, RTX `ipsec ike hash`) selects both the
//   integrity and the PRF algorithm, so the same word is on both entries.
// - RTX has one keyword space for IKE and ESP: the integrity entries list the ESP
//   spelling (`sha256-hmac`) first and the IKE hash second; the PRF entries carry
//   the IKE hash, which is what an RTX writer puts on `ipsec ike hash`.
// - For DH groups the IosTransform column holds IOS's `set pfs groupN` spelling,
//   since a transform-set has no group of its own and PFS lives next to it.
// - DH groups use the same number in IKEv1 (phase 1 Group Description and the
//   phase 2 PFS attribute) as in IKEv2, so ikev1_phase1_id and ikev1_esp_id both
//   hold the group number when IKEv1 defines the group.
// - Spellings left "" are either impossible in the dialect or not confirmed for
//   it; a writer reports them instead of guessing.
#include "model/algorithms.h"

#include <cctype>
#include <iterator>

#include "common/text_case.h"

namespace ikeshift::model {

namespace {

using T = TransformType;
using S = Strength;

// Registry order is the preference order writers use: strongest first per type.
// constexpr, so it is built at compile time and no static-initialisation order applies.
constexpr Algorithm kAlgorithms[] = {
    // ---- Encryption (RFC 7296 3.3.2 / IANA "Transform Type 1") ----
    // AES-GCM with a 16-octet ICV (RFC 4106 / RFC 5282). IKEv1 phase 1 has no GCM.
    {"aes-gcm-256", T::Encryption, 20, 256, true, 16, 0, 20,
     {"", "", "aes-gcm-256", "aes-gcm-256", "", "", "esp-gcm 256", "aes-gcm-256", "",
      "aes256gcm16|aes256gcm", "AES-GCM-256 with 16 octet ICV [RFC5282]", "AES-GCM with 16 octet ICV [RFC4106]"},
     S::Strong, ""},
    {"aes-gcm-192", T::Encryption, 20, 192, true, 16, 0, 20,
     {"", "", "aes-gcm-192", "aes-gcm-192", "", "", "esp-gcm 192", "", "",
      "aes192gcm16|aes192gcm", "AES-GCM-192 with 16 octet ICV [RFC5282]", "AES-GCM with 16 octet ICV [RFC4106]"},
     S::Strong, ""},
    {"aes-gcm-128", T::Encryption, 20, 128, true, 16, 0, 20,
     {"", "", "aes-gcm", "aes-gcm", "", "", "esp-gcm|esp-gcm 128", "aes-gcm-128", "",
      "aes128gcm16|aes128gcm", "AES-GCM-128 with 16 octet ICV [RFC5282]", "AES-GCM with 16 octet ICV [RFC4106]"},
     S::Strong, ""},
    {"aes-cbc-256", T::Encryption, 12, 256, false, 0, 7, 12,
     {"aes-256", "esp-aes-256", "aes-256", "aes-256", "", "aes 256", "esp-aes 256", "aes-cbc-256",
      "aes256-cbc", "aes256", "AES-CBC-256 [RFC3602]", "AES-CBC [RFC3602]"},
     S::Acceptable, ""},
    {"aes-cbc-192", T::Encryption, 12, 192, false, 0, 7, 12,
     {"aes-192", "esp-aes-192", "aes-192", "aes-192", "", "aes 192", "esp-aes 192", "aes-cbc-192",
      "", "aes192", "AES-CBC-192 [RFC3602]", "AES-CBC [RFC3602]"},
     S::Acceptable, ""},
    {"aes-cbc-128", T::Encryption, 12, 128, false, 0, 7, 12,
     {"aes", "esp-aes", "aes", "aes", "", "aes|aes 128", "esp-aes|esp-aes 128", "aes-cbc-128",
      "aes-cbc", "aes128|aes", "AES-CBC-128 [RFC3602]", "AES-CBC [RFC3602]"},
     S::Acceptable, ""},
    // AES-GMAC (RFC 4543): authenticates but does not encrypt, hence Weak for a
    // VPN whose purpose is confidentiality. IKEv1 ESP id 23, IKEv2 id 21.
    {"aes-gmac-256", T::Encryption, 21, 256, true, 16, 0, 23,
     {"", "", "", "aes-gmac-256", "", "", "esp-gmac 256", "", "", "aes256gmac", "", ""},
     S::Weak, "aes-gcm-256",
     "AES-GMAC authenticates but does not encrypt"},
    {"aes-gmac-192", T::Encryption, 21, 192, true, 16, 0, 23,
     {"", "", "", "aes-gmac-192", "", "", "esp-gmac 192", "", "", "aes192gmac", "", ""},
     S::Weak, "aes-gcm-192",
     "AES-GMAC authenticates but does not encrypt"},
    {"aes-gmac-128", T::Encryption, 21, 128, true, 16, 0, 23,
     {"", "", "", "aes-gmac", "", "", "esp-gmac|esp-gmac 128", "", "", "aes128gmac", "", ""},
     S::Weak, "aes-gcm-128",
     "AES-GMAC authenticates but does not encrypt"},
    {"3des", T::Encryption, 3, 0, false, 0, 5, 3,
     {"3des", "esp-3des", "3des", "3des", "", "3des", "esp-3des", "3des", "3des-cbc", "3des", "3DES [RFC2451]", "TripleDES-CBC [RFC2451]"},
     S::Weak, "aes-cbc-256",
     "its 64-bit block leaks plaintext after a few GB under one key (Sweet32); RFC 8221 says SHOULD NOT"},
    {"des", T::Encryption, 2, 0, false, 0, 1, 2,
     {"des", "esp-des", "des", "des", "", "des", "esp-des", "des", "des-cbc", "des", "", "DES-CBC [RFC2405]"},
     S::Broken, "aes-cbc-256",
     "its 56-bit key is brute-forced in hours; RFC 8221 and RFC 8247 say MUST NOT"},
    // ESP_NULL (RFC 2410): no confidentiality at all.
    {"null", T::Encryption, 11, 0, false, 0, 0, 11,
     {"", "esp-null", "null", "null", "", "", "esp-null", "", "", "null", "NULL [RFC2410]", "NULL"},
     S::Broken, "aes-gcm-256",
     "no encryption at all: the traffic crosses the network in clear"},

    // ---- Integrity (Transform Type 3); ICV bytes in icv_or_output_bytes ----
    // IKEv1 phase 1 "hash" ids per RFC 2409 App. A / RFC 4868; ESP auth ids per RFC 2407 / 4868.
    {"hmac-sha2-512-256", T::Integrity, 14, 0, false, 32, 6, 7,
     {"sha512", "esp-sha512-hmac", "sha512", "sha-512", "", "sha512", "esp-sha512-hmac", "sha512",
      "", "sha512", "HMAC_SHA2_512_256 [RFC4868]", "HMAC-SHA-512-256 [RFC4868]"},
     S::Strong, ""},
    {"hmac-sha2-384-192", T::Integrity, 13, 0, false, 24, 5, 6,
     {"sha384", "esp-sha384-hmac", "sha384", "sha-384", "", "sha384", "esp-sha384-hmac", "sha384",
      "", "sha384", "HMAC_SHA2_384_192 [RFC4868]", "HMAC-SHA-384-192 [RFC4868]"},
     S::Strong, ""},
    {"hmac-sha2-256-128", T::Integrity, 12, 0, false, 16, 4, 5,
     {"sha256", "esp-sha256-hmac", "sha256", "sha-256", "", "sha256", "esp-sha256-hmac", "sha256",
      "sha256-hmac|sha256", "sha256", "HMAC_SHA2_256_128 [RFC4868]", "HMAC-SHA-256-128 [RFC4868]"},
     S::Acceptable, ""},
    {"hmac-sha1-96", T::Integrity, 2, 0, false, 12, 2, 2,
     {"sha", "esp-sha-hmac", "sha", "sha-1", "", "sha", "esp-sha-hmac", "sha1", "sha-hmac|sha",
      "sha1|sha", "HMAC_SHA1_96 [RFC2404]", "HMAC-SHA-1-96 [RFC2404]"},
     S::Weak, "hmac-sha2-256-128",
     "SHA-1 is on its way out (RFC 8221 and RFC 8247 grade it MUST-, to be phased out)"},
    {"hmac-md5-96", T::Integrity, 1, 0, false, 12, 1, 1,
     {"md5", "esp-md5-hmac", "md5", "md5", "", "md5", "esp-md5-hmac", "md5", "md5-hmac|md5", "md5", "HMAC_MD5_96 [RFC2403]", "HMAC-MD5-96 [RFC2403]"},
     S::Broken, "hmac-sha2-256-128",
     "MD5 is broken; RFC 8221 and RFC 8247 say MUST NOT"},
    // AUTH_NONE: correct with an AEAD cipher, no integrity at all otherwise. The
    // pairing decides, so the validator grades the combination, not this entry.
    {"none", T::Integrity, 0, 0, false, 0, 0, 0,
     {"", "esp-none", "null", "null", "", "", "", "", "", "", "NONE [RFC4306]", "NULL"},
     S::Acceptable, ""},

    // ---- PRF (Transform Type 2); output bytes in icv_or_output_bytes ----
    {"prf-hmac-sha2-512", T::Prf, 7, 0, false, 64, 6, 0,
     {"sha512", "", "sha512", "", "", "sha512", "", "sha512", "", "prfsha512", "", ""},
     S::Strong, ""},
    {"prf-hmac-sha2-384", T::Prf, 6, 0, false, 48, 5, 0,
     {"sha384", "", "sha384", "", "", "sha384", "", "sha384", "", "prfsha384", "", ""},
     S::Strong, ""},
    {"prf-hmac-sha2-256", T::Prf, 5, 0, false, 32, 4, 0,
     {"sha256", "", "sha256", "", "", "sha256", "", "sha256", "sha256", "prfsha256", "", ""},
     S::Acceptable, ""},
    {"prf-hmac-sha1", T::Prf, 2, 0, false, 20, 2, 0,
     {"sha", "", "sha", "", "", "sha", "", "sha1", "sha", "prfsha1", "", ""},
     S::Weak, "prf-hmac-sha2-256",
     "SHA-1 is on its way out (RFC 8247 grades PRF_HMAC_SHA1 MUST-, to be phased out)"},
    {"prf-hmac-md5", T::Prf, 1, 0, false, 16, 1, 0,
     {"md5", "", "md5", "", "", "md5", "", "md5", "md5", "prfmd5", "", ""},
     S::Broken, "prf-hmac-sha2-256",
     "MD5 is broken; RFC 8247 says MUST NOT"},

    // ---- Diffie-Hellman groups (Transform Type 4) ----
    // modp2048 is the replacement for weak groups: every dialect here can express it.
    {"ecp384", T::DhGroup, 20, 0, false, 0, 20, 20,
     {"20", "", "20", "", "group20", "20", "group20", "20", "", "ecp384", "", ""},
     S::Strong, ""},
    {"ecp256", T::DhGroup, 19, 0, false, 0, 19, 19,
     {"19", "", "19", "", "group19", "19", "group19", "19", "", "ecp256", "", ""},
     S::Strong, ""},
    {"ecp521", T::DhGroup, 21, 0, false, 0, 21, 21,
     {"21", "", "21", "", "group21", "21", "group21", "21", "", "ecp521", "", ""},
     S::Strong, ""},
    // RFC 8031: IKEv2 only. Recent ASA releases accept group 31 in ikev2 policies.
    {"curve25519", T::DhGroup, 31, 0, false, 0, 0, 0,
     {"", "", "31", "", "", "", "", "", "", "curve25519|x25519", "", ""},
     S::Strong, ""},
    {"modp4096", T::DhGroup, 16, 0, false, 0, 16, 16,
     {"16", "", "16", "", "group16", "16", "group16", "16", "", "modp4096", "", ""},
     S::Strong, ""},
    {"modp3072", T::DhGroup, 15, 0, false, 0, 15, 15,
     {"15", "", "15", "", "group15", "15", "group15", "15", "", "modp3072", "", ""},
     S::Strong, ""},
    {"modp2048", T::DhGroup, 14, 0, false, 0, 14, 14,
     {"14", "", "14", "", "group14", "14", "group14", "14", "modp2048", "modp2048", "", ""},
     S::Acceptable, ""},
    // RFC 5114 groups: suspect parameters with small subgroups; Cisco deprecates 24.
    {"modp2048s256", T::DhGroup, 24, 0, false, 0, 24, 24,
     {"24", "", "24", "", "group24", "24", "group24", "24", "", "modp2048s256", "", ""},
     S::Weak, "modp2048",
     "an RFC 5114 group with suspect parameters; RFC 8247 says SHOULD NOT"},
    {"modp2048s224", T::DhGroup, 23, 0, false, 0, 23, 23,
     {"", "", "", "", "", "", "", "", "", "modp2048s224", "", ""},
     S::Weak, "modp2048",
     "an RFC 5114 group with suspect parameters; RFC 8247 says SHOULD NOT"},
    {"modp1024s160", T::DhGroup, 22, 0, false, 0, 22, 22,
     {"", "", "", "", "", "", "", "", "", "modp1024s160", "", ""},
     S::Weak, "modp2048",
     "an RFC 5114 group with a 1024-bit modulus; RFC 8247 says SHOULD NOT"},
    {"modp1536", T::DhGroup, 5, 0, false, 0, 5, 5,
     {"5", "", "5", "", "group5", "5", "group5", "5", "modp1536", "modp1536", "", ""},
     S::Weak, "modp2048",
     "a 1536-bit modulus is below the 2048-bit minimum of today; RFC 8247 says SHOULD NOT"},
    // Weak, not Broken: RFC 8247 grades group 2 SHOULD NOT, like group 5 (group 1 is
    // MUST NOT). It is the ASA's IKEv1 default, so nearly every legacy config has it.
    {"modp1024", T::DhGroup, 2, 0, false, 0, 2, 2,
     {"2", "", "2", "", "group2", "2", "group2", "2", "modp1024", "modp1024", "", ""},
     S::Weak, "modp2048",
     "a 1024-bit modulus is within reach of precomputation attacks (Logjam); RFC 8247 says SHOULD NOT"},
    {"modp768", T::DhGroup, 1, 0, false, 0, 1, 1,
     {"1", "", "1", "", "group1", "1", "group1", "1", "modp768", "modp768", "", ""},
     S::Broken, "modp2048",
     "a 768-bit modulus was factored publicly in 2016; RFC 8247 says MUST NOT"},
};

bool is_space(char c) { return c == ' ' || c == '\t'; }

// Compares a registry spelling with a name from a config: case-insensitive, and
// any run of blanks in `input` counts as one space ("aes  256" == "aes 256"),
// because IOS splits some names into two tokens and readers may join them loosely.
bool same_name(std::string_view spelling, std::string_view input) {
  while (!input.empty() && is_space(input.front())) input.remove_prefix(1);
  while (!input.empty() && is_space(input.back())) input.remove_suffix(1);
  size_t i = 0;
  size_t j = 0;
  while (i < spelling.size() && j < input.size()) {
    if (is_space(input[j])) {
      if (spelling[i] != ' ') return false;
      while (j < input.size() && is_space(input[j])) ++j;
      ++i;
      continue;
    }
    if (lower_ascii(spelling[i]) != lower_ascii(input[j])) return false;
    ++i;
    ++j;
  }
  return i == spelling.size() && j == input.size();
}

// Calls f(alternative) for each '|'-separated spelling; stops when f returns true.
template <typename F>
bool any_alternative(std::string_view names, F f) {
  while (!names.empty()) {
    const size_t bar = names.find('|');
    const std::string_view alt = names.substr(0, bar);
    if (!alt.empty() && f(alt)) return true;
    if (bar == std::string_view::npos) break;
    names.remove_prefix(bar + 1);
  }
  return false;
}

std::string_view column(const Algorithm& a, Dialect d) {
  return a.names[static_cast<size_t>(d)];
}

bool matches(const Algorithm& a, Dialect d, std::string_view name) {
  if (d >= Dialect::Count) return false;
  return any_alternative(column(a, d), [&](std::string_view alt) { return same_name(alt, name); });
}

}  // namespace

// Every look-up goes through this one vector, so a pointer from any find_*
// function can be compared with &all_algorithms()[i].
const std::vector<Algorithm>& all_algorithms() {
  static const std::vector<Algorithm> all(std::begin(kAlgorithms), std::end(kAlgorithms));
  return all;
}

const Algorithm* find_algorithm(TransformType type, Dialect dialect, std::string_view name) {
  for (const Algorithm& a : all_algorithms()) {
    if (a.type == type && matches(a, dialect, name)) return &a;
  }
  return nullptr;
}

const Algorithm* find_algorithm_any(Dialect dialect, std::string_view name) {
  for (const Algorithm& a : all_algorithms()) {
    if (matches(a, dialect, name)) return &a;
  }
  return nullptr;
}

const Algorithm* find_algorithm_by_id(std::string_view id) {
  for (const Algorithm& a : all_algorithms()) {
    if (same_name(a.id, id)) return &a;
  }
  return nullptr;
}

// For a cipher with a variable key the Key Length attribute is part of the
// identity, so key_bits must match exactly; 0 for AES is ambiguous and finds nothing.
const Algorithm* find_algorithm_by_iana(TransformType type, uint16_t iana_id, uint16_t key_bits) {
  for (const Algorithm& a : all_algorithms()) {
    if (a.type == type && a.iana_id == iana_id && a.key_bits == key_bits) return &a;
  }
  return nullptr;
}

std::string_view algorithm_name(const Algorithm& a, Dialect d) {
  if (d >= Dialect::Count) return {};
  const std::string_view names = column(a, d);
  return names.substr(0, names.find('|'));
}

std::vector<std::string> names_in_dialect(TransformType type, Dialect d) {
  std::vector<std::string> out;
  if (d >= Dialect::Count) return out;
  for (const Algorithm& a : all_algorithms()) {
    if (a.type != type) continue;
    any_alternative(column(a, d), [&](std::string_view alt) {
      bool seen = false;
      for (const std::string& s : out) seen = seen || s == alt;
      if (!seen) out.emplace_back(alt);
      return false;
    });
  }
  return out;
}

const char* transform_type_name(TransformType t) {
  switch (t) {
    case TransformType::Encryption: return "encryption";
    case TransformType::Prf: return "prf";
    case TransformType::Integrity: return "integrity";
    case TransformType::DhGroup: return "dh-group";
  }
  return "unknown";
}

const char* strength_name(Strength s) {
  switch (s) {
    case Strength::Broken: return "broken";
    case Strength::Weak: return "weak";
    case Strength::Acceptable: return "acceptable";
    case Strength::Strong: return "strong";
  }
  return "unknown";
}

}  // namespace ikeshift::model
