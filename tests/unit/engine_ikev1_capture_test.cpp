// The IKEv1 codec, keymat and IV chaining against a real strongSwan exchange
// (fixtures/captures/ikev1-*, README there): every message decodes to the
// payload list charon logged for it; from the lab PSK, the nonces and cookies
// on the wire and the g^xy charon logged, our SKEYID, SKEYID_d/a/e, Ka and
// initial IV equal charon's; our IVs decrypt every encrypted message (IKEv1
// has no ICV, so a wrong IV shows up as garbage that does not parse); HASH_I,
// HASH_R, HASH(1..3) and the Informational HASH we compute equal both the
// payloads on the wire and charon's log; the Quick Mode KEYMAT equals the ESP
// keys charon installed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "crypto/cbc_cipher.h"
#include "crypto/crypto_context.h"
#include "crypto/hex.h"
#include "crypto/ikev1_keymat.h"
#include "ikev1/protection.h"
#include "wire/ikev1_codec.h"
#include "wire/ikev1_names.h"

namespace ikeshift::engine::ikev1 {
namespace {

namespace fs = std::filesystem;
namespace w1 = wire::ikev1;
using crypto::from_hex;
using crypto::to_hex;

const fs::path kDir = fs::path(IKESHIFT_SOURCE_DIR) / "fixtures" / "captures";
const char* kPsk = "lab-v1-cisco-style";

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Captured {
  std::string name;
  wire::Bytes bytes;
  w1::Message message;
};

std::vector<Captured> messages() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(kDir)) {
    const std::string n = e.path().filename().string();
    if (n.rfind("ikev1-", 0) == 0 && e.path().extension() == ".bin") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Captured> out;
  for (const auto& f : files) {
    std::string s = read(f);
    Captured c;
    c.name = f.filename().string();
    c.bytes.assign(s.begin(), s.end());
    w1::DecodeResult d = w1::decode_message(c.bytes);
    EXPECT_TRUE(d.ok()) << c.name << ": " << (d.ok() ? "" : d.error().what);
    if (d.ok()) c.message = d.message();
    out.push_back(std::move(c));
  }
  return out;
}

// charon's "[ SA V V ]" lists, in capture order.
std::vector<std::string> charon_lists() {
  std::vector<std::string> out;
  std::istringstream in(read(kDir / "ikev1-charon-A-messages.txt"));
  for (std::string line; std::getline(in, line);) {
    size_t at = line.find("[ ");
    if (at != std::string::npos) out.push_back(line.substr(at));
  }
  return out;
}

// "<label>\t<hex>" lines; the n-th value with a label.
class Secrets {
 public:
  Secrets() {
    std::istringstream in(read(kDir / "ikev1-secrets.txt"));
    for (std::string line; std::getline(in, line);) {
      if (line.empty() || line[0] == '#') continue;
      size_t tab = line.find('\t');
      values_[line.substr(0, tab)].push_back(line.substr(tab + 1));
    }
  }
  std::string get(const std::string& label, size_t n = 0) const {
    auto it = values_.find(label);
    if (it == values_.end() || n >= it->second.size()) return "(missing " + label + " #" + std::to_string(n) + ")";
    return it->second[n];
  }
  size_t count(const std::string& label) const {
    auto it = values_.find(label);
    return it == values_.end() ? 0 : it->second.size();
  }

