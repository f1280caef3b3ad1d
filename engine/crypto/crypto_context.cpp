#include "crypto/crypto_context.h"

#include "crypto/crypto_error.h"

#include <string>


namespace ikeshift::crypto {

namespace {

EvpMdPtr fetch_md(OSSL_LIB_CTX* ctx, const char* name) {
  EvpMdPtr md(EVP_MD_fetch(ctx, name, nullptr));
  if (!md) throw_openssl_error(std::string("EVP_MD_fetch ") + name);
  return md;
}

EvpMacCtxPtr hmac_template_for(EVP_MAC* hmac, const EVP_MD* md) {
  EvpMacCtxPtr t(EVP_MAC_CTX_new(hmac));
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(EVP_MD_get0_name(md)), 0),
      OSSL_PARAM_construct_end(),
  };
  if (!t || EVP_MAC_CTX_set_params(t.get(), params) != 1) throw_openssl_error("HMAC template");
  return t;
}

EvpCipherPtr fetch_cipher(OSSL_LIB_CTX* ctx, const char* name) {
  EvpCipherPtr c(EVP_CIPHER_fetch(ctx, name, nullptr));
  if (!c) throw_openssl_error(std::string("EVP_CIPHER_fetch ") + name);
  return c;
}

}  // namespace

CryptoContext::CryptoContext(Options options) : libctx_(OSSL_LIB_CTX_new()) {
  if (!libctx_) throw_openssl_error("OSSL_LIB_CTX_new");
  OSSL_LIB_CTX* ctx = libctx_.get();
  default_.reset(OSSL_PROVIDER_load(ctx, "default"));
  if (!default_) throw_openssl_error("loading the OpenSSL default provider");
  if (options.legacy) {
    legacy_.reset(OSSL_PROVIDER_load(ctx, "legacy"));
    if (!legacy_) throw_openssl_error("loading the OpenSSL legacy provider");
  }

  hmac_.reset(EVP_MAC_fetch(ctx, "HMAC", nullptr));
  if (!hmac_) throw_openssl_error("EVP_MAC_fetch HMAC");
  md5_ = fetch_md(ctx, "MD5");
  sha1_ = fetch_md(ctx, "SHA1");
  sha256_ = fetch_md(ctx, "SHA2-256");
  sha384_ = fetch_md(ctx, "SHA2-384");
  sha512_ = fetch_md(ctx, "SHA2-512");
  const EVP_MD* hmac_digests[] = {md5_.get(), sha1_.get(), sha256_.get(), sha384_.get(), sha512_.get()};
  for (int i = 0; i < 5; ++i) {
    HmacSlot& slot = hmac_slots_[i];
    slot.tmpl = hmac_template_for(hmac_.get(), hmac_digests[i]);
    slot.scratch.reset(EVP_MAC_CTX_dup(slot.tmpl.get()));
    if (!slot.scratch) throw_openssl_error("EVP_MAC_CTX_dup");
  }

  des3_cbc_ = fetch_cipher(ctx, "DES-EDE3-CBC");
  aes128_cbc_ = fetch_cipher(ctx, "AES-128-CBC");
  aes192_cbc_ = fetch_cipher(ctx, "AES-192-CBC");
  aes256_cbc_ = fetch_cipher(ctx, "AES-256-CBC");
  aes128_gcm_ = fetch_cipher(ctx, "AES-128-GCM");
  aes192_gcm_ = fetch_cipher(ctx, "AES-192-GCM");
  aes256_gcm_ = fetch_cipher(ctx, "AES-256-GCM");
  if (legacy_) des_cbc_ = fetch_cipher(ctx, "DES-CBC");
}

// Fetched algorithms hold references into the providers: release them first,
// then the providers, then the library context (member order does most of this;
// the explicit resets make the order independent of declaration order).
CryptoContext::~CryptoContext() {
  for (HmacSlot& slot : hmac_slots_) {
    slot.scratch.reset();
    slot.tmpl.reset();
  }
  hmac_.reset();
  md5_.reset();
  sha1_.reset();
  sha256_.reset();
  sha384_.reset();
  sha512_.reset();
  des_cbc_.reset();
  des3_cbc_.reset();
  aes128_cbc_.reset();
  aes192_cbc_.reset();
  aes256_cbc_.reset();
  aes128_gcm_.reset();
  aes192_gcm_.reset();
  aes256_gcm_.reset();
  legacy_.reset();
  default_.reset();
  libctx_.reset();
}

