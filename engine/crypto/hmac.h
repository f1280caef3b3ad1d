// HMAC through EVP_MAC; shared by Prf and Integrity.
#pragma once

#include "crypto/crypto_context.h"
#include "crypto/ossl_ptr.h"
#include "crypto/secure_bytes.h"

#include <initializer_list>

namespace ikeshift::crypto::detail {

// One HMAC under one key, computed as often as needed: prf+ runs up to a dozen
// HMACs under SKEYSEED or SK_d, and keying (a context copy and the key's inner
// and outer pads) costs as much as a short MAC, so it is done once.
class KeyedHmac {
 public:
  // On a context of its own.
  KeyedHmac(const CryptoContext& ctx, const EVP_MD* md, ByteSpan key);
  // On `reused` (from new_hmac_context, same digest), which it re-keys and
  // must not outlive; see new_hmac_context.
  KeyedHmac(EVP_MAC_CTX* reused, const EVP_MD* md, ByteSpan key);
  // Writes the full HMAC (EVP_MD_get_size(md) bytes) of the pieces, in order, to `out`.
  void compute(std::initializer_list<ByteSpan> data, uint8_t* out);

 private:
  void set_key(ByteSpan key, const OSSL_PARAM* params);

  EvpMacCtxPtr owned_;
  EVP_MAC_CTX* mac_;
  std::size_t size_;
  bool fresh_ = true;  // keyed and not used yet: no re-initialisation needed
};

// An HMAC context for `md` with no key yet, for a Prf or Integrity to re-key on
// every call: a fresh copy per call cost eleven allocations, re-keying five,
// and an IKE setup makes about a dozen keyed HMACs. OpenSSL keeps a copy of
// the last key inside and clears it when the context is re-keyed or freed, so
// the key lives no longer than the SA that owns the Prf. One context is for one
// thread at a time.
EvpMacCtxPtr new_hmac_context(const CryptoContext& ctx, const EVP_MD* md);

// Writes the full HMAC (EVP_MD_get_size(md) bytes) to `out`.
void hmac(const CryptoContext& ctx, const EVP_MD* md, ByteSpan key, std::initializer_list<ByteSpan> data,
          uint8_t* out);

}  // namespace ikeshift::crypto::detail
