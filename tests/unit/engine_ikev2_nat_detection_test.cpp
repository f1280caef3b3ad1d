// NAT_DETECTION_*_IP hashes (RFC 7296 2.23) against what strongSwan sent: in
// the captured IKE_SA_INIT request, charon (192.0.2.1:500 to 192.0.2.2:500)
// hashed the destination with SPIr = 0. Equal hashes are what tells the engine
// "no NAT"; a wrong hash would only show as a NAT claimed by mistake, so no
// exchange test would catch it.
#include <gtest/gtest.h>

#include <string>

#include "crypto/crypto_context.h"
#include "ikev2/wire_convert.h"
#include "test_support.h"
#include "wire/ikev2_codec.h"
#include "wire/ikev2_find.h"

namespace ikeshift::engine::ikev2 {
namespace {

TEST(NatDetectionHash, MatchesTheHashesStrongswanSent) {
  const std::string raw = test::read_file(test::fixture("captures/ikev2-01-ike_sa_init-req-m0.bin"));
  const wire::DecodeResult decoded = wire::decode_message(wire::Bytes(raw.begin(), raw.end()));
  ASSERT_TRUE(decoded.ok()) << decoded.error().what;
  const wire::Message& m = decoded.message();
  const auto* source = wire::find_notify(m.payloads, wire::NotifyType::NatDetectionSourceIp);
  const auto* destination = wire::find_notify(m.payloads, wire::NotifyType::NatDetectionDestinationIp);
  ASSERT_NE(source, nullptr);
  ASSERT_NE(destination, nullptr);

  crypto::CryptoContext ctx;
  const io::Endpoint a{0xC0000201, 500}, b{0xC0000202, 500};
  EXPECT_EQ(nat_detection_hash(ctx, m.header.spi_i, 0, b), destination->data);
  // Every input field counts: another port, address or SPI gives another hash.
  EXPECT_NE(nat_detection_hash(ctx, m.header.spi_i, 0, io::Endpoint{b.address, 4500}), destination->data);
  EXPECT_NE(nat_detection_hash(ctx, m.header.spi_i, 0, a), destination->data);
  EXPECT_NE(nat_detection_hash(ctx, m.header.spi_i, 1, b), destination->data);
  EXPECT_NE(nat_detection_hash(ctx, m.header.spi_i ^ 1, 0, b), destination->data);
  // charon's kernel-libipsec wants UDP-encapsulated ESP, so it claims a NAT:
  // its source hash is deliberately not the real one.
  EXPECT_NE(nat_detection_hash(ctx, m.header.spi_i, 0, a), source->data);
}

}  // namespace
}  // namespace ikeshift::engine::ikev2
