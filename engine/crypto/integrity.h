// IKEv2/ESP integrity algorithms (Transform Type 3): HMAC truncated to the
// ICV length. AUTH_HMAC_MD5_96 (1, RFC 2403), AUTH_HMAC_SHA1_96 (2, RFC 2404),
// AUTH_HMAC_SHA2_256_128 / 384_192 / 512_256 (12/13/14, RFC 4868: the key is as
// long as the hash output, the ICV is half of it).
#pragma once

#include "crypto/algorithm_ids.h"
#include "crypto/crypto_context.h"
#include "crypto/secure_bytes.h"

#include <cstddef>
#include <initializer_list>
#include <memory>

namespace ikeshift::crypto {

class Integrity {
 public:
  // Throws CryptoError for an unsupported id.
  Integrity(const CryptoContext& ctx, IntegId id);
  static std::unique_ptr<Integrity> create(const CryptoContext& ctx, IntegId id);
  static std::unique_ptr<Integrity> create(const CryptoContext& ctx, uint16_t iana_id) {
    return create(ctx, static_cast<IntegId>(iana_id));
  }

  IntegId id() const noexcept { return id_; }
  std::size_t key_size() const noexcept { return key_size_; }  // SK_ai / SK_ar length
  std::size_t icv_size() const noexcept { return icv_size_; }

  // The truncated MAC over the data pieces, in order. `key` must be key_size()
  // bytes (throws CryptoError otherwise: keys come from our own keymat).
  Bytes compute(ByteSpan key, ByteSpan data) const { return compute(key, {data}); }
  Bytes compute(ByteSpan key, std::initializer_list<ByteSpan> data) const;
  // Constant-time check of a received ICV; false for a wrong length too.
  bool verify(ByteSpan key, ByteSpan data, ByteSpan icv) const { return verify(key, {data}, icv); }
  bool verify(ByteSpan key, std::initializer_list<ByteSpan> data, ByteSpan icv) const;

 private:
  const CryptoContext& ctx_;
  IntegId id_;
  const EVP_MD* md_;
  std::size_t key_size_;
  std::size_t icv_size_;
};

}  // namespace ikeshift::crypto
