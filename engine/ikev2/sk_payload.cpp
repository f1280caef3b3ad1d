#include "ikev2/sk_payload.h"

#include <algorithm>
#include <cstring>

namespace ikeshift::engine::ikev2 {

namespace {

size_t iv_size(const SkSuite& s) { return s.aead != nullptr ? s.aead->iv_size() : s.cbc->iv_size(); }
size_t icv_size(const SkSuite& s) {
  return s.aead != nullptr ? s.aead->icv_size() : s.integrity->icv_size();
}

// Strips padding and the pad length octet from a decrypted SK plaintext.
std::variant<size_t, UnprotectError> unpadded_size(const crypto::SecureBytes& plain) {
  if (plain.size() == 0) return UnprotectError{"empty plaintext (no pad length octet)"};
  size_t pad = plain.data()[plain.size() - 1];
  if (pad + 1 > plain.size()) {
    return UnprotectError{"pad length " + std::to_string(pad) + " exceeds the plaintext of " +
                          std::to_string(plain.size()) + " octets"};
  }
  return plain.size() - pad - 1;
}

}  // namespace

wire::Bytes protect(const wire::Header& header, const std::vector<wire::Payload>& inner,
                    const SkSuite& suite, const SkKeys& keys, crypto::Rng& rng) {
  wire::Bytes chain = wire::encode_payload_chain(inner);
  // Plaintext = chain | padding | pad length. CBC pads to the block size; GCM
  // is a stream mode and needs none (RFC 5282 3).
  size_t block = suite.aead != nullptr ? 1 : suite.cbc->block_size();
  size_t pad = (block - (chain.size() + 1) % block) % block;
  crypto::SecureBytes plain(chain.size() + pad + 1);
  std::copy(chain.begin(), chain.end(), plain.data());
  std::fill(plain.data() + chain.size(), plain.data() + chain.size() + pad, uint8_t{0});
  plain.data()[plain.size() - 1] = static_cast<uint8_t>(pad);
  std::fill(chain.begin(), chain.end(), uint8_t{0});

  const size_t ivn = iv_size(suite);
  const size_t icvn = icv_size(suite);
  wire::Message msg;
  msg.header = header;
  wire::EncryptedPayload sk;
  sk.first_inner = inner.empty() ? wire::PayloadType::NoNext : wire::payload_type(inner.front());
  sk.body.assign(ivn + plain.size() + icvn, 0);  // placeholder: lengths are now final
  msg.payloads.push_back(std::move(sk));
  wire::Bytes out = wire::encode_message(msg);

  uint8_t* body = out.data() + out.size() - (ivn + plain.size() + icvn);
  crypto::Bytes iv = rng.bytes(ivn);
  std::copy(iv.begin(), iv.end(), body);
  if (suite.aead != nullptr) {
    crypto::ByteSpan aad(out.data(), static_cast<size_t>(body - out.data()));
    crypto::Bytes sealed = suite.aead->seal(keys.encryption, iv, aad, plain);
    std::copy(sealed.begin(), sealed.end(), body + ivn);  // ciphertext | ICV
  } else {
    crypto::Bytes ct = suite.cbc->encrypt(keys.encryption, iv, plain);
    std::copy(ct.begin(), ct.end(), body + ivn);
    crypto::Bytes icv = suite.integrity->compute(keys.integrity, crypto::ByteSpan(out.data(), out.size() - icvn));
    std::copy(icv.begin(), icv.end(), out.data() + out.size() - icvn);
  }
  return out;
}

std::variant<crypto::SecureBytes, UnprotectError> decrypt_inner(wire::ByteView datagram,
                                                                const wire::Message& message,
                                                                const SkSuite& suite, const SkKeys& keys) {
  if (message.payloads.empty() ||
      !std::holds_alternative<wire::EncryptedPayload>(message.payloads.back())) {
    return UnprotectError{"no Encrypted payload (SK) at the end of the message"};
  }
  const auto& sk = std::get<wire::EncryptedPayload>(message.payloads.back());
  const size_t ivn = iv_size(suite);
  const size_t icvn = icv_size(suite);
  if (sk.body.size() > datagram.size()) return UnprotectError{"SK payload larger than the datagram"};
  const uint8_t* body = datagram.data() + datagram.size() - sk.body.size();
  if (sk.body.size() < ivn + icvn + 1) {
    return UnprotectError{"SK payload of " + std::to_string(sk.body.size()) + " octets is too short"};
  }
  crypto::ByteSpan iv(body, ivn);
  crypto::ByteSpan ciphertext(body + ivn, sk.body.size() - ivn - icvn);
  std::optional<crypto::Bytes> plain_bytes;
  if (suite.aead != nullptr) {
    crypto::ByteSpan aad(datagram.data(), static_cast<size_t>(body - datagram.data()));
    plain_bytes = suite.aead->open(keys.encryption, iv, aad, crypto::ByteSpan(body + ivn, sk.body.size() - ivn));
    if (!plain_bytes) return UnprotectError{"ICV mismatch (AEAD authentication failed)"};
  } else {
    // Integrity first (encrypt-then-MAC): nothing is decrypted unauthenticated.
    crypto::ByteSpan covered(datagram.data(), datagram.size() - icvn);
    crypto::ByteSpan icv(datagram.data() + datagram.size() - icvn, icvn);
    if (!suite.integrity->verify(keys.integrity, covered, icv)) return UnprotectError{"ICV mismatch"};
    if (ciphertext.size() % suite.cbc->block_size() != 0) {
      return UnprotectError{"ciphertext of " + std::to_string(ciphertext.size()) +
                            " octets is not a whole number of blocks"};
    }
    plain_bytes = suite.cbc->decrypt(keys.encryption, iv, ciphertext);
    if (!plain_bytes) return UnprotectError{"decryption failed"};
  }
  crypto::SecureBytes plain(plain_bytes->size());
  std::copy(plain_bytes->begin(), plain_bytes->end(), plain.data());
  std::fill(plain_bytes->begin(), plain_bytes->end(), uint8_t{0});
  auto size = unpadded_size(plain);
  if (auto* err = std::get_if<UnprotectError>(&size)) return *err;
  crypto::SecureBytes inner(std::get<size_t>(size));
  std::copy(plain.data(), plain.data() + inner.size(), inner.data());
  return inner;
}

std::variant<std::vector<wire::Payload>, UnprotectError> unprotect(wire::ByteView datagram,
                                                                   const wire::Message& message,
                                                                   const SkSuite& suite, const SkKeys& keys) {
  auto inner = decrypt_inner(datagram, message, suite, keys);
  if (auto* err = std::get_if<UnprotectError>(&inner)) return *err;
  const auto& plain = std::get<crypto::SecureBytes>(inner);
  const auto& sk = std::get<wire::EncryptedPayload>(message.payloads.back());
  wire::ChainResult chain = wire::decode_payload_chain(sk.first_inner, wire::ByteView(plain.data(), plain.size()));
  if (!chain) return UnprotectError{"inner payloads: " + chain.error().what};
  return chain.payloads();
}

}  // namespace ikeshift::engine::ikev2