 private:
  std::map<std::string, std::vector<std::string>> values_;
};

wire::Bytes be64(uint64_t v) {
  wire::Bytes out;
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
  return out;
}

// The keys one ISAKMP SA of the capture needs, derived the engine's way.
struct Phase1 {
  uint64_t cky_i = 0, cky_r = 0;
  wire::Bytes g_xi, g_xr, ni, nr, sai_b, last_block;
  crypto::Ikev1Skeyids keys;
  crypto::SecureBytes ka;
  std::map<uint32_t, wire::Bytes> iv_by_mid;  // running IV of each Quick Mode / Informational
};

class Ikev1Capture : public ::testing::Test {
 protected:
  void SetUp() override {
    all_ = messages();
    ASSERT_EQ(all_.size(), 22u);
  }
  // Main Mode messages first..first+5 (0-based index into all_).
  Phase1 phase1(size_t first, size_t dh_index) {
    Phase1 p;
    const auto& m1 = all_[first].message;
    const auto& m3 = all_[first + 2].message;
    const auto& m4 = all_[first + 3].message;
    p.cky_i = m1.header.cky_i;
    p.cky_r = all_[first + 1].message.header.cky_r;
    const w1::PayloadSpan sa = m1.spans.at(0);
    p.sai_b.assign(all_[first].bytes.begin() + static_cast<std::ptrdiff_t>(w1::kHeaderSize + sa.offset + 4),
                   all_[first].bytes.begin() + static_cast<std::ptrdiff_t>(w1::kHeaderSize + sa.offset + sa.length));
    p.g_xi = w1::find_first<w1::KePayload>(m3.payloads)->data;
    p.g_xr = w1::find_first<w1::KePayload>(m4.payloads)->data;
    p.ni = w1::find_first<w1::NoncePayload>(m3.payloads)->data;
    p.nr = w1::find_first<w1::NoncePayload>(m4.payloads)->data;
    const wire::Bytes g_xy = from_hex(secrets_.get("shared Diffie Hellman secret", dh_index));
    p.keys = crypto::ikev1_derive_skeyids(sha1_, crypto::ikev1_skeyid_psk(sha1_, crypto::ByteSpan::from_text(kPsk), p.ni, p.nr),
                                          g_xy, be64(p.cky_i), be64(p.cky_r));
    p.ka = crypto::ikev1_encryption_key(sha1_, p.keys.skeyid_e, des3_.key_size());
    return p;
  }
  Opened decrypt(const Captured& c, crypto::ByteSpan key, const wire::Bytes& iv) {
    auto r = open(c.message, des3_, key, iv);
    if (auto* e = std::get_if<OpenError>(&r)) {
      ADD_FAILURE() << c.name << ": " << e->what;
      return Opened{};
    }
    return std::move(std::get<Opened>(r));
  }
  // The bytes of `opened`'s chain after payload `index` (the QM/Informational hash input).
  static crypto::ByteSpan after(const Opened& o, size_t index) {
    const w1::PayloadSpan& s = o.chain.spans.at(index);
    const size_t from = s.offset + s.length;
    const w1::PayloadSpan& last = o.chain.spans.back();
    return crypto::ByteSpan(o.plaintext.data() + from, last.offset + last.length - from);
  }
  static crypto::ByteSpan body(const Opened& o, size_t index) {
    const w1::PayloadSpan& s = o.chain.spans.at(index);
    return crypto::ByteSpan(o.plaintext.data() + s.offset + 4, s.length - 4);
  }
  // Decrypts the next message of exchange `mid` on `p`.
  Opened next_in_exchange(Phase1& p, const Captured& c) {
    uint32_t mid = c.message.header.message_id;
    auto it = p.iv_by_mid.find(mid);
    wire::Bytes iv = it != p.iv_by_mid.end() ? it->second
                                             : crypto::ikev1_phase2_iv(sha1_, p.last_block, mid, des3_.block_size());
    Opened o = decrypt(c, p.ka, iv);
    p.iv_by_mid[mid] = o.next_iv;
    return o;
  }

