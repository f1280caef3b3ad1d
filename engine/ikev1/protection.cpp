#include "ikev1/protection.h"

namespace ikeshift::engine::ikev1 {

namespace w1 = wire::ikev1;

namespace {

wire::Bytes last_block(const wire::Bytes& ciphertext, size_t block) {
  return wire::Bytes(ciphertext.end() - static_cast<std::ptrdiff_t>(block), ciphertext.end());
}

}  // namespace

Sealed seal(w1::Header header, const w1::EncodedChain& chain, const crypto::CbcCipher& cipher, crypto::ByteSpan key,
            crypto::ByteSpan iv) {
  header.encrypted = true;
  const size_t block = cipher.block_size();
  crypto::SecureBytes plain(chain.bytes);
  // At least one block even for an empty chain, so there is a last block to chain from.
  const size_t padded = plain.empty() ? block : (plain.size() + block - 1) / block * block;
  plain.resize(padded);  // new octets are zero
  wire::Bytes ciphertext = cipher.encrypt(key, iv, plain);
  Sealed out;
  out.datagram = w1::encode_header(header, chain.first, ciphertext.size());
  out.datagram.insert(out.datagram.end(), ciphertext.begin(), ciphertext.end());
  out.next_iv = last_block(ciphertext, block);
  return out;
}

std::variant<Opened, OpenError> open(const w1::Message& message, const crypto::CbcCipher& cipher,
                                     crypto::ByteSpan key, crypto::ByteSpan iv) {
  const size_t block = cipher.block_size();
  const wire::Bytes& ciphertext = message.encrypted;
  if (ciphertext.empty() || ciphertext.size() % block != 0)
    return OpenError{"ciphertext of " + std::to_string(ciphertext.size()) + " bytes is not a whole number of " +
                     std::to_string(block) + "-byte blocks"};
  std::optional<wire::Bytes> plain = cipher.decrypt(key, iv, ciphertext);
  if (!plain) return OpenError{"the body does not decrypt"};
  Opened out;
  out.plaintext = crypto::SecureBytes(crypto::ByteSpan(*plain));
  std::fill(plain->begin(), plain->end(), uint8_t{0});
  w1::ChainResult chain =
      w1::decode_payload_chain(message.header.next_payload, wire::ByteView(out.plaintext.data(), out.plaintext.size()),
                               block, w1::kHeaderSize);
  if (!chain) {
    return OpenError{"decrypted body does not parse (wrong key or IV, or a corrupt message): " + chain.error().what +
                     " at offset " + std::to_string(chain.error().offset)};
  }
  out.chain = std::move(chain.chain());
  out.next_iv = last_block(ciphertext, block);
  return out;
}

}  // namespace ikeshift::engine::ikev1