const EVP_MD* CryptoContext::prf_digest(PrfId id) const noexcept {
  switch (id) {
    case PrfId::HmacMd5: return md5_.get();
    case PrfId::HmacSha1: return sha1_.get();
    case PrfId::HmacSha2_256: return sha256_.get();
    case PrfId::HmacSha2_384: return sha384_.get();
    case PrfId::HmacSha2_512: return sha512_.get();
  }
  return nullptr;
}

const EVP_MD* CryptoContext::integ_digest(IntegId id) const noexcept {
  switch (id) {
    case IntegId::HmacMd5_96: return md5_.get();
    case IntegId::HmacSha1_96: return sha1_.get();
    case IntegId::HmacSha2_256_128: return sha256_.get();
    case IntegId::HmacSha2_384_192: return sha384_.get();
    case IntegId::HmacSha2_512_256: return sha512_.get();
    case IntegId::None: return nullptr;
  }
  return nullptr;
}

const EVP_CIPHER* CryptoContext::cbc_cipher(EncrId id, unsigned key_bits) const noexcept {
  switch (id) {
    case EncrId::Des: return key_bits == 64 ? des_cbc_.get() : nullptr;
    case EncrId::TripleDes: return key_bits == 192 ? des3_cbc_.get() : nullptr;
    case EncrId::AesCbc:
      if (key_bits == 128) return aes128_cbc_.get();
      if (key_bits == 192) return aes192_cbc_.get();
      if (key_bits == 256) return aes256_cbc_.get();
      return nullptr;
    case EncrId::AesGcm16: return nullptr;
  }
  return nullptr;
}

const EVP_CIPHER* CryptoContext::gcm_cipher(unsigned key_bits) const noexcept {
  if (key_bits == 128) return aes128_gcm_.get();
  if (key_bits == 192) return aes192_gcm_.get();
  if (key_bits == 256) return aes256_gcm_.get();
  return nullptr;
}

int CryptoContext::digest_index(const EVP_MD* md) const noexcept {
  if (md == md5_.get()) return 0;
  if (md == sha1_.get()) return 1;
  if (md == sha256_.get()) return 2;
  if (md == sha384_.get()) return 3;
  if (md == sha512_.get()) return 4;
  return -1;
}

const EVP_MAC_CTX* CryptoContext::hmac_template(const EVP_MD* md) const noexcept {
  const int i = digest_index(md);
  return i < 0 ? nullptr : hmac_slots_[i].tmpl.get();
}

EVP_MAC_CTX* CryptoContext::lease_hmac_scratch(const EVP_MD* md) const noexcept {
  const int i = digest_index(md);
  if (i < 0 || hmac_slots_[i].leased) return nullptr;
  hmac_slots_[i].leased = true;
  hmac_slots_[i].used = true;
  return hmac_slots_[i].scratch.get();
}

void CryptoContext::return_hmac_scratch(const EVP_MD* md) const noexcept {
  const int i = digest_index(md);
  if (i >= 0) hmac_slots_[i].leased = false;
}

void CryptoContext::wipe_hmac_scratch() const {
  // Re-keying replaces the inner and outer pad states and the working state
  // (a copy of the inner one) with those of the empty key; OpenSSL clears the
  // digest contexts it frees on the way.
  static const uint8_t kEmpty = 0;
  for (HmacSlot& slot : hmac_slots_) {
    if (!slot.used || slot.leased) continue;
    if (EVP_MAC_init(slot.scratch.get(), &kEmpty, 0, nullptr) != 1) throw_openssl_error("EVP_MAC_init HMAC (wipe)");
    slot.used = false;
  }
}

}  // namespace ikeshift::crypto
