// Encryption of IKEv1 message bodies (RFC 2408 3.1 E flag, RFC 2409 5 and
// App. B): everything after the ISAKMP header is one CBC stream, zero-padded
// to the block size, with no ICV (integrity comes from the HASH payloads).
// The IV is state, not a message field: phase 1 starts from hash(g^xi | g^xr)
// and each message continues from the last ciphertext block of the previous
// one; each Quick Mode and Informational exchange starts from hash(last phase
// 1 block | M-ID) and chains within the exchange. Callers keep that state;
// seal() and open() report the IV the next message continues from.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "crypto/cbc_cipher.h"
#include "crypto/secure_bytes.h"
#include "wire/ikev1_codec.h"

namespace ikeshift::engine::ikev1 {

struct Sealed {
  wire::Bytes datagram;  // header (E flag set, length computed) and ciphertext
  wire::Bytes next_iv;   // its last ciphertext block
};

// `header.encrypted` is forced on. The chain is padded with zero octets to
// the block size (RFC 2409 5: "padded ... using bytes containing 0x00").
Sealed seal(wire::ikev1::Header header, const wire::ikev1::EncodedChain& chain, const crypto::CbcCipher& cipher,
            crypto::ByteSpan key, crypto::ByteSpan iv);

struct Opened {
  wire::ikev1::Chain chain;
  crypto::SecureBytes plaintext;  // the decrypted body, padding included (spans index it)
  wire::Bytes next_iv;
};

struct OpenError {
  std::string what;  // "ciphertext of 13 bytes is not a whole number of 8-byte blocks", "...: <decode error>"
};

// Decrypts message.encrypted and decodes the chain (first payload from the
// header). A wrong key or IV shows up as a decode error: IKEv1 has no ICV.
std::variant<Opened, OpenError> open(const wire::ikev1::Message& message, const crypto::CbcCipher& cipher,
                                     crypto::ByteSpan key, crypto::ByteSpan iv);

}  // namespace ikeshift::engine::ikev1
