// --keylog-esp: Wireshark's esp_sa lines for a CHILD SA, one per direction.
#include "esp/esp_keylog.h"

#include <gtest/gtest.h>

#include "common/ipv4.h"

namespace ikeshift::engine::esp {
namespace {

dataplane::ChildSaInstall sa(uint16_t encr, uint16_t bits, uint16_t integ) {
  static const crypto::Bytes ek_in(24, 0x11), ak_in(20, 0x22), ek_out(24, 0x33), ak_out(20, 0x44);
  dataplane::ChildSaInstall s;
  s.spi_in = 0x637df131;
  s.spi_out = 0xb7224866;
  s.transform.encryption_id = encr;
  s.transform.encryption_bits = bits;
  s.transform.integrity_id = integ;
  s.local_address = parse_ipv4("192.168.1.1").value();
  s.peer_address = parse_ipv4("192.168.2.2").value();
  s.encr_in = ek_in;
  s.integ_in = ak_in;
  s.encr_out = ek_out;
  s.integ_out = ak_out;
  return s;
}

TEST(EspKeyLog, OneLinePerDirectionInWiresharksSpelling) {
  auto lines = esp_keylog_lines(sa(3, 0, 2));  // 3DES, HMAC-SHA1-96
  ASSERT_TRUE(lines.has_value());
  ASSERT_EQ(lines->size(), 2u);
  EXPECT_EQ((*lines)[0], "\"IPv4\",\"192.168.2.2\",\"192.168.1.1\",\"0x637df131\",\"TripleDES-CBC [RFC2451]\",\"0x" +
                             std::string(48, '1') + "\",\"HMAC-SHA-1-96 [RFC2404]\",\"0x" + std::string(40, '2') + "\"\n");
  EXPECT_EQ((*lines)[1].rfind("\"IPv4\",\"192.168.1.1\",\"192.168.2.2\",\"0xb7224866\",\"TripleDES", 0), 0u) << (*lines)[1];
}

TEST(EspKeyLog, GcmHasNoSeparateAuthentication) {
  auto lines = esp_keylog_lines(sa(20, 256, 0));
  ASSERT_TRUE(lines.has_value());
  EXPECT_NE((*lines)[0].find("\"AES-GCM with 16 octet ICV [RFC4106]\""), std::string::npos) << (*lines)[0];
  EXPECT_NE((*lines)[0].find("\"NULL\",\"0x"), std::string::npos) << (*lines)[0];
}

TEST(EspKeyLog, AnAlgorithmWiresharkCannotNameWritesNothing) {
  EXPECT_FALSE(esp_keylog_lines(sa(999, 0, 2)).has_value());
}

}  // namespace
}  // namespace ikeshift::engine::esp
