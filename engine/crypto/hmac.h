// One HMAC computation through EVP_MAC; shared by Prf and Integrity.
#pragma once

#include "crypto/crypto_context.h"
#include "crypto/secure_bytes.h"

#include <initializer_list>

namespace ikeshift::crypto::detail {

// Writes the full HMAC (EVP_MD_get_size(md) bytes) to `out`.
void hmac(const CryptoContext& ctx, const EVP_MD* md, ByteSpan key, std::initializer_list<ByteSpan> data,
          uint8_t* out);

}  // namespace ikeshift::crypto::detail
