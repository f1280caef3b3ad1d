#include "esp/esp_cipher.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>

#include <climits>
#include <cstring>

#include "crypto/algorithm_ids.h"

namespace ikeshift::engine::esp {

namespace {

constexpr size_t kHeader = 8;  // SPI + sequence number
constexpr size_t kGcmIv = 8;
constexpr size_t kGcmIcv = 16;
constexpr size_t kSalt = 4;

void put32(uint8_t* p, uint32_t v) {
  p[0] = static_cast<uint8_t>(v >> 24);
  p[1] = static_cast<uint8_t>(v >> 16);
  p[2] = static_cast<uint8_t>(v >> 8);
  p[3] = static_cast<uint8_t>(v);
}

// The ICV length of an ESP integrity transform (RFC 2403/2404: 96 bits;
// RFC 4868: half the hash).
size_t icv_length(uint16_t integ_id, const EVP_MD* md) {
  if (integ_id == static_cast<uint16_t>(crypto::IntegId::HmacMd5_96) ||
      integ_id == static_cast<uint16_t>(crypto::IntegId::HmacSha1_96))
    return 12;
  return static_cast<size_t>(EVP_MD_get_size(md)) / 2;
}

const EVP_CIPHER* cbc_of(const crypto::CryptoContext& ctx, const dataplane::EspTransform& t) {
  if (t.encryption_id == kEncr3Des) return ctx.cbc_cipher(crypto::EncrId::TripleDes, 192);
  if (t.encryption_id == kEncrAesCbc) return ctx.cbc_cipher(crypto::EncrId::AesCbc, t.encryption_bits);
  return nullptr;
}

bool fits_int(size_t n) { return n <= static_cast<size_t>(INT_MAX); }

}  // namespace

bool SaCipher::key_sizes(const crypto::CryptoContext& ctx, const dataplane::EspTransform& t, EspKeySizes& out,
                         std::string& why) {
  out = {};
  if (t.encryption_id == kEncrAesGcm16) {
    const EVP_CIPHER* c = ctx.gcm_cipher(t.encryption_bits);
    if (c == nullptr) {
      why = "AES-GCM-16 with a " + std::to_string(t.encryption_bits) + "-bit key is not supported (128, 192, 256)";
      return false;
    }
    if (t.integrity_id != 0) {
      why = "AES-GCM is combined-mode: an integrity transform must not be negotiated with it (RFC 4106 8.4)";
      return false;
    }
    out.encryption = static_cast<size_t>(EVP_CIPHER_get_key_length(c)) + kSalt;
    return true;
  }
  if (t.encryption_id != kEncrNull) {
    const EVP_CIPHER* c = cbc_of(ctx, t);
    if (c == nullptr) {
      why = "encryption transform " + std::to_string(t.encryption_id) + "/" + std::to_string(t.encryption_bits) +
            " is not supported by the ESP data plane (AES-CBC 128/192/256, 3DES, AES-GCM-16, NULL)";
      return false;
    }
    out.encryption = static_cast<size_t>(EVP_CIPHER_get_key_length(c));
  }
  const EVP_MD* md = ctx.integ_digest(static_cast<crypto::IntegId>(t.integrity_id));
  if (t.integrity_id == 0 || md == nullptr) {
    why = t.integrity_id == 0 ? std::string("a non-AEAD ESP transform needs an integrity algorithm (RFC 4303 3.2)")
                              : "integrity transform " + std::to_string(t.integrity_id) + " is not supported";
    return false;
  }
  out.integrity = static_cast<size_t>(EVP_MD_get_size(md));
  return true;
}

std::unique_ptr<SaCipher> SaCipher::create(const crypto::CryptoContext& ctx, const dataplane::EspTransform& t,
                                           crypto::ByteSpan encr_key, crypto::ByteSpan integ_key, bool encrypt,
                                           std::string& why) {
  EspKeySizes sizes;
  if (!key_sizes(ctx, t, sizes, why)) return nullptr;
  if (encr_key.size() != sizes.encryption || integ_key.size() != sizes.integrity) {
    why = "key lengths " + std::to_string(encr_key.size()) + "/" + std::to_string(integ_key.size()) +
          " do not fit the transform (expected " + std::to_string(sizes.encryption) + "/" +
          std::to_string(sizes.integrity) + ")";
    return nullptr;
  }
  auto c = std::make_unique<SaCipher>(Key{});
  c->encrypt_ = encrypt;
  if (t.encryption_id == kEncrAesGcm16) {
    c->gcm_ = true;
    c->iv_size_ = kGcmIv;
    c->alignment_ = 4;
    c->icv_size_ = kGcmIcv;
    const EVP_CIPHER* gcm = ctx.gcm_cipher(t.encryption_bits);
    c->cipher_.reset(EVP_CIPHER_CTX_new());
    // The key schedule is computed once here; packets only set the nonce.
    if (!c->cipher_ || EVP_CipherInit_ex2(c->cipher_.get(), gcm, encr_key.data(), nullptr, encrypt ? 1 : 0,
                                          nullptr) != 1) {
      why = "OpenSSL could not set up AES-GCM";
      return nullptr;
    }
    std::memcpy(c->salt_, encr_key.data() + encr_key.size() - kSalt, kSalt);
    return c;
  }
  if (t.encryption_id == kEncrNull) {
    c->null_ = true;
    c->iv_size_ = 0;
    c->alignment_ = 4;
  } else {
    const EVP_CIPHER* cbc = cbc_of(ctx, t);
    c->iv_size_ = static_cast<size_t>(EVP_CIPHER_get_iv_length(cbc));
    c->alignment_ = static_cast<size_t>(EVP_CIPHER_get_block_size(cbc));
    c->cipher_.reset(EVP_CIPHER_CTX_new());
    if (!c->cipher_ || EVP_CipherInit_ex2(c->cipher_.get(), cbc, encr_key.data(), nullptr, encrypt ? 1 : 0,
                                          nullptr) != 1) {
      why = "OpenSSL could not set up the CBC cipher";
      return nullptr;
    }
    // ESP pads itself (RFC 4303 2.4).
    EVP_CIPHER_CTX_set_padding(c->cipher_.get(), 0);
  }
  const EVP_MD* md = ctx.integ_digest(static_cast<crypto::IntegId>(t.integrity_id));
  c->icv_size_ = icv_length(t.integrity_id, md);
  c->mac_.reset(EVP_MAC_CTX_new(ctx.hmac()));
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(EVP_MD_get0_name(md)), 0),
      OSSL_PARAM_construct_end(),
  };
  // The HMAC key is set once; EVP_MAC_init with a NULL key later restarts
  // the computation with the same key.
  if (!c->mac_ || EVP_MAC_init(c->mac_.get(), integ_key.data(), integ_key.size(), params) != 1) {
    why = "OpenSSL could not set up the HMAC";
    return nullptr;
  }
  return c;
}

