// CryptoContext: the OpenSSL library context the engine's crypto runs in.
//
// OpenSSL's implicit global context is process-wide mutable state; two engines
// in one test process, or a daemon that wants single DES for one legacy peer,
// should not change it for everyone. So each CryptoContext owns its own
// OSSL_LIB_CTX and loads providers into it explicitly:
//   - "default" always (AES, 3DES, HMAC-MD5/SHA1/SHA2, DH, ECDH, X25519);
//   - "legacy" only when asked, for ENCR_DES. Loading "legacy" into a context
//     disables the implicit default provider, which is why "default" is loaded
//     explicitly too.
// The algorithm objects (EVP_MAC, EVP_MD, EVP_CIPHER) are fetched once here and
// shared read-only: fetching per packet costs a lock and a hash-table look-up.
//
// Every Prf / Integrity / cipher / DH object keeps a reference to the context it
// was made from; the context must outlive them. The fetched algorithms never
// change after construction; the HMAC scratch contexts below do, so a context
// belongs to one thread (the engine runs in one).
#pragma once

#include "crypto/algorithm_ids.h"
#include "crypto/ossl_ptr.h"

#include <cstdint>

namespace ikeshift::crypto {

class CryptoContext {
 public:
  struct Options {
    bool legacy = false;  // load the legacy provider (single DES)
  };
  CryptoContext() : CryptoContext(Options{}) {}
  explicit CryptoContext(Options options);
  ~CryptoContext();
  CryptoContext(const CryptoContext&) = delete;
  CryptoContext& operator=(const CryptoContext&) = delete;

  OSSL_LIB_CTX* libctx() const noexcept { return libctx_.get(); }
  bool has_legacy() const noexcept { return legacy_ != nullptr && des_cbc_ != nullptr; }

  EVP_MAC* hmac() const noexcept { return hmac_.get(); }
  // An HMAC context with `md` already set and no key, to EVP_MAC_CTX_dup and
  // key: naming the digest in EVP_MAC_init costs a provider fetch (a lock and
  // string compares) on every call, and an IKE setup makes about 25 HMACs.
  // nullptr for a digest not fetched here.
  const EVP_MAC_CTX* hmac_template(const EVP_MD* md) const noexcept;

  // One reusable HMAC context per digest. An HMAC re-keys it instead of
  // copying the template and freeing the copy (about six allocations and a
  // third of the HMAC's time; an IKE setup makes about a dozen one-shot HMACs).
  // lease_hmac_scratch returns nullptr while the context is leased (a nested
  // HMAC under the same digest) or for a digest not fetched here; the caller
  // then copies the template. A returned context keeps pads derived from its
  // last key until wipe_hmac_scratch() re-keys every used one with the empty
  // key (the daemon does at the end of each event-loop round) or the context
  // is destroyed (OpenSSL clears digest state when it frees it).
  EVP_MAC_CTX* lease_hmac_scratch(const EVP_MD* md) const noexcept;
  void return_hmac_scratch(const EVP_MD* md) const noexcept;
  void wipe_hmac_scratch() const;
  // nullptr for an id this build does not implement.
  const EVP_MD* prf_digest(PrfId id) const noexcept;
  const EVP_MD* integ_digest(IntegId id) const noexcept;
  const EVP_MD* sha256() const noexcept { return sha256_.get(); }
  // CBC ciphers by key length in bits (DES: 64, 3DES: 192, AES: 128/192/256).
  const EVP_CIPHER* cbc_cipher(EncrId id, unsigned key_bits) const noexcept;
  // AES-GCM by key length in bits (128/192/256).
  const EVP_CIPHER* gcm_cipher(unsigned key_bits) const noexcept;

 private:
  LibCtxPtr libctx_;
  ProviderPtr default_;
  ProviderPtr legacy_;
  EvpMacPtr hmac_;
  EvpMdPtr md5_, sha1_, sha256_, sha384_, sha512_;
  // Per HMAC digest, indexed as digest_index(): MD5, SHA1, SHA2-256, SHA2-384,
  // SHA2-512. The template never changes; the scratch context and its flags do.
  struct HmacSlot {
    EvpMacCtxPtr tmpl;
    EvpMacCtxPtr scratch;
    bool leased = false;
    bool used = false;  // keyed since the last wipe
  };
  mutable HmacSlot hmac_slots_[5];
  int digest_index(const EVP_MD* md) const noexcept;
  EvpCipherPtr des_cbc_, des3_cbc_, aes128_cbc_, aes192_cbc_, aes256_cbc_;
  EvpCipherPtr aes128_gcm_, aes192_gcm_, aes256_gcm_;
};

}  // namespace ikeshift::crypto
