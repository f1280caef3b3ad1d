// IKEv2 pseudorandom functions (Transform Type 2): PRF_HMAC_MD5 (1),
// PRF_HMAC_SHA1 (2), PRF_HMAC_SHA2_256/384/512 (5/6/7; RFC 4868), and prf+
// (RFC 7296 section 2.13).
//
// All of them are HMAC, which takes keys of any length, so the RFC 7296 2.14
// rule for fixed-key-size PRFs (AES-XCBC/CMAC: truncate or pad Ni | Nr) does not
// apply to anything here.
#pragma once

#include "crypto/algorithm_ids.h"
#include "crypto/crypto_context.h"
#include "crypto/secure_bytes.h"

#include <cstddef>
#include <initializer_list>
#include <memory>

namespace ikeshift::crypto {

class Prf {
 public:
  // Throws CryptoError when the id is not one of the five above.
  Prf(const CryptoContext& ctx, PrfId id);
  // nullptr instead of throwing, for ids that come from a negotiation.
  static std::unique_ptr<Prf> create(const CryptoContext& ctx, PrfId id);
  static std::unique_ptr<Prf> create(const CryptoContext& ctx, uint16_t iana_id) {
    return create(ctx, static_cast<PrfId>(iana_id));
  }

  PrfId id() const noexcept { return id_; }
  // Output length in bytes (16, 20, 32, 48, 64). RFC 7296 2.13: SK_d, SK_pi and
  // SK_pr are this long, and it is the "preferred key size" of the PRF.
  std::size_t output_size() const noexcept { return output_size_; }

  // prf(key, data). The data may be given in pieces; they are MACed in order,
  // exactly as if concatenated.
  SecureBytes compute(ByteSpan key, ByteSpan data) const { return compute(key, {data}); }
  SecureBytes compute(ByteSpan key, std::initializer_list<ByteSpan> data) const;

  // prf+(key, seed) = T1 | T2 | ... truncated to `length`, where
  //   T1 = prf(K, S | 0x01), Tn = prf(K, Tn-1 | S | n).
  // The counter is one octet, so at most 255 * output_size() bytes exist;
  // asking for more throws CryptoError (a key-length bug, never peer input).
  SecureBytes prf_plus(ByteSpan key, ByteSpan seed, std::size_t length) const;

  // The plain hash under the HMAC, over the pieces in order. IKEv1 derives
  // its IVs and NAT-D values with the negotiated hash itself (RFC 2409
  // App. B, RFC 3947 3.2), and the phase 1 hash is what selects the PRF.
  Bytes hash(std::initializer_list<ByteSpan> data) const;

 private:
  const CryptoContext& ctx_;
  PrfId id_;
  const EVP_MD* md_;
  std::size_t output_size_;
};

}  // namespace ikeshift::crypto
