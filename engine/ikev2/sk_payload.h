// Protection of IKEv2 messages with the Encrypted payload (SK), RFC 7296
// section 3.14, and its AEAD form, RFC 5282.
//
//   CBC + HMAC: SK body = IV | E(inner chain | padding | pad length) | ICV, the
//               ICV an HMAC over the whole datagram up to the ICV itself.
//   AES-GCM:    SK body = IV(8) | ciphertext | ICV(16); nonce = salt | IV,
//               associated data = the datagram from the IKE header through the
//               SK payload's generic header.
// The SK payload is always the last payload of the message.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "crypto/aead_cipher.h"
#include "crypto/cbc_cipher.h"
#include "crypto/integrity.h"
#include "crypto/rng.h"
#include "wire/ikev2_codec.h"

namespace ikeshift::engine::ikev2 {

// The negotiated transforms of one IKE SA: either a CBC cipher with an
// integrity algorithm, or an AEAD cipher alone. Not owned.
struct SkSuite {
  const crypto::CbcCipher* cbc = nullptr;
  const crypto::Integrity* integrity = nullptr;
  const crypto::AeadCipher* aead = nullptr;
};

// The keys of one direction: SK_ei/SK_ai (initiator's messages) or SK_er/SK_ar.
struct SkKeys {
  crypto::ByteSpan encryption;  // with the 4-byte salt appended for AEAD
  crypto::ByteSpan integrity;   // empty for AEAD
};

// The datagram for `header` + `inner` payloads inside one SK payload.
// Unencrypted payloads before SK are not used by IKEv2 after IKE_SA_INIT.
wire::Bytes protect(const wire::Header& header, const std::vector<wire::Payload>& inner,
                    const SkSuite& suite, const SkKeys& keys, crypto::Rng& rng);

struct UnprotectError {
  std::string what;  // for the log: "ICV mismatch", "pad length 200 > plaintext", ...
};

// Checks the ICV and decrypts the SK payload of `message`, which was decoded
// from `datagram`, then decodes the inner chain. On success the payload
// chain; the plaintext is wiped before returning.
std::variant<std::vector<wire::Payload>, UnprotectError> unprotect(wire::ByteView datagram,
                                                                   const wire::Message& message,
                                                                   const SkSuite& suite, const SkKeys& keys);

// Only the decrypted, unpadded inner chain (for tests against captures).
std::variant<crypto::SecureBytes, UnprotectError> decrypt_inner(wire::ByteView datagram,
                                                                const wire::Message& message,
                                                                const SkSuite& suite, const SkKeys& keys);

}  // namespace ikeshift::engine::ikev2
