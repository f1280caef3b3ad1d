// charon's `--list-sas --raw` in the schema of `ikeshift engine show status`,
// which is how `check --peer-impl strongswan` reports the far end.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "live/charon_peer.h"

namespace ikeshift::live {
namespace {

TEST(CharonStatus, EstablishedSaWithItsInstalledChildInTheStatusSchema) {
  const std::string raw =
      "list-sa event {vpn-12 {uniqueid=3 version=2 state=ESTABLISHED local-host=192.168.2.2 "
      "remote-host=192.168.1.1 initiator=no initiator-spi=87e0bdbb188c5632 responder-spi=addea7803f8bcb3e "
      "encr-alg=AES_CBC encr-keysize=256 integ-alg=HMAC_SHA2_256_128 prf-alg=PRF_HMAC_SHA2_256 dh-group=MODP_2048 "
      "child-sas {vpn-12-1-7 {name=vpn-12-1 state=INSTALLED spi-in=c8f01a8e spi-out=dd2835c9 encr-alg=AES_CBC "
      "encr-keysize=256 integ-alg=HMAC_SHA2_256_128 packets-in=6 packets-out=5 local-ts=[10.20.20.0/24] "
      "remote-ts=[10.10.10.0/24]} old {state=REKEYED spi-in=01 spi-out=02}}}}\n";
  const YAML::Node s = charon_sas_as_status(raw);
  ASSERT_EQ(s["ike_sas"].size(), 1u);
  const YAML::Node sa = s["ike_sas"][0];
  EXPECT_EQ(sa["ike_version"].as<int>(), 2);
  EXPECT_EQ(sa["connection"].as<std::string>(), "vpn-12");
  EXPECT_EQ(sa["status"].as<std::string>(), "up");
  EXPECT_FALSE(sa["initiator"].as<bool>());
  EXPECT_EQ(sa["remote"].as<std::string>(), "192.168.1.1");
  EXPECT_EQ(sa["algorithms"].as<std::string>(), "AES_CBC-256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048");
  // The responder's own SPI is the responder SPI.
  EXPECT_EQ(sa["local_spi"].as<std::string>(), "0xaddea7803f8bcb3e");
  EXPECT_EQ(sa["remote_spi"].as<std::string>(), "0x87e0bdbb188c5632");
  ASSERT_EQ(sa["children"].size(), 1u);  // the REKEYED one is not reported
  const YAML::Node c = sa["children"][0];
  EXPECT_EQ(c["spi_in"].as<std::string>(), "0xc8f01a8e");
  EXPECT_EQ(c["spi_out"].as<std::string>(), "0xdd2835c9");
  EXPECT_EQ(c["packets_in"].as<std::string>(), "6");
  EXPECT_EQ(c["local"].as<std::string>(), "10.20.20.0/24");
}

TEST(CharonStatus, NegotiatingAndEmpty) {
  EXPECT_EQ(charon_sas_as_status("list-sa event {c {state=CONNECTING version=1}}")["ike_sas"][0]["status"].as<std::string>(),
            "negotiating");
  EXPECT_EQ(charon_sas_as_status("")["ike_sas"].size(), 0u);
}

}  // namespace
}  // namespace ikeshift::live
