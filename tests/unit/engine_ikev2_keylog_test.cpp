// --keylog lines in Wireshark's ikev2_decryption_table format.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "ikev2/keylog.h"

namespace ikeshift::engine::ikev2 {
namespace {

TEST(Ikev2KeyLog, LineHasWiresharksFieldsAndNames) {
  std::vector<uint8_t> ei{0x01, 0xab}, er{0xff}, ai{0x10, 0x20}, ar{0x0a};
  IkeSaKeys k;
  k.spi_i = 0x297ef9ca996102a6ull;  // the SPIs of seed 004's `show crypto ikev2 sa detail`
  k.spi_r = 0x47088c8fb9f039adull;
  k.sk_ei = ei;
  k.sk_er = er;
  k.sk_ai = ai;
  k.sk_ar = ar;
  k.encryption = model::find_algorithm_by_id("3des");
  k.integrity = model::find_algorithm_by_id("hmac-sha1-96");
  auto line = ikev2_keylog_line(k);
  ASSERT_TRUE(line.has_value());
  EXPECT_EQ(*line,
            "297ef9ca996102a6,47088c8fb9f039ad,01ab,ff,\"3DES [RFC2451]\",1020,0a,\"HMAC_SHA1_96 [RFC2404]\"\n");
}

TEST(Ikev2KeyLog, AeadHasNoIntegrityKeys) {
  std::vector<uint8_t> ei(36, 0x11), er(36, 0x22);
  IkeSaKeys k;
  k.spi_i = 1;
  k.spi_r = 2;
  k.sk_ei = ei;
  k.sk_er = er;
  k.encryption = model::find_algorithm_by_id("aes-gcm-256");
  auto line = ikev2_keylog_line(k);
  ASSERT_TRUE(line.has_value());
  EXPECT_NE(line->find(",\"AES-GCM-256 with 16 octet ICV [RFC5282]\",,,\"NONE [RFC4306]\"\n"), std::string::npos)
      << *line;
  EXPECT_EQ(line->rfind("0000000000000001,0000000000000002,", 0), 0u);
}

TEST(Ikev2KeyLog, NoLineForAnAlgorithmWiresharkCannotName) {
  IkeSaKeys k;
  k.encryption = model::find_algorithm_by_id("aes-gmac-256");
  EXPECT_FALSE(ikev2_keylog_line(k).has_value());
  k.encryption = nullptr;
  EXPECT_FALSE(ikev2_keylog_line(k).has_value());
}

TEST(Ikev2KeyLog, FileIsPrivateAndAppended) {
  std::string path = ::testing::TempDir() + "/ikeshift-keylog-test";
  std::remove(path.c_str());
  std::string error;
  {
    auto f = KeyLogFile::open(path, error);
    ASSERT_TRUE(f.has_value()) << error;
    EXPECT_TRUE(f->append("a\n"));
  }
  {
    auto f = KeyLogFile::open(path, error);
    ASSERT_TRUE(f.has_value()) << error;
    EXPECT_TRUE(f->append("b\n"));
  }
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  EXPECT_EQ(s.str(), "a\nb\n");
  std::remove(path.c_str());
  EXPECT_FALSE(KeyLogFile::open("/nonexistent-dir/x", error).has_value());
  EXPECT_NE(error.find("/nonexistent-dir/x"), std::string::npos);
}

}  // namespace
}  // namespace ikeshift::engine::ikev2