SaCipher::~SaCipher() { OPENSSL_cleanse(salt_, sizeof salt_); }

bool SaCipher::mac(const uint8_t* data, size_t n, uint32_t seq_high, bool esn, uint8_t* out) {
  if (EVP_MAC_init(mac_.get(), nullptr, 0, nullptr) != 1) return false;
  if (EVP_MAC_update(mac_.get(), data, n) != 1) return false;
  if (esn) {
    uint8_t hi[4];
    put32(hi, seq_high);
    if (EVP_MAC_update(mac_.get(), hi, sizeof hi) != 1) return false;
  }
  size_t len = 0;
  return EVP_MAC_final(mac_.get(), out, &len, EVP_MAX_MD_SIZE) == 1;
}

bool SaCipher::gcm_start(const uint8_t* packet, int encrypt) {
  uint8_t nonce[12];
  std::memcpy(nonce, salt_, kSalt);
  std::memcpy(nonce + kSalt, packet + kHeader, kGcmIv);
  return EVP_CipherInit_ex2(cipher_.get(), nullptr, nullptr, nonce, encrypt, nullptr) == 1;
}

bool SaCipher::gcm_aad(const uint8_t* packet, uint32_t seq_high, bool esn) {
  uint8_t aad[12];
  size_t aad_len = 8;
  std::memcpy(aad, packet, 4);
  if (esn) {
    put32(aad + 4, seq_high);
    std::memcpy(aad + 8, packet + 4, 4);
    aad_len = 12;
  } else {
    std::memcpy(aad + 4, packet + 4, 4);
  }
  int len = 0;
  return EVP_CipherUpdate(cipher_.get(), nullptr, &len, aad, static_cast<int>(aad_len)) == 1;
}

