#include "crypto/cbc_cipher.h"

#include "crypto/crypto_error.h"

#include <climits>
#include <string>

namespace ikeshift::crypto {

namespace {

unsigned default_bits(EncrId id, unsigned key_bits) {
  if (key_bits != 0) return key_bits;
  if (id == EncrId::Des) return 64;
  if (id == EncrId::TripleDes) return 192;
  return 0;  // AES needs the Key Length attribute
}

const EVP_CIPHER* require_cipher(const CryptoContext& ctx, EncrId id, unsigned key_bits) {
  const EVP_CIPHER* c = ctx.cbc_cipher(id, default_bits(id, key_bits));
  if (c == nullptr) {
    throw CryptoError("unsupported CBC cipher id " + std::to_string(static_cast<unsigned>(id)) + " with " +
                      std::to_string(key_bits) + "-bit key");
  }
  return c;
}

}  // namespace

CbcCipher::CbcCipher(const CryptoContext& ctx, EncrId id, unsigned key_bits)
    : id_(id),
      cipher_(require_cipher(ctx, id, key_bits)),
      key_size_(static_cast<std::size_t>(EVP_CIPHER_get_key_length(cipher_))),
      block_size_(static_cast<std::size_t>(EVP_CIPHER_get_block_size(cipher_))) {}

std::unique_ptr<CbcCipher> CbcCipher::create(const CryptoContext& ctx, EncrId id, unsigned key_bits) {
  if (ctx.cbc_cipher(id, default_bits(id, key_bits)) == nullptr) return nullptr;
  return std::make_unique<CbcCipher>(ctx, id, key_bits);
}

bool CbcCipher::run(ByteSpan key, ByteSpan iv, ByteSpan in, uint8_t* out, bool encrypt) const {
  EvpCipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  if (!ctx) throw_openssl_error("EVP_CIPHER_CTX_new");
  if (EVP_CipherInit_ex2(ctx.get(), cipher_, key.data(), iv.data(), encrypt ? 1 : 0, nullptr) != 1) {
    throw_openssl_error("EVP_CipherInit_ex2 CBC");
  }
  // No PKCS#7: the IKE/ESP layer pads. OpenSSL then rejects partial blocks itself.
  EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
  int len = 0;
  int final_len = 0;
  if (in.size() > static_cast<std::size_t>(INT_MAX)) return false;
  if (!in.empty() && EVP_CipherUpdate(ctx.get(), out, &len, in.data(), static_cast<int>(in.size())) != 1) return false;
  if (EVP_CipherFinal_ex(ctx.get(), out + len, &final_len) != 1) return false;
  return static_cast<std::size_t>(len + final_len) == in.size();
}

Bytes CbcCipher::encrypt(ByteSpan key, ByteSpan iv, ByteSpan plaintext) const {
  if (key.size() != key_size_ || iv.size() != block_size_ || plaintext.size() % block_size_ != 0) {
    throw CryptoError("CBC encrypt: key, IV or plaintext length is wrong");
  }
  Bytes out(plaintext.size());
  if (!run(key, iv, plaintext, out.data(), true)) throw_openssl_error("CBC encrypt");
  return out;
}

std::optional<Bytes> CbcCipher::decrypt(ByteSpan key, ByteSpan iv, ByteSpan ciphertext) const {
  if (key.size() != key_size_) throw CryptoError("CBC decrypt: key length is wrong");
  if (iv.size() != block_size_ || ciphertext.size() % block_size_ != 0) return std::nullopt;
  Bytes out(ciphertext.size());
  if (!run(key, iv, ciphertext, out.data(), false)) return std::nullopt;
  return out;
}

}  // namespace ikeshift::crypto
