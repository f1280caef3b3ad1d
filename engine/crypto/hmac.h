// HMAC through EVP_MAC; shared by Prf and Integrity.
#pragma once

#include "crypto/crypto_context.h"
#include "crypto/ossl_ptr.h"
#include "crypto/secure_bytes.h"

#include <initializer_list>

namespace ikeshift::crypto::detail {

// One HMAC under one key, computed as often as needed: prf+ runs up to a dozen
// HMACs under SKEYSEED or SK_d, and keying (the key's inner and outer pads)
// costs as much as a short MAC, so it is done once. It keys the context's
// scratch HMAC context for the digest while it lives, or, when another
// KeyedHmac holds that one, its own copy of the template.
class KeyedHmac {
 public:
  KeyedHmac(const CryptoContext& ctx, const EVP_MD* md, ByteSpan key);
  ~KeyedHmac();
  KeyedHmac(const KeyedHmac&) = delete;
  KeyedHmac& operator=(const KeyedHmac&) = delete;
  // Writes the full HMAC (EVP_MD_get_size(md) bytes) of the pieces, in order, to `out`.
  void compute(std::initializer_list<ByteSpan> data, uint8_t* out);

 private:
  const CryptoContext& ctx_;
  const EVP_MD* md_;
  EvpMacCtxPtr own_;           // only when the scratch context was taken
  EVP_MAC_CTX* mac_ = nullptr;  // the scratch context or own_
  std::size_t size_;
  bool fresh_ = true;  // keyed and not used yet: no re-initialisation needed
};

// Writes the full HMAC (EVP_MD_get_size(md) bytes) to `out`.
void hmac(const CryptoContext& ctx, const EVP_MD* md, ByteSpan key, std::initializer_list<ByteSpan> data,
          uint8_t* out);

}  // namespace ikeshift::crypto::detail