  crypto::CryptoContext ctx_;
  crypto::Prf sha1_{ctx_, crypto::PrfId::HmacSha1};
  crypto::CbcCipher des3_{ctx_, crypto::EncrId::TripleDes};
  Secrets secrets_;
  std::vector<Captured> all_;
};

TEST_F(Ikev1Capture, EveryMessageDecodesToCharonsPayloadList) {
  std::vector<std::string> lists = charon_lists();
  ASSERT_EQ(lists.size(), all_.size());
  for (size_t i = 0; i < all_.size(); ++i) {
    const w1::Message& m = all_[i].message;
    if (m.header.encrypted) continue;  // compared after decryption below
    EXPECT_EQ(w1::summarize_payloads(m.payloads), lists[i]) << all_[i].name;
    // Re-encoding a clear message gives the same bytes.
    EXPECT_EQ(w1::encode_message(m.header, m.payloads), all_[i].bytes) << all_[i].name;
  }
  // What strongSwan offers in Main Mode 1: one ISAKMP proposal, one KEY_IKE
  // transform with 3DES, SHA, PSK, group 5 and a lifetime in seconds.
  const auto* sa = w1::find_first<w1::SaPayload>(all_[0].message.payloads);
  ASSERT_NE(sa, nullptr);
  ASSERT_EQ(sa->proposals.size(), 1u);
  EXPECT_EQ(sa->proposals[0].protocol, w1::ProtocolId::Isakmp);
  ASSERT_EQ(sa->proposals[0].transforms.size(), 1u);
  const w1::Transform& t = sa->proposals[0].transforms[0];
  EXPECT_EQ(t.id, w1::kTransformKeyIke);
  auto attr = [&](w1::Phase1Attribute a) {
    const w1::Attribute* x = t.find(static_cast<uint16_t>(a));
    return x ? x->integer().value_or(0) : 0;
  };
  EXPECT_EQ(attr(w1::Phase1Attribute::Encryption), static_cast<uint64_t>(w1::Phase1Encryption::TripleDes));
  EXPECT_EQ(attr(w1::Phase1Attribute::Hash), static_cast<uint64_t>(w1::Phase1Hash::Sha1));
  EXPECT_EQ(attr(w1::Phase1Attribute::AuthenticationMethod), static_cast<uint64_t>(w1::AuthMethod::PreSharedKey));
  EXPECT_EQ(attr(w1::Phase1Attribute::GroupDescription), 5u);
  EXPECT_EQ(attr(w1::Phase1Attribute::LifeType), 1u);
  EXPECT_GT(attr(w1::Phase1Attribute::LifeDuration), 65535u);  // written as a 4-octet TLV
}

TEST_F(Ikev1Capture, MainModeKeysHashesAndIvsMatchCharon) {
  for (size_t round = 0; round < 2; ++round) {
    const size_t first = round == 0 ? 0 : 12;
    SCOPED_TRACE("Main Mode starting at message " + std::to_string(first + 1));
    Phase1 p = phase1(first, round);
    EXPECT_EQ(to_hex(p.keys.skeyid), secrets_.get("SKEYID", round));
    EXPECT_EQ(to_hex(p.keys.skeyid_d), secrets_.get("SKEYID_d", round));
    EXPECT_EQ(to_hex(p.keys.skeyid_a), secrets_.get("SKEYID_a", round));
    EXPECT_EQ(to_hex(p.keys.skeyid_e), secrets_.get("SKEYID_e", round));
    EXPECT_EQ(to_hex(p.ka), secrets_.get("encryption key Ka", round));  // 20-byte SKEYID_e expanded to 24
    wire::Bytes iv = crypto::ikev1_phase1_iv(sha1_, p.g_xi, p.g_xr, des3_.block_size());
    EXPECT_EQ(to_hex(iv), secrets_.get("initial IV", round));

    Opened m5 = decrypt(all_[first + 4], p.ka, iv);
    Opened m6 = decrypt(all_[first + 5], p.ka, m5.next_iv);
    ASSERT_FALSE(HasFailure());
    std::vector<std::string> lists = charon_lists();
    EXPECT_EQ(w1::summarize_payloads(m5.chain.payloads), lists[first + 4]);
    EXPECT_EQ(w1::summarize_payloads(m6.chain.payloads), lists[first + 5]);
    const auto* id_i = w1::find_first<w1::IdPayload>(m5.chain.payloads);
    const auto* id_r = w1::find_first<w1::IdPayload>(m6.chain.payloads);
    ASSERT_NE(id_i, nullptr);
    ASSERT_NE(id_r, nullptr);
    EXPECT_EQ(w1::id_to_string(*id_i), "192.0.2.1");
    EXPECT_EQ(w1::id_to_string(*id_r), "192.0.2.2");
    const wire::Bytes hash_i = crypto::ikev1_hash_i(sha1_, p.keys.skeyid, p.g_xi, p.g_xr, be64(p.cky_i), be64(p.cky_r),
                                                    p.sai_b, body(m5, 0));
    const wire::Bytes hash_r = crypto::ikev1_hash_r(sha1_, p.keys.skeyid, p.g_xi, p.g_xr, be64(p.cky_i), be64(p.cky_r),
                                                    p.sai_b, body(m6, 0));
    EXPECT_EQ(to_hex(hash_i), secrets_.get("HASH_I", round));
    EXPECT_EQ(to_hex(hash_r), secrets_.get("HASH_R", round));
    EXPECT_EQ(w1::find_first<w1::HashPayload>(m5.chain.payloads)->data, hash_i);
    EXPECT_EQ(w1::find_first<w1::HashPayload>(m6.chain.payloads)->data, hash_r);
    // The padding is zero octets, as RFC 2409 says.
    for (size_t i = m5.chain.spans.back().offset + m5.chain.spans.back().length; i < m5.plaintext.size(); ++i)
      EXPECT_EQ(m5.plaintext[i], 0) << i;
  }
}

TEST_F(Ikev1Capture, QuickModeHashesAndKeymatMatchCharon) {
  Phase1 p = phase1(0, 0);
  wire::Bytes iv = crypto::ikev1_phase1_iv(sha1_, p.g_xi, p.g_xr, des3_.block_size());
  Opened m5 = decrypt(all_[4], p.ka, iv);
  Opened m6 = decrypt(all_[5], p.ka, m5.next_iv);
  p.last_block = m6.next_iv;
  std::vector<std::string> lists = charon_lists();
  for (size_t round = 0; round < 2; ++round) {
    const size_t first = 6 + 3 * round;
    SCOPED_TRACE("Quick Mode starting at message " + std::to_string(first + 1));
    const uint32_t mid = all_[first].message.header.message_id;
    Opened q1 = next_in_exchange(p, all_[first]);
    Opened q2 = next_in_exchange(p, all_[first + 1]);
    Opened q3 = next_in_exchange(p, all_[first + 2]);
    ASSERT_FALSE(HasFailure());
    EXPECT_EQ(w1::summarize_payloads(q1.chain.payloads), lists[first]);
    EXPECT_EQ(w1::summarize_payloads(q2.chain.payloads), lists[first + 1]);
    EXPECT_EQ(w1::summarize_payloads(q3.chain.payloads), lists[first + 2]);
    const wire::Bytes& ni = w1::find_first<w1::NoncePayload>(q1.chain.payloads)->data;
    const wire::Bytes& nr = w1::find_first<w1::NoncePayload>(q2.chain.payloads)->data;
    const wire::Bytes h1 = crypto::ikev1_hash1(sha1_, p.keys.skeyid_a, mid, after(q1, 0));
    const wire::Bytes h2 = crypto::ikev1_hash2(sha1_, p.keys.skeyid_a, mid, ni, after(q2, 0));
    const wire::Bytes h3 = crypto::ikev1_hash3(sha1_, p.keys.skeyid_a, mid, ni, nr);
    EXPECT_EQ(to_hex(h1), secrets_.get("Hash(1)", round));
    EXPECT_EQ(to_hex(h2), secrets_.get("Hash(2)", round));
    EXPECT_EQ(to_hex(h3), secrets_.get("Hash(3)", round));
    EXPECT_EQ(std::get<w1::HashPayload>(q1.chain.payloads[0]).data, h1);
    EXPECT_EQ(std::get<w1::HashPayload>(q2.chain.payloads[0]).data, h2);
    EXPECT_EQ(std::get<w1::HashPayload>(q3.chain.payloads[0]).data, h3);
    // Proxy IDs: charon A's local 10.10.10.0/24 as IDci, remote as IDcr, and
    // the responder echoes them in the same order.
    auto ids1 = w1::find_all<w1::IdPayload>(q1.chain.payloads);
    auto ids2 = w1::find_all<w1::IdPayload>(q2.chain.payloads);
    ASSERT_EQ(ids1.size(), 2u);
    ASSERT_EQ(ids2.size(), 2u);
    EXPECT_EQ(ids1[0]->type, w1::IdType::Ipv4AddrSubnet);
    EXPECT_EQ(w1::id_to_string(*ids1[0]), "10.10.10.0/255.255.255.0");
    EXPECT_EQ(w1::id_to_string(*ids1[1]), "10.20.20.0/255.255.255.0");
    EXPECT_EQ(*ids1[0], *ids2[0]);
    EXPECT_EQ(*ids1[1], *ids2[1]);
    // KEYMAT: initiator->responder with the responder's SPI, and back.
    const auto& spi_i = w1::find_first<w1::SaPayload>(q1.chain.payloads)->proposals.at(0).spi;
    const auto& spi_r = w1::find_first<w1::SaPayload>(q2.chain.payloads)->proposals.at(0).spi;
    EXPECT_EQ(to_hex(crypto::concat({crypto::Bytes{3}, spi_r, ni, nr})), secrets_.get("initiator SA seed", round));
    EXPECT_EQ(to_hex(crypto::concat({crypto::Bytes{3}, spi_i, ni, nr})), secrets_.get("responder SA seed", round));
    crypto::ChildSaKeys k =
        crypto::ikev1_child_sa_keys(sha1_, p.keys.skeyid_d, {}, 3, spi_i, spi_r, ni, nr, crypto::KeyLengths{24, 20});
    EXPECT_EQ(to_hex(k.encr_i), secrets_.get("encryption initiator key", round));
    EXPECT_EQ(to_hex(k.encr_r), secrets_.get("encryption responder key", round));
    EXPECT_EQ(to_hex(k.integ_i), secrets_.get("integrity initiator key", round));
    EXPECT_EQ(to_hex(k.integ_r), secrets_.get("integrity responder key", round));
  }
}

TEST_F(Ikev1Capture, InformationalDeletesDecryptOnTheirOwnIsakmpSa) {
  // Two ISAKMP SAs: the first Main Mode's (messages 1-6) and the rekey's
  // (13-18). Each Delete belongs to the one whose cookies it carries.
  std::vector<Phase1> sas;
  for (size_t round = 0; round < 2; ++round) {
    Phase1 p = phase1(round == 0 ? 0 : 12, round);
    wire::Bytes iv = crypto::ikev1_phase1_iv(sha1_, p.g_xi, p.g_xr, des3_.block_size());
    Opened m5 = decrypt(all_[(round == 0 ? 0 : 12) + 4], p.ka, iv);
    Opened m6 = decrypt(all_[(round == 0 ? 0 : 12) + 5], p.ka, m5.next_iv);
    p.last_block = m6.next_iv;
    sas.push_back(std::move(p));
  }
  std::vector<std::string> lists = charon_lists();
  size_t isakmp_deletes = 0, esp_deletes = 0;
  for (size_t i = 18; i < 22; ++i) {
    const w1::Header& h = all_[i].message.header;
    Phase1* p = nullptr;
    for (auto& sa : sas)
      if (sa.cky_i == h.cky_i && sa.cky_r == h.cky_r) p = &sa;
    ASSERT_NE(p, nullptr) << all_[i].name;
    Opened o = next_in_exchange(*p, all_[i]);
    ASSERT_FALSE(HasFailure());
    EXPECT_EQ(w1::summarize_payloads(o.chain.payloads), lists[i]);
    EXPECT_EQ(std::get<w1::HashPayload>(o.chain.payloads[0]).data,
              crypto::ikev1_hash1(sha1_, p->keys.skeyid_a, h.message_id, after(o, 0)));
    const auto* d = w1::find_first<w1::DeletePayload>(o.chain.payloads);
    ASSERT_NE(d, nullptr);
    if (d->protocol == w1::ProtocolId::Isakmp) {
      ++isakmp_deletes;
      ASSERT_EQ(d->spis.size(), 1u);
      EXPECT_EQ(d->spi_size, 16);
      EXPECT_EQ(d->spis[0], crypto::concat({be64(h.cky_i), be64(h.cky_r)}));
    } else {
      ++esp_deletes;
      EXPECT_EQ(d->spi_size, 4);
    }
  }
  EXPECT_EQ(isakmp_deletes, 2u);
  EXPECT_EQ(esp_deletes, 2u);
}

}  // namespace
}  // namespace ikeshift::engine::ikev1
