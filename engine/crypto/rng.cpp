#include "crypto/rng.h"

#include "crypto/crypto_error.h"

#include <openssl/rand.h>

#include <algorithm>
#include <cstring>

namespace ikeshift::crypto {

Bytes Rng::bytes(std::size_t n) {
  Bytes out(n);
  if (n != 0) fill(out.data(), n);
  return out;
}

SecureBytes Rng::secure_bytes(std::size_t n) {
  SecureBytes out(n);
  if (n != 0) fill(out.data(), n);
  return out;
}

void OpenSslRng::fill(uint8_t* out, std::size_t n) {
  // RAND_bytes_ex takes a size_t but one call is capped by the DRBG's request
  // limit internally; it loops for us. strength 0 = the DRBG's default (256).
  if (n != 0 && RAND_bytes_ex(ctx_.libctx(), out, n, 0) != 1) throw_openssl_error("RAND_bytes_ex");
}

void BufferedRng::fill(uint8_t* out, std::size_t n) {
  if (n > block_.size() / 2) {
    source_.fill(out, n);
    return;
  }
  while (n != 0) {
    if (used_ == block_.size()) {
      source_.fill(block_.data(), block_.size());
      used_ = 0;
    }
    const std::size_t take = std::min(n, block_.size() - used_);
    std::memcpy(out, block_.data() + used_, take);
    OPENSSL_cleanse(block_.data() + used_, take);
    used_ += take;
    out += take;
    n -= take;
  }
}

DeterministicRng::DeterministicRng(const CryptoContext& ctx, ByteSpan seed) : ctx_(ctx), seed_(seed) {}

DeterministicRng::DeterministicRng(const CryptoContext& ctx, uint64_t seed) : ctx_(ctx), seed_(8) {
  for (int i = 0; i < 8; ++i) seed_[static_cast<std::size_t>(i)] = static_cast<uint8_t>(seed >> (56 - 8 * i));
}

// The buffered block holds bytes not yet handed out (future private values).
DeterministicRng::~DeterministicRng() { OPENSSL_cleanse(block_, sizeof(block_)); }

void DeterministicRng::next_block() {
  uint8_t counter[8];
  for (int i = 0; i < 8; ++i) counter[i] = static_cast<uint8_t>(counter_ >> (56 - 8 * i));
  ++counter_;
  EvpMdCtxPtr md(EVP_MD_CTX_new());
  unsigned int len = 0;
  if (!md || EVP_DigestInit_ex2(md.get(), ctx_.sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(md.get(), seed_.data(), seed_.size()) != 1 ||
      EVP_DigestUpdate(md.get(), counter, sizeof(counter)) != 1 ||
      EVP_DigestFinal_ex(md.get(), block_, &len) != 1 || len != sizeof(block_)) {
    throw_openssl_error("DeterministicRng SHA-256");
  }
  used_ = 0;
}

void DeterministicRng::fill(uint8_t* out, std::size_t n) {
  while (n > 0) {
    if (used_ == sizeof(block_)) next_block();
    const std::size_t take = std::min(n, sizeof(block_) - used_);
    std::memcpy(out, block_ + used_, take);
    used_ += take;
    out += take;
    n -= take;
  }
}

}  // namespace ikeshift::crypto
