// AEAD: ENCR_AES_GCM_16 (20) with 128/192/256-bit keys, as IKEv2 (RFC 5282)
// and ESP (RFC 4106) use it:
//   - keying material = AES key || 4-byte salt (so SK_e* is 20/28/36 bytes);
//   - nonce = salt || 8-byte explicit IV carried in the packet;
//   - 16-byte ICV appended to the ciphertext.
// What goes into the AAD is the caller's business (IKEv2: the header and the
// SK payload header; ESP: SPI and sequence number), so it is passed in as is.
#pragma once

#include "crypto/crypto_context.h"
#include "crypto/secure_bytes.h"

#include <cstddef>
#include <memory>
#include <optional>

namespace ikeshift::crypto {

class AeadCipher {
 public:
  static constexpr std::size_t kSaltSize = 4;
  static constexpr std::size_t kIvSize = 8;
  static constexpr std::size_t kIcvSize = 16;

  // key_bits: 128, 192 or 256; throws CryptoError otherwise.
  AeadCipher(const CryptoContext& ctx, unsigned key_bits);
  // nullptr unless id is ENCR_AES_GCM_16 with a supported key length.
  static std::unique_ptr<AeadCipher> create(const CryptoContext& ctx, uint16_t iana_id, unsigned key_bits);

  std::size_t key_size() const noexcept { return aes_key_size_ + kSaltSize; }  // keymat length
  std::size_t iv_size() const noexcept { return kIvSize; }
  std::size_t icv_size() const noexcept { return kIcvSize; }

  // Returns ciphertext || ICV. Wrong keymat or IV lengths are our bugs: CryptoError.
  Bytes seal(ByteSpan keymat, ByteSpan iv, ByteSpan aad, ByteSpan plaintext) const;
  // nullopt when the ICV does not verify (or the input is too short / the IV the
  // wrong length): nothing is returned from a forged or corrupted message.
  std::optional<Bytes> open(ByteSpan keymat, ByteSpan iv, ByteSpan aad, ByteSpan ciphertext_and_icv) const;

 private:
  const EVP_CIPHER* cipher_;
  std::size_t aes_key_size_;
};

}  // namespace ikeshift::crypto
