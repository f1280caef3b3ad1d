#include "crypto/aead_cipher.h"

#include "crypto/algorithm_ids.h"
#include "crypto/crypto_error.h"

#include <openssl/core_names.h>

#include <climits>
#include <cstring>
#include <string>

namespace ikeshift::crypto {

namespace {

const EVP_CIPHER* require_gcm(const CryptoContext& ctx, unsigned key_bits) {
  const EVP_CIPHER* c = ctx.gcm_cipher(key_bits);
  if (c == nullptr) throw CryptoError("unsupported AES-GCM key length " + std::to_string(key_bits));
  return c;
}

// salt || explicit IV: the 12-byte GCM nonce of RFC 4106 section 4.
void make_nonce(ByteSpan keymat, std::size_t aes_key_size, ByteSpan iv, uint8_t (&nonce)[12]) {
  std::memcpy(nonce, keymat.data() + aes_key_size, AeadCipher::kSaltSize);
  std::memcpy(nonce + AeadCipher::kSaltSize, iv.data(), AeadCipher::kIvSize);
}

bool fits_int(std::size_t n) { return n <= static_cast<std::size_t>(INT_MAX); }

}  // namespace

AeadCipher::AeadCipher(const CryptoContext& ctx, unsigned key_bits)
    : cipher_(require_gcm(ctx, key_bits)), aes_key_size_(static_cast<std::size_t>(EVP_CIPHER_get_key_length(cipher_))) {}

std::unique_ptr<AeadCipher> AeadCipher::create(const CryptoContext& ctx, uint16_t iana_id, unsigned key_bits) {
  if (iana_id != static_cast<uint16_t>(EncrId::AesGcm16) || ctx.gcm_cipher(key_bits) == nullptr) return nullptr;
  return std::make_unique<AeadCipher>(ctx, key_bits);
}

Bytes AeadCipher::seal(ByteSpan keymat, ByteSpan iv, ByteSpan aad, ByteSpan plaintext) const {
  if (keymat.size() != key_size() || iv.size() != kIvSize || !fits_int(plaintext.size()) || !fits_int(aad.size())) {
    throw CryptoError("AES-GCM seal: keymat, IV or input length is wrong");
  }
  uint8_t nonce[12];
  make_nonce(keymat, aes_key_size_, iv, nonce);
  EvpCipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  if (!ctx) throw_openssl_error("EVP_CIPHER_CTX_new");
  // The default GCM IV length is 12, which is what RFC 4106 uses.
  if (EVP_EncryptInit_ex2(ctx.get(), cipher_, keymat.data(), nonce, nullptr) != 1) {
    throw_openssl_error("EVP_EncryptInit_ex2 GCM");
  }
  Bytes out(plaintext.size() + kIcvSize);
  int len = 0;
  if (!aad.empty() && EVP_EncryptUpdate(ctx.get(), nullptr, &len, aad.data(), static_cast<int>(aad.size())) != 1) {
    throw_openssl_error("GCM AAD");
  }
  int ct_len = 0;
  if (!plaintext.empty() &&
      EVP_EncryptUpdate(ctx.get(), out.data(), &ct_len, plaintext.data(), static_cast<int>(plaintext.size())) != 1) {
    throw_openssl_error("GCM encrypt");
  }
  int final_len = 0;
  if (EVP_EncryptFinal_ex(ctx.get(), out.data() + ct_len, &final_len) != 1) throw_openssl_error("GCM final");
  OSSL_PARAM get_tag[] = {
      OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, out.data() + plaintext.size(), kIcvSize),
      OSSL_PARAM_construct_end(),
  };
  if (EVP_CIPHER_CTX_get_params(ctx.get(), get_tag) != 1) throw_openssl_error("GCM tag");
  return out;
}

std::optional<Bytes> AeadCipher::open(ByteSpan keymat, ByteSpan iv, ByteSpan aad, ByteSpan ciphertext_and_icv) const {
  if (keymat.size() != key_size()) throw CryptoError("AES-GCM open: keymat length is wrong");
  if (iv.size() != kIvSize || ciphertext_and_icv.size() < kIcvSize || !fits_int(ciphertext_and_icv.size()) ||
      !fits_int(aad.size())) {
    return std::nullopt;
  }
  const std::size_t ct_size = ciphertext_and_icv.size() - kIcvSize;
  uint8_t nonce[12];
  make_nonce(keymat, aes_key_size_, iv, nonce);
  EvpCipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  if (!ctx) throw_openssl_error("EVP_CIPHER_CTX_new");
  if (EVP_DecryptInit_ex2(ctx.get(), cipher_, keymat.data(), nonce, nullptr) != 1) {
    throw_openssl_error("EVP_DecryptInit_ex2 GCM");
  }
  // The expected tag is set before the final call, which compares it in
  // constant time.
  uint8_t tag[kIcvSize];
  std::memcpy(tag, ciphertext_and_icv.data() + ct_size, kIcvSize);
  OSSL_PARAM set_tag[] = {
      OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, tag, kIcvSize),
      OSSL_PARAM_construct_end(),
  };
  if (EVP_CIPHER_CTX_set_params(ctx.get(), set_tag) != 1) throw_openssl_error("GCM set tag");
  int len = 0;
  if (!aad.empty() && EVP_DecryptUpdate(ctx.get(), nullptr, &len, aad.data(), static_cast<int>(aad.size())) != 1) {
    return std::nullopt;
  }
  Bytes out(ct_size);
  int pt_len = 0;
  if (ct_size != 0 &&
      EVP_DecryptUpdate(ctx.get(), out.data(), &pt_len, ciphertext_and_icv.data(), static_cast<int>(ct_size)) != 1) {
    return std::nullopt;
  }
  int final_len = 0;
  if (EVP_DecryptFinal_ex(ctx.get(), out.data() + pt_len, &final_len) != 1) {
    // Do not hand back plaintext of a message that failed authentication.
    OPENSSL_cleanse(out.data(), out.size());
    return std::nullopt;
  }
  return out;
}

}  // namespace ikeshift::crypto
