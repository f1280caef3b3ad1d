// Ciphers and integrity against published vectors: AES-CBC (NIST SP 800-38A
// F.2), 3DES (NIST SP 800-67 example), DES-CBC (FIPS 81 appendix C, legacy
// provider), AES-GCM (McGrew & Viega test cases 4 and 16, used as RFC 4106
// salt || IV), and truncated HMAC ICVs (RFC 4868 2.7.2, RFC 2202 via RFC 2403 /
// RFC 2404).
#include "crypto/aead_cipher.h"
#include "crypto/cbc_cipher.h"
#include "crypto/crypto_context.h"
#include "crypto/crypto_error.h"
#include "crypto/hex.h"
#include "crypto/integrity.h"

#include <gtest/gtest.h>

#include <string>

namespace ikeshift::crypto {
namespace {

Bytes text(const std::string& s) { return Bytes(s.begin(), s.end()); }

// SP 800-38A F.2: the same four plaintext blocks and IV for every key size.
const char* kSp80038aPlain =
    "6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51"
    "30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710";
const char* kSp80038aIv = "000102030405060708090a0b0c0d0e0f";

class CipherTest : public ::testing::Test {
 protected:
  CryptoContext ctx;
};

TEST_F(CipherTest, AesCbcSp80038a) {
  struct Case {
    unsigned bits;
    const char* key;
    const char* cipher;
  };
  const Case cases[] = {
      // F.2.1 CBC-AES128.Encrypt / F.2.2 Decrypt
      {128, "2b7e151628aed2a6abf7158809cf4f3c",
       "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
       "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7"},
      // F.2.3 CBC-AES192
      {192, "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
       "4f021db243bc633d7178183a9fa071e8b4d9ada9ad7dedf4e5e738763f69145a"
       "571b242012fb7ae07fa9baac3df102e008b0e27988598881d920a9e64f5615cd"},
      // F.2.5 CBC-AES256
      {256, "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
       "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d"
       "39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.bits);
    CbcCipher aes(ctx, EncrId::AesCbc, c.bits);
    EXPECT_EQ(aes.key_size(), c.bits / 8);
    EXPECT_EQ(aes.block_size(), 16u);
    EXPECT_EQ(aes.iv_size(), 16u);
    const Bytes key = from_hex(c.key), iv = from_hex(kSp80038aIv), plain = from_hex(kSp80038aPlain);
    EXPECT_EQ(to_hex(aes.encrypt(key, iv, plain)), c.cipher);
    auto back = aes.decrypt(key, iv, from_hex(c.cipher));
    ASSERT_TRUE(back);
    EXPECT_EQ(to_hex(*back), to_hex(plain));
  }
}

TEST_F(CipherTest, TripleDesSp80067Example) {
  // SP 800-67 example (three distinct keys, "The qufck brown fox jump"), which
  // is published as ECB. Through the CBC interface: with IV = 0 and each
  // plaintext block pre-XORed with the previous expected ciphertext block, CBC
  // must produce exactly the ECB ciphertext.
  const Bytes key = from_hex("0123456789ABCDEF 23456789ABCDEF01 456789ABCDEF0123");
  const Bytes ecb_plain = from_hex("5468652071756663 6B2062726F776E20 666F78206A756D70");
  const Bytes ecb_cipher = from_hex("A826FD8CE53B855F CCE21C8112256FE6 68D5C05DD9B6B900");
  Bytes cbc_plain = ecb_plain;
  for (std::size_t i = 8; i < cbc_plain.size(); ++i) cbc_plain[i] ^= ecb_cipher[i - 8];
  CbcCipher des3(ctx, EncrId::TripleDes);
  EXPECT_EQ(des3.key_size(), 24u);
  EXPECT_EQ(des3.block_size(), 8u);
  const Bytes iv(8, 0);
  EXPECT_EQ(to_hex(des3.encrypt(key, iv, cbc_plain)), to_hex(ecb_cipher));
  auto back = des3.decrypt(key, iv, ecb_cipher);
  ASSERT_TRUE(back);
  EXPECT_EQ(to_hex(*back), to_hex(cbc_plain));
}

TEST_F(CipherTest, DesNeedsTheLegacyProvider) {
  EXPECT_FALSE(ctx.has_legacy());
  EXPECT_EQ(CbcCipher::create(ctx, EncrId::Des), nullptr);

  CryptoContext legacy(CryptoContext::Options{true});
  ASSERT_TRUE(legacy.has_legacy());
  // The explicit default provider is still there next to legacy.
  EXPECT_NE(CbcCipher::create(legacy, EncrId::AesCbc, 128), nullptr);
  auto des = CbcCipher::create(legacy, EncrId::Des);
  ASSERT_NE(des, nullptr);
  // FIPS 81 appendix C, CBC mode: "Now is the time for all ".
  const Bytes key = from_hex("0123456789abcdef"), iv = from_hex("1234567890abcdef");
  EXPECT_EQ(to_hex(des->encrypt(key, iv, text("Now is the time for all "))),
            "e5c7cdde872bf27c43e934008c389c0f683788499a7c05f6");
}

TEST_F(CipherTest, CbcLengthRules) {
  CbcCipher aes(ctx, EncrId::AesCbc, 128);
  const Bytes key(16, 1), iv(16, 2);
  EXPECT_THROW(aes.encrypt(key, iv, Bytes(15, 0)), CryptoError);  // our plaintext: a bug
  EXPECT_THROW(aes.encrypt(Bytes(15, 1), iv, Bytes(16, 0)), CryptoError);
  EXPECT_FALSE(aes.decrypt(key, iv, Bytes(17, 0)));  // wire data: just refused
  EXPECT_FALSE(aes.decrypt(key, Bytes(8, 0), Bytes(16, 0)));
  EXPECT_EQ(CbcCipher::create(ctx, EncrId::AesCbc, 0), nullptr);
  EXPECT_EQ(CbcCipher::create(ctx, EncrId::AesCbc, 512), nullptr);
  EXPECT_EQ(CbcCipher::create(ctx, uint16_t{20}, 128), nullptr);  // GCM is not CBC
}

// McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", test cases 4
// (AES-128) and 16 (AES-256): 96-bit IV cafebabefacedbaddecaf888, split here
// into the RFC 4106 salt (cafebabe, the last 4 bytes of the keymat) and the
// 8-byte explicit IV.
const char* kGcmPlain =
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
    "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39";
const char* kGcmAad = "feedfacedeadbeeffeedfacedeadbeefabaddad2";

struct GcmCase {
  unsigned bits;
  const char* key;
  const char* cipher;
  const char* tag;
};
const GcmCase kGcmCases[] = {
    {128, "feffe9928665731c6d6a8f9467308308",
     "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
     "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
     "5bc94fbc3221a5db94fae95ae7121a47"},
    {256, "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
     "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
     "76fc6ece0f4e1768cddf8853bb2d551b"},
};

TEST_F(CipherTest, AesGcmMcGrewViega) {
  for (const GcmCase& c : kGcmCases) {
    SCOPED_TRACE(c.bits);
    auto gcm = AeadCipher::create(ctx, uint16_t{20}, c.bits);
    ASSERT_NE(gcm, nullptr);
    EXPECT_EQ(gcm->key_size(), c.bits / 8 + 4);
    EXPECT_EQ(gcm->iv_size(), 8u);
    EXPECT_EQ(gcm->icv_size(), 16u);
    const Bytes keymat = concat({from_hex(c.key), from_hex("cafebabe")});
    const Bytes iv = from_hex("facedbaddecaf888");
    const Bytes sealed = gcm->seal(keymat, iv, from_hex(kGcmAad), from_hex(kGcmPlain));
    EXPECT_EQ(to_hex(sealed), std::string(c.cipher) + c.tag);
    auto opened = gcm->open(keymat, iv, from_hex(kGcmAad), sealed);
    ASSERT_TRUE(opened);
    EXPECT_EQ(to_hex(*opened), kGcmPlain);
  }
}

TEST_F(CipherTest, AesGcmOpenFailsOnAnyChange) {
  const GcmCase& c = kGcmCases[0];
  AeadCipher gcm(ctx, 128);
  const Bytes keymat = concat({from_hex(c.key), from_hex("cafebabe")});
  const Bytes iv = from_hex("facedbaddecaf888");
  const Bytes aad = from_hex(kGcmAad);
  const Bytes sealed = from_hex(std::string(c.cipher) + c.tag);
  ASSERT_TRUE(gcm.open(keymat, iv, aad, sealed));

  Bytes flipped = sealed;
  flipped[5] ^= 0x01;  // one ciphertext bit
  EXPECT_FALSE(gcm.open(keymat, iv, aad, flipped));
  Bytes bad_tag = sealed;
  bad_tag.back() ^= 0x80;
  EXPECT_FALSE(gcm.open(keymat, iv, aad, bad_tag));
  Bytes bad_aad = aad;
  bad_aad[0] ^= 0x01;
  EXPECT_FALSE(gcm.open(keymat, iv, bad_aad, sealed));
  Bytes bad_salt = keymat;
  bad_salt.back() ^= 0x01;
  EXPECT_FALSE(gcm.open(bad_salt, iv, aad, sealed));
  EXPECT_FALSE(gcm.open(keymat, from_hex("facedbaddecaf889"), aad, sealed));
  EXPECT_FALSE(gcm.open(keymat, iv, aad, Bytes(15, 0)));  // shorter than the ICV
  EXPECT_FALSE(gcm.open(keymat, Bytes(12, 0), aad, sealed));

  // Empty plaintext still authenticates the AAD.
  const Bytes tag_only = gcm.seal(keymat, iv, aad, Bytes());
  EXPECT_EQ(tag_only.size(), 16u);
  EXPECT_TRUE(gcm.open(keymat, iv, aad, tag_only));
  EXPECT_FALSE(gcm.open(keymat, iv, Bytes(), tag_only));
  EXPECT_EQ(AeadCipher::create(ctx, uint16_t{12}, 128), nullptr);
}

TEST_F(CipherTest, IntegrityTruncatedIcvs) {
  struct Case {
    IntegId id;
    Bytes key;
    Bytes data;
    std::string icv;
    std::size_t key_size;
  };
  const std::vector<Case> cases = {
      // RFC 4868 2.7.2.1 AUTH256-1, 2.7.2.2 AUTH384-1, 2.7.2.3 AUTH512-1:
      // key 0x0b repeated key-size times, "Hi There"; ICV = left half.
      {IntegId::HmacSha2_256_128, Bytes(32, 0x0b), text("Hi There"), "198a607eb44bfbc69903a0f1cf2bbdc5", 32},
      {IntegId::HmacSha2_384_192, Bytes(48, 0x0b), text("Hi There"), "b6a8d5636f5c6a7224f9977dcf7ee6c7fb6d0c48cbdee973",
       48},
      {IntegId::HmacSha2_512_256, Bytes(64, 0x0b), text("Hi There"),
       "637edc6e01dce7e6742a99451aae82df23da3e92439e590e43e761b33e910fb8", 64},
      // AUTH512-2: key "Jefe" x 16 (64 bytes).
      {IntegId::HmacSha2_512_256, text("JefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefe"),
       text("what do ya want for nothing?"), "cb370917ae8a7ce28cfd1d8f4705d6141c173b2a9362c15df235dfb251b15454", 64},
      // RFC 2404 (HMAC-SHA1-96) and RFC 2403 (HMAC-MD5-96) test with the RFC 2202
      // cases: the ICV is the first 96 bits.
      {IntegId::HmacSha1_96, Bytes(20, 0x0b), text("Hi There"), "b617318655057264e28bc0b6", 20},
      {IntegId::HmacMd5_96, Bytes(16, 0x0b), text("Hi There"), "9294727a3638bb1c13f48ef8", 16},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(static_cast<int>(c.id));
    Integrity integ(ctx, c.id);
    EXPECT_EQ(integ.key_size(), c.key_size);
    EXPECT_EQ(integ.icv_size(), c.icv.size() / 2);
    EXPECT_EQ(to_hex(integ.compute(c.key, c.data)), c.icv);
    EXPECT_TRUE(integ.verify(c.key, c.data, from_hex(c.icv)));
    Bytes bad = from_hex(c.icv);
    bad[bad.size() - 1] ^= 0x01;
    EXPECT_FALSE(integ.verify(c.key, c.data, bad));
    EXPECT_FALSE(integ.verify(c.key, c.data, Bytes(bad.begin(), bad.end() - 1)));
  }
  EXPECT_EQ(Integrity::create(ctx, uint16_t{5}), nullptr);  // AUTH_AES_XCBC_96: not implemented
  EXPECT_THROW(Integrity(ctx, IntegId::HmacSha1_96).compute(Bytes(16, 0), Bytes()), CryptoError);
}

}  // namespace
}  // namespace ikeshift::crypto
