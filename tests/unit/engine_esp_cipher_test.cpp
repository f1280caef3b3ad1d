// The per-SA ESP ciphers (engine/esp/esp_cipher.h) on published vectors:
// AES-GCM ESP packets from draft-mcgrew-gcm-test-01 (128/192/256-bit keys,
// with and without extended sequence numbers), and CBC+HMAC / NULL+HMAC
// against the independently tested engine/crypto primitives (NIST SP
// 800-38A, RFC 2202/4231/4868 vectors in engine_crypto_*_test.cpp).
#include <gtest/gtest.h>

#include <cstring>

#include "crypto/cbc_cipher.h"
#include "crypto/hex.h"
#include "crypto/integrity.h"
#include "esp/esp_cipher.h"

namespace ikeshift::engine::esp {
namespace {

using crypto::Bytes;
using crypto::from_hex;

struct GcmVector {
  const char* name;
  unsigned bits;
  const char* key;   // AES key
  const char* salt;  // 4 bytes, the end of KEYMAT (RFC 4106 8.1)
  uint32_t spi;
  uint32_t seq_high;  // ESN high half (0 and esn=false: 32-bit)
  uint32_t seq_low;
  bool esn;
  const char* iv;
  const char* plaintext;
  const char* ciphertext_and_tag;
};

// draft-mcgrew-gcm-test-01, the packets with ESP SPI/sequence AAD.
const GcmVector kGcm[] = {
    {"128-bit key, ESN", 128, "4c80cdefbb5d10da906ac73c3613a634", "2e443b68", 0x00004321, 0x87654321, 0x00000000,
     true, "4956ed7e3b244cfe",
     "45000048699a000080114db7c0a80102c0a801010a9bf15638d3010000010000"
     "00000000045f736970045f756470037369700963796265726369747902646b00"
     "0021000101020201",
     "fecf537e729d5b07dc30df528dd22b768d1b98736696a6fd348509fa13ceac34"
     "cfa2436f14a3f3cf65925bf1f4a13c5d15b21e1884f5ff6247aeabb786b93bce"
     "61bc17d768fd9732459018148f6cbe722fd04796562dfdb4"},
    {"192-bit key", 192, "feffe9928665731c6d6a8f9467308308feffe9928665731c", "cafebabe", 0x0000a5f8, 0, 0x0000000a,
     false, "facedbaddecaf888",
     "45000028a4ad4000400678800a01038f0a010612802306b8cb712602dd6bb03e501016d075680001",
     "a5b1f8066029aea40e598b8122de02420938b3ab33f828e687b8858b5bfbdbd0315b27452144cc77"
     "95457b9652037f5318027b5b4cd7a636"},
    {"256-bit key", 256, "abbccddef00112233445566778899aababbccddef00112233445566778899aab", "11223344", 0x4a2cbfe3, 0,
     0x00000002, false, "0102030405060708",
     "4500003069a6400080062690c0a801029389155e0a9e008b2dc57ee000000000"
     "7002400020bf0000020405b40101040201020201",
     "ff425c9b724599df7a3bcd510194e00d6a78107f1b0b1cbf06efae9d65a5d763"
     "748a637985771d347f0545659f14e99def842d8eb335f4eecfdbf831824b4c4915956c96"},
    {"all-zero key", 128, "00000000000000000000000000000000", "00000000", 0x00000000, 0, 0x00000001, false,
     "0000000000000000",
     "4500003c99c500008001cb7a40679318010101010800075c0200440061626364"
     "65666768696a6b6c6d6e6f707172737475767761626364656667686901020201",
     "4688daf2f973a392732909c331d56d60f694abaa414b5e7ff5fdcdfff5e9a284"
     "456476492719ffb64de7d9dca1e1d894bc3bd57873ed4d181d19d4d5c8c18af3"
     "f821d496eeb096e98ad2b69e4799c71d"},
};

Bytes header(uint32_t spi, uint32_t seq) {
  Bytes h(8);
  for (int i = 0; i < 4; ++i) {
    h[i] = static_cast<uint8_t>(spi >> (24 - 8 * i));
    h[4 + i] = static_cast<uint8_t>(seq >> (24 - 8 * i));
  }
  return h;
}

dataplane::EspTransform gcm(unsigned bits, bool esn) {
  dataplane::EspTransform t;
  t.encryption_id = kEncrAesGcm16;
  t.encryption_bits = static_cast<uint16_t>(bits);
  t.esn = esn;
  return t;
}

class GcmVectors : public ::testing::TestWithParam<GcmVector> {};

TEST_P(GcmVectors, SealProducesThePublishedPacketAndOpenRecoversThePlaintext) {
  const GcmVector& v = GetParam();
  crypto::CryptoContext ctx;
  Bytes keymat = from_hex(v.key);
  Bytes salt = from_hex(v.salt);
  keymat.insert(keymat.end(), salt.begin(), salt.end());
  std::string why;
  auto out = SaCipher::create(ctx, gcm(v.bits, v.esn), keymat, {}, true, why);
  auto in = SaCipher::create(ctx, gcm(v.bits, v.esn), keymat, {}, false, why);
  ASSERT_TRUE(out && in) << why;
  EXPECT_EQ(out->iv_size(), 8u);
  EXPECT_EQ(out->icv_size(), 16u);

  const Bytes pt = from_hex(v.plaintext);
  Bytes packet = header(v.spi, v.seq_low);
  Bytes iv = from_hex(v.iv);
  packet.insert(packet.end(), iv.begin(), iv.end());
  packet.insert(packet.end(), pt.begin(), pt.end());
  packet.resize(packet.size() + 16);
  ASSERT_TRUE(out->seal(packet.data(), pt.size(), v.seq_high, v.esn));
  EXPECT_EQ(crypto::to_hex(crypto::ByteSpan(packet.data() + 16, packet.size() - 16)), v.ciphertext_and_tag);

  Bytes received = packet;
  ASSERT_TRUE(in->open(received.data(), pt.size(), v.seq_high, v.esn));
  EXPECT_EQ(Bytes(received.begin() + 16, received.begin() + 16 + static_cast<long>(pt.size())), pt);

  // Any flipped bit -- header (AAD), IV, ciphertext, tag -- fails, and with
  // ESN so do wrong high bits that were never sent.
  for (size_t at : {size_t{1}, size_t{6}, size_t{9}, size_t{20}, packet.size() - 1}) {
    Bytes bad = packet;
    bad[at] ^= 0x01;
    EXPECT_FALSE(in->open(bad.data(), pt.size(), v.seq_high, v.esn)) << "byte " << at;
  }
  if (v.esn) {
    Bytes wrong_high = packet;
    EXPECT_FALSE(in->open(wrong_high.data(), pt.size(), v.seq_high + 1, true));
  }
}

INSTANTIATE_TEST_SUITE_P(DraftMcgrewGcmTest01, GcmVectors, ::testing::ValuesIn(kGcm),
                         [](const ::testing::TestParamInfo<GcmVector>& i) {
                           std::string n = i.param.name;
                           for (char& c : n)
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

struct CbcCase {
  uint16_t encr;
  uint16_t bits;
  uint16_t integ;
};

class CbcHmac : public ::testing::TestWithParam<CbcCase> {};

// The ESP packet built in place equals one built from the separately tested
// CbcCipher and Integrity: IV || CBC(plaintext) and the truncated HMAC over
// SPI || seq || IV || ciphertext (|| seq high with ESN).
TEST_P(CbcHmac, MatchesTheIndependentPrimitivesAndRejectsTampering) {
  const CbcCase c = GetParam();
  crypto::CryptoContext ctx;
  dataplane::EspTransform t;
  t.encryption_id = c.encr;
  t.encryption_bits = c.bits;
  t.integrity_id = c.integ;
  EspKeySizes sizes;
  std::string why;
  ASSERT_TRUE(SaCipher::key_sizes(ctx, t, sizes, why)) << why;
  Bytes ek(sizes.encryption), ik(sizes.integrity);
  for (size_t i = 0; i < ek.size(); ++i) ek[i] = static_cast<uint8_t>(0x10 + i);
  for (size_t i = 0; i < ik.size(); ++i) ik[i] = static_cast<uint8_t>(0xa0 + i);
  for (bool esn : {false, true}) {
    t.esn = esn;
    auto out = SaCipher::create(ctx, t, ek, ik, true, why);
    auto in = SaCipher::create(ctx, t, ek, ik, false, why);
    ASSERT_TRUE(out && in) << why;
    const size_t block = out->alignment();
    const size_t n = block * 5;
    Bytes plain(n);
    for (size_t i = 0; i < n; ++i) plain[i] = static_cast<uint8_t>(i * 7);
    Bytes iv(out->iv_size());
    for (size_t i = 0; i < iv.size(); ++i) iv[i] = static_cast<uint8_t>(0xc0 + i);
    Bytes packet = header(0x11223344, 0x00000007);
    packet.insert(packet.end(), iv.begin(), iv.end());
    packet.insert(packet.end(), plain.begin(), plain.end());
    packet.resize(packet.size() + out->icv_size());
    const uint32_t high = 0x00000003;
    ASSERT_TRUE(out->seal(packet.data(), n, high, esn));

    Bytes expected = header(0x11223344, 0x00000007);
    expected.insert(expected.end(), iv.begin(), iv.end());
    if (c.encr == kEncrNull) {
      expected.insert(expected.end(), plain.begin(), plain.end());
    } else {
      auto cbc = crypto::CbcCipher::create(ctx, c.encr, c.bits);
      ASSERT_TRUE(cbc);
      Bytes ct = cbc->encrypt(ek, iv, plain);
      expected.insert(expected.end(), ct.begin(), ct.end());
    }
    auto integ = crypto::Integrity::create(ctx, c.integ);
    ASSERT_TRUE(integ);
    Bytes high_bytes = {0, 0, 0, 3};
    Bytes icv = esn ? integ->compute(ik, {crypto::ByteSpan(expected), crypto::ByteSpan(high_bytes)})
                    : integ->compute(ik, expected);
    expected.insert(expected.end(), icv.begin(), icv.end());
    EXPECT_EQ(crypto::to_hex(packet), crypto::to_hex(expected)) << "esn " << esn;

    Bytes received = packet;
    ASSERT_TRUE(in->open(received.data(), n, high, esn));
    EXPECT_EQ(Bytes(received.begin() + 8 + static_cast<long>(iv.size()),
                    received.begin() + 8 + static_cast<long>(iv.size() + n)),
              plain);
    for (size_t at : {size_t{0}, size_t{5}, size_t{8}, packet.size() / 2, packet.size() - 1}) {
      Bytes bad = packet;
      bad[at] ^= 0x80;
      EXPECT_FALSE(in->open(bad.data(), n, high, esn)) << "byte " << at;
    }
    if (esn) {
      Bytes other = packet;
      EXPECT_FALSE(in->open(other.data(), n, high + 1, true));
    }
    // A length that is not a whole number of blocks is refused, never read past.
    if (block > 1) {
      EXPECT_FALSE(in->open(packet.data(), n - 1, high, esn));
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Transforms, CbcHmac,
                         ::testing::Values(CbcCase{kEncrAesCbc, 128, 2}, CbcCase{kEncrAesCbc, 192, 12},
                                           CbcCase{kEncrAesCbc, 256, 12}, CbcCase{kEncrAesCbc, 256, 13},
                                           CbcCase{kEncrAesCbc, 256, 14}, CbcCase{kEncr3Des, 0, 2},
                                           CbcCase{kEncr3Des, 0, 12}, CbcCase{kEncrNull, 0, 2},
                                           CbcCase{kEncrNull, 0, 12}, CbcCase{kEncrAesCbc, 128, 1}));

TEST(SaCipher, KeySizesFollowTheRfcs) {
  crypto::CryptoContext ctx;
  std::string why;
  EspKeySizes s;
  dataplane::EspTransform t;
  t.encryption_id = kEncrAesCbc;
  t.encryption_bits = 256;
  t.integrity_id = 12;
  ASSERT_TRUE(SaCipher::key_sizes(ctx, t, s, why));
  EXPECT_EQ(s.encryption, 32u);
  EXPECT_EQ(s.integrity, 32u);  // RFC 4868: key = hash length
  t.integrity_id = 2;
  ASSERT_TRUE(SaCipher::key_sizes(ctx, t, s, why));
  EXPECT_EQ(s.integrity, 20u);
  t = gcm(256, false);
  ASSERT_TRUE(SaCipher::key_sizes(ctx, t, s, why));
  EXPECT_EQ(s.encryption, 36u);  // key + salt
  EXPECT_EQ(s.integrity, 0u);
}

TEST(SaCipher, RefusesWhatItCannotDoWithAReason) {
  crypto::CryptoContext ctx;
  std::string why;
  dataplane::EspTransform t;
  t.encryption_id = kEncrAesCbc;
  t.encryption_bits = 256;
  EXPECT_FALSE(SaCipher::create(ctx, t, Bytes(32), {}, true, why));  // no integrity
  EXPECT_NE(why.find("integrity"), std::string::npos);
  t.integrity_id = 12;
  EXPECT_FALSE(SaCipher::create(ctx, t, Bytes(16), Bytes(32), true, why));  // short key
  EXPECT_NE(why.find("key lengths"), std::string::npos);
  t.encryption_id = 2;  // DES
  EXPECT_FALSE(SaCipher::create(ctx, t, Bytes(8), Bytes(32), true, why));
  t = gcm(256, false);
  t.integrity_id = 12;
  EXPECT_FALSE(SaCipher::create(ctx, t, Bytes(36), Bytes(32), true, why));  // GCM with an HMAC
}

}  // namespace
}  // namespace ikeshift::engine::esp
