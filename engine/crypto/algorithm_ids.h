// IANA IKEv2 transform ids the crypto layer implements (RFC 7296 section 3.3.2,
// IANA "Internet Key Exchange Version 2 (IKEv2) Parameters").
//
// The numbers are duplicated here on purpose: engine/crypto must not depend on
// the translator's registry (config spelling); the registry maps names to these
// same ids, and the engine passes the ids through.
#pragma once

#include <cstdint>

namespace ikeshift::crypto {

// Transform Type 1, Encryption Algorithm.
enum class EncrId : uint16_t { Des = 2, TripleDes = 3, AesCbc = 12, AesGcm16 = 20 };
// Transform Type 2, Pseudorandom Function.
enum class PrfId : uint16_t { HmacMd5 = 1, HmacSha1 = 2, HmacSha2_256 = 5, HmacSha2_384 = 6, HmacSha2_512 = 7 };
// Transform Type 3, Integrity Algorithm.
enum class IntegId : uint16_t {
  None = 0,
  HmacMd5_96 = 1,
  HmacSha1_96 = 2,
  HmacSha2_256_128 = 12,
  HmacSha2_384_192 = 13,
  HmacSha2_512_256 = 14,
};
// Transform Type 4, Key Exchange Method (Diffie-Hellman group).
enum class DhId : uint16_t {
  Modp1024 = 2,
  Modp1536 = 5,
  Modp2048 = 14,
  Modp3072 = 15,
  Modp4096 = 16,
  Ecp256 = 19,
  Ecp384 = 20,
  Ecp521 = 21,
  Curve25519 = 31,
};

}  // namespace ikeshift::crypto
