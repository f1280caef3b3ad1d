// SK payload protection against real strongSwan traffic (keys from charon's
// own key log, fixtures/captures/) and round trips with tampering.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "crypto/crypto_context.h"
#include "crypto/hex.h"
#include "crypto/ikev2_keymat.h"
#include "crypto/prf.h"
#include "ikev2/sk_payload.h"

namespace ikeshift::engine::ikev2 {
namespace {

std::vector<uint8_t> capture(const std::string& name) {
  std::ifstream in(std::string(IKESHIFT_SOURCE_DIR) + "/fixtures/captures/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  std::string b = s.str();
  return std::vector<uint8_t>(b.begin(), b.end());
}

// The first IKE SA of the 'ikev2' capture: AES-CBC-256 / HMAC-SHA2-256-128,
// keys as charon logged them (fixtures/captures/ikev2-keys.txt).
struct CaptureKeys {
  crypto::Bytes sk_ai = crypto::from_hex("70ded183d7d3b5636ddc8402842b7ce02867535786cb614a799326c1ccee65ca");
  crypto::Bytes sk_ar = crypto::from_hex("d03024479894e1fa99ec6f690ab6373088d19662db9a8c7a9a35d8d6e5c63614");
  crypto::Bytes sk_ei = crypto::from_hex("daca1ee1705b372dd374bcba691f0ed2f3191ad52a5b26d277a35ce77c5f5048");
  crypto::Bytes sk_er = crypto::from_hex("bb32b721ec337878c22c336b36931a17b32dbc8f10f51a492f9f51cd1d5bc97c");
};

class SkPayload : public ::testing::Test {
 protected:
  crypto::CryptoContext ctx_;
  std::unique_ptr<crypto::CbcCipher> aes256_ = crypto::CbcCipher::create(ctx_, uint16_t{12}, 256);
  std::unique_ptr<crypto::Integrity> sha256_ = crypto::Integrity::create(ctx_, uint16_t{12});
  SkSuite suite() const { return SkSuite{aes256_.get(), sha256_.get(), nullptr}; }
};

TEST_F(SkPayload, DecryptsStrongSwansIkeAuthExactly) {
  CaptureKeys k;
  for (const auto& [file, inner_file, initiator] :
       {std::tuple<const char*, const char*, bool>{"ikev2-03-ike_auth-req-m1.bin", "ikev2-03-ike_auth-req-m1-inner.bin", true},
        {"ikev2-04-ike_auth-resp-m1.bin", "ikev2-04-ike_auth-resp-m1-inner.bin", false}}) {
    SCOPED_TRACE(file);
    auto datagram = capture(file);
    ASSERT_FALSE(datagram.empty()) << "missing capture";
    auto decoded = wire::decode_message(datagram);
    ASSERT_TRUE(decoded.ok()) << decoded.error().what;
    SkKeys keys{initiator ? crypto::ByteSpan(k.sk_ei) : crypto::ByteSpan(k.sk_er),
                initiator ? crypto::ByteSpan(k.sk_ai) : crypto::ByteSpan(k.sk_ar)};
    auto inner = decrypt_inner(datagram, decoded.message(), suite(), keys);
    ASSERT_TRUE(std::holds_alternative<crypto::SecureBytes>(inner)) << std::get<UnprotectError>(inner).what;
    const auto& plain = std::get<crypto::SecureBytes>(inner);
    auto expected = capture(inner_file);
    EXPECT_EQ(std::vector<uint8_t>(plain.data(), plain.data() + plain.size()), expected);
    auto payloads = unprotect(datagram, decoded.message(), suite(), keys);
    ASSERT_TRUE(std::holds_alternative<std::vector<wire::Payload>>(payloads));
    const auto& list = std::get<std::vector<wire::Payload>>(payloads);
    bool has_auth = std::any_of(list.begin(), list.end(),
                                [](const wire::Payload& p) { return std::holds_alternative<wire::AuthPayload>(p); });
    EXPECT_TRUE(has_auth);
    // The other direction's keys must not verify.
    SkKeys wrong{initiator ? crypto::ByteSpan(k.sk_er) : crypto::ByteSpan(k.sk_ei),
                 initiator ? crypto::ByteSpan(k.sk_ar) : crypto::ByteSpan(k.sk_ai)};
    auto bad = unprotect(datagram, decoded.message(), suite(), wrong);
    ASSERT_TRUE(std::holds_alternative<UnprotectError>(bad));
    EXPECT_NE(std::get<UnprotectError>(bad).what.find("ICV"), std::string::npos);
  }
}

// strongSwan's AUTH values in the capture are what our keymat computes for the
// lab's PSK: signed octets = RealMessage | peer's nonce | prf(SK_p, ID body).
TEST_F(SkPayload, StrongSwansPskAuthValuesVerify) {
  CaptureKeys k;
  const crypto::Bytes sk_pi = crypto::from_hex("ad1d30df18842ea41c6891201abeee3c2d6e3f4418b4a7a645ca83cde4296273");
  const crypto::Bytes sk_pr = crypto::from_hex("a71319a83bd13d684f8714daa30606dc6e9c22fc9e7a9f10eaaecafb15558ab9");
  auto prf = crypto::Prf::create(ctx_, uint16_t{5});  // PRF_HMAC_SHA2_256
  ASSERT_NE(prf, nullptr);
  const auto psk = crypto::ByteSpan::from_text("lab-v2-shared-secret");  // fixtures/captures/ikev2-swanctl-A.conf

  auto init_req = capture("ikev2-01-ike_sa_init-req-m0.bin");
  auto init_resp = capture("ikev2-02-ike_sa_init-resp-m0.bin");
  auto nonce_of = [](const std::vector<uint8_t>& datagram) {
    auto m = wire::decode_message(datagram);
    EXPECT_TRUE(m.ok());
    for (const auto& p : m.message().payloads)
      if (auto* n = std::get_if<wire::NoncePayload>(&p)) return n->data;
    return wire::Bytes{};
  };
  const wire::Bytes ni = nonce_of(init_req), nr = nonce_of(init_resp);
  ASSERT_FALSE(ni.empty());
  ASSERT_FALSE(nr.empty());

  for (bool initiator : {true, false}) {
    SCOPED_TRACE(initiator ? "initiator AUTH" : "responder AUTH");
    auto datagram = capture(initiator ? "ikev2-03-ike_auth-req-m1.bin" : "ikev2-04-ike_auth-resp-m1.bin");
    auto decoded = wire::decode_message(datagram);
    ASSERT_TRUE(decoded.ok());
    SkKeys keys{initiator ? crypto::ByteSpan(k.sk_ei) : crypto::ByteSpan(k.sk_er),
                initiator ? crypto::ByteSpan(k.sk_ai) : crypto::ByteSpan(k.sk_ar)};
    auto inner = unprotect(datagram, decoded.message(), suite(), keys);
    ASSERT_TRUE(std::holds_alternative<std::vector<wire::Payload>>(inner));
    wire::Bytes id_body, auth;
    for (const auto& p : std::get<std::vector<wire::Payload>>(inner)) {
      const wire::Identification* id = nullptr;
      if (initiator) {
        if (auto* i = std::get_if<wire::IdiPayload>(&p)) id = i;
      } else if (auto* r = std::get_if<wire::IdrPayload>(&p)) {
        id = r;
      }
      if (id != nullptr) {
        id_body = {static_cast<uint8_t>(id->type), 0, 0, 0};
        id_body.insert(id_body.end(), id->data.begin(), id->data.end());
      }
      if (auto* a = std::get_if<wire::AuthPayload>(&p)) auth = a->data;
    }
    ASSERT_FALSE(id_body.empty());
    ASSERT_FALSE(auth.empty());
    crypto::Bytes octets = initiator ? crypto::signed_octets(*prf, init_req, nr, sk_pi, id_body)
                                     : crypto::signed_octets(*prf, init_resp, ni, sk_pr, id_body);
    crypto::SecureBytes expected = crypto::psk_auth(*prf, psk, octets);
    EXPECT_EQ(crypto::Bytes(expected.data(), expected.data() + expected.size()), auth);
    crypto::SecureBytes wrong = crypto::psk_auth(*prf, crypto::ByteSpan::from_text("wrong"), octets);
    EXPECT_NE(crypto::Bytes(wrong.data(), wrong.data() + wrong.size()), auth);
  }
}

std::vector<wire::Payload> sample_inner() {
  wire::NoncePayload n;
  n.data.assign(32, 0x5a);
  wire::NotifyPayload notify;
  notify.type = wire::NotifyType::InitialContact;
  return {n, notify};
}

TEST_F(SkPayload, CbcRoundTripAndTampering) {
  crypto::DeterministicRng rng(ctx_, crypto::ByteSpan::from_text("sk-test"));
  crypto::Bytes ek(32, 0x11), ak(32, 0x22);
  SkKeys keys{ek, ak};
  wire::Header h;
  h.spi_i = 0x1111;
  h.spi_r = 0x2222;
  h.exchange = wire::ExchangeType::IkeAuth;
  h.initiator = true;
  h.message_id = 1;
  wire::Bytes d = protect(h, sample_inner(), suite(), keys, rng);
  auto decoded = wire::decode_message(d);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded.message().header.length, d.size());
  auto back = unprotect(d, decoded.message(), suite(), keys);
  ASSERT_TRUE(std::holds_alternative<std::vector<wire::Payload>>(back)) << std::get<UnprotectError>(back).what;
  EXPECT_EQ(std::get<std::vector<wire::Payload>>(back).size(), 2u);
  for (size_t at : {size_t{5}, size_t{17}, d.size() / 2, d.size() - 1}) {  // header, SPI, ciphertext, ICV
    wire::Bytes t = d;
    t[at] ^= 0x01;
    auto td = wire::decode_message(t);
    if (!td.ok()) continue;  // a flipped header field may already fail decoding
    EXPECT_TRUE(std::holds_alternative<UnprotectError>(unprotect(t, td.message(), suite(), keys))) << at;
  }
}

TEST_F(SkPayload, AeadRoundTripAndTampering) {
  auto gcm = crypto::AeadCipher::create(ctx_, uint16_t{20}, 256);
  ASSERT_NE(gcm, nullptr);
  SkSuite s{nullptr, nullptr, gcm.get()};
  crypto::DeterministicRng rng(ctx_, crypto::ByteSpan::from_text("gcm-test"));
  crypto::Bytes keymat(36, 0x33);  // 32-byte key | 4-byte salt
  SkKeys keys{keymat, {}};
  wire::Header h;
  h.exchange = wire::ExchangeType::Informational;
  h.response = true;
  h.message_id = 9;
  wire::Bytes d = protect(h, sample_inner(), s, keys, rng);
  auto decoded = wire::decode_message(d);
  ASSERT_TRUE(decoded.ok());
  ASSERT_TRUE(std::holds_alternative<std::vector<wire::Payload>>(unprotect(d, decoded.message(), s, keys)));
  wire::Bytes t = d;
  t[20] ^= 0x80;  // the message ID is associated data
  auto td = wire::decode_message(t);
  ASSERT_TRUE(td.ok());
  EXPECT_TRUE(std::holds_alternative<UnprotectError>(unprotect(t, td.message(), s, keys)));
}

TEST_F(SkPayload, MalformedSkBodiesAreErrorsNotCrashes) {
  crypto::Bytes ek(32, 1), ak(32, 2);
  SkKeys keys{ek, ak};
  wire::Message m;
  m.header.exchange = wire::ExchangeType::IkeAuth;
  wire::EncryptedPayload sk;
  sk.first_inner = wire::PayloadType::Nonce;
  for (size_t n : {size_t{0}, size_t{5}, size_t{16}, size_t{33}, size_t{48}}) {
    sk.body.assign(n, 0);
    m.payloads = {sk};
    wire::Bytes d = wire::encode_message(m);
    auto decoded = wire::decode_message(d);
    ASSERT_TRUE(decoded.ok());
    EXPECT_TRUE(std::holds_alternative<UnprotectError>(unprotect(d, decoded.message(), suite(), keys))) << n;
  }
  m.payloads.clear();
  wire::Bytes d = wire::encode_message(m);
  auto decoded = wire::decode_message(d);
  ASSERT_TRUE(decoded.ok());
  EXPECT_TRUE(std::holds_alternative<UnprotectError>(unprotect(d, decoded.message(), suite(), keys)));
}

}  // namespace
}  // namespace ikeshift::engine::ikev2
