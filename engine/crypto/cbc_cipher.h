// Block ciphers in CBC mode with an explicit IV and no padding: ENCR_3DES (3),
// ENCR_AES_CBC (12; 128/192/256-bit keys) and, when the context has the legacy
// provider, ENCR_DES (2).
//
// IKEv2's SK payload and ESP do their own padding (RFC 7296 3.14, RFC 4303 2.4),
// so OpenSSL's PKCS#7 padding is switched off: input must be a whole number of
// blocks and the output has the same length.
#pragma once

#include "crypto/algorithm_ids.h"
#include "crypto/crypto_context.h"
#include "crypto/secure_bytes.h"

#include <cstddef>
#include <memory>
#include <optional>

namespace ikeshift::crypto {

class CbcCipher {
 public:
  // key_bits: 64 for DES, 192 for 3DES (both may be passed as 0), 128/192/256
  // for AES (the IKEv2 Key Length attribute). Throws CryptoError if unsupported
  // (including DES without the legacy provider).
  CbcCipher(const CryptoContext& ctx, EncrId id, unsigned key_bits = 0);
  static std::unique_ptr<CbcCipher> create(const CryptoContext& ctx, EncrId id, unsigned key_bits = 0);
  static std::unique_ptr<CbcCipher> create(const CryptoContext& ctx, uint16_t iana_id, unsigned key_bits = 0) {
    return create(ctx, static_cast<EncrId>(iana_id), key_bits);
  }

  EncrId id() const noexcept { return id_; }
  std::size_t key_size() const noexcept { return key_size_; }      // SK_e* length
  std::size_t block_size() const noexcept { return block_size_; }  // 8 or 16
  std::size_t iv_size() const noexcept { return block_size_; }     // IV = one block

  // Our own plaintext: a length that is not a multiple of block_size() or a
  // wrong key/IV length is a bug and throws CryptoError.
  Bytes encrypt(ByteSpan key, ByteSpan iv, ByteSpan plaintext) const;
  // Ciphertext comes from the wire: a bad length gives nullopt. The result is
  // only "decrypted", not authenticated; check the ICV first.
  std::optional<Bytes> decrypt(ByteSpan key, ByteSpan iv, ByteSpan ciphertext) const;

 private:
  bool run(ByteSpan key, ByteSpan iv, ByteSpan in, uint8_t* out, bool encrypt) const;

  EncrId id_;
  const EVP_CIPHER* cipher_;
  std::size_t key_size_;
  std::size_t block_size_;
};

}  // namespace ikeshift::crypto
