// The cryptography of one direction of one ESP SA (RFC 4303), keyed once when
// the SA is installed and then run in place on packet buffers: no allocation,
// no key set-up and no algorithm fetch per packet.
//
//   AES-CBC 128/192/256, 3DES-CBC (RFC 3602, RFC 2451) with HMAC-MD5-96,
//     HMAC-SHA1-96, HMAC-SHA2-256-128/384-192/512-256 (RFC 2403/2404/4868):
//     explicit IV of one block; the ICV covers header, IV and ciphertext.
//   AES-GCM-16 128/256 (RFC 4106): keymat = key || 4-byte salt, 8-byte
//     explicit IV, AAD = SPI || [seq high] || seq low, 16-byte ICV.
//   NULL encryption (RFC 2410) with one of the HMACs above.
//
// With ESN the high 32 bits of the sequence number enter the ICV (appended
// to the HMAC input, RFC 4303 2.2.1) or the AAD (RFC 4106 5) but are never
// sent.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "crypto/crypto_context.h"
#include "crypto/ossl_ptr.h"
#include "crypto/secure_bytes.h"
#include "dataplane/child_sa.h"

namespace ikeshift::engine::esp {

// IKEv2 transform ids the ESP data plane implements (RFC 7296 3.3.2).
inline constexpr uint16_t kEncr3Des = 3;
inline constexpr uint16_t kEncrNull = 11;
inline constexpr uint16_t kEncrAesCbc = 12;
inline constexpr uint16_t kEncrAesGcm16 = 20;

// Key lengths a transform needs (for callers that derive KEYMAT).
struct EspKeySizes {
  size_t encryption = 0;  // GCM: key + 4-byte salt
  size_t integrity = 0;
};

class SaCipher {
 public:
  // nullptr with `why` when the transform is not implemented or a key has
  // the wrong length. `encrypt` selects the direction (outbound SA).
  static std::unique_ptr<SaCipher> create(const crypto::CryptoContext& ctx, const dataplane::EspTransform& t,
                                          crypto::ByteSpan encr_key, crypto::ByteSpan integ_key, bool encrypt,
                                          std::string& why);
  // The key lengths of `t`, or nullopt-like {0,0} with why when unsupported.
  static bool key_sizes(const crypto::CryptoContext& ctx, const dataplane::EspTransform& t, EspKeySizes& out,
                        std::string& why);

  struct Key {  // only create() can make one
   private:
    Key() {}  // user-provided, so Key{} is not an aggregate anyone can build
    friend class SaCipher;
  };
  explicit SaCipher(Key) {}
  ~SaCipher();
  SaCipher(const SaCipher&) = delete;
  SaCipher& operator=(const SaCipher&) = delete;

  size_t iv_size() const { return iv_size_; }
  // Payload+padding+trailer must be a multiple of this (4 for GCM and NULL).
  size_t alignment() const { return alignment_; }
  size_t icv_size() const { return icv_size_; }
  bool aead() const { return gcm_; }

  // packet = [SPI|seq (8)][IV (iv_size)][plaintext (n, aligned)][room for the ICV].
  // The IV bytes must already be in place (the caller fills them: random for
  // CBC, the sequence number for GCM). Encrypts in place and writes the ICV
  // after the ciphertext. False only on an OpenSSL failure.
  bool seal(uint8_t* packet, size_t plaintext_size, uint32_t seq_high, bool esn);

  // packet = [SPI|seq][IV][ciphertext (n)][ICV]. Verifies the ICV (constant
  // time) and decrypts in place. False when the ICV does not verify or n is
  // not aligned: nothing is decrypted then (GCM wipes what it produced).
  bool open(uint8_t* packet, size_t ciphertext_size, uint32_t seq_high, bool esn);

 private:
  bool mac(const uint8_t* data, size_t n, uint32_t seq_high, bool esn, uint8_t* out);
  // AES-GCM (RFC 4106): the nonce (salt | explicit IV) for this packet, and
  // the AAD (SPI | [ESN high half |] sequence number), for seal and open alike.
  bool gcm_start(const uint8_t* packet, int encrypt);
  bool gcm_aad(const uint8_t* packet, uint32_t seq_high, bool esn);

  bool encrypt_ = true;
  bool gcm_ = false;
  bool null_ = false;
  size_t iv_size_ = 0, alignment_ = 4, icv_size_ = 0;
  crypto::EvpCipherCtxPtr cipher_;
  crypto::EvpMacCtxPtr mac_;
  uint8_t salt_[4] = {};
};

}  // namespace ikeshift::engine::esp