bool SaCipher::seal(uint8_t* packet, size_t plaintext_size, uint32_t seq_high, bool esn) {
  if (!fits_int(plaintext_size) || plaintext_size % alignment_ != 0) return false;
  uint8_t* payload = packet + kHeader + iv_size_;
  int len = 0;
  if (gcm_) {
    if (!gcm_start(packet, 1) || !gcm_aad(packet, seq_high, esn)) return false;
    if (EVP_CipherUpdate(cipher_.get(), payload, &len, payload, static_cast<int>(plaintext_size)) != 1) return false;
    int fin = 0;
    if (EVP_CipherFinal_ex(cipher_.get(), payload + len, &fin) != 1) return false;
    OSSL_PARAM tag[] = {
        OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, payload + plaintext_size, kGcmIcv),
        OSSL_PARAM_construct_end(),
    };
    return EVP_CIPHER_CTX_get_params(cipher_.get(), tag) == 1;
  }
  if (!null_) {
    if (EVP_CipherInit_ex2(cipher_.get(), nullptr, nullptr, packet + kHeader, 1, nullptr) != 1) return false;
    if (EVP_CipherUpdate(cipher_.get(), payload, &len, payload, static_cast<int>(plaintext_size)) != 1) return false;
  }
  uint8_t full[EVP_MAX_MD_SIZE];
  if (!mac(packet, kHeader + iv_size_ + plaintext_size, seq_high, esn, full)) return false;
  std::memcpy(payload + plaintext_size, full, icv_size_);
  return true;
}

bool SaCipher::open(uint8_t* packet, size_t ciphertext_size, uint32_t seq_high, bool esn) {
  if (!fits_int(ciphertext_size) || ciphertext_size % alignment_ != 0) return false;
  uint8_t* payload = packet + kHeader + iv_size_;
  const uint8_t* icv = payload + ciphertext_size;
  int len = 0;
  if (gcm_) {
    if (!gcm_start(packet, 0)) return false;
    uint8_t expected[kGcmIcv];
    std::memcpy(expected, icv, kGcmIcv);
    OSSL_PARAM tag[] = {
        OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, expected, kGcmIcv),
        OSSL_PARAM_construct_end(),
    };
    if (EVP_CIPHER_CTX_set_params(cipher_.get(), tag) != 1) return false;
    if (!gcm_aad(packet, seq_high, esn)) return false;
    if (EVP_CipherUpdate(cipher_.get(), payload, &len, payload, static_cast<int>(ciphertext_size)) != 1) return false;
    int fin = 0;
    if (EVP_CipherFinal_ex(cipher_.get(), payload + len, &fin) != 1) {
      // A forged packet's "plaintext" must not survive in the buffer.
      OPENSSL_cleanse(payload, ciphertext_size);
      return false;
    }
    return true;
  }
  uint8_t full[EVP_MAX_MD_SIZE];
  if (!mac(packet, kHeader + iv_size_ + ciphertext_size, seq_high, esn, full)) return false;
  // Authenticate before decrypting (RFC 4303 3.4.4): a bad ICV costs no decryption.
  if (CRYPTO_memcmp(full, icv, icv_size_) != 0) return false;
  if (null_) return true;
  if (EVP_CipherInit_ex2(cipher_.get(), nullptr, nullptr, packet + kHeader, 0, nullptr) != 1) return false;
  return EVP_CipherUpdate(cipher_.get(), payload, &len, payload, static_cast<int>(ciphertext_size)) == 1;
}

}  // namespace ikeshift::engine::esp
