// The IKEv1 codec on synthetic messages: every payload type round-trips,
// every length and count inconsistency is reported with its offset, limits
// hold, and seeded mutations of real strongSwan messages never read out of
// bounds or throw (the decoder answers ok or an error, with an offset inside
// the input).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "wire/ikev1_codec.h"
#include "wire/ikev1_names.h"

namespace ikeshift::wire::ikev1 {
namespace {

namespace fs = std::filesystem;

Header header(ExchangeType x = ExchangeType::IdentityProtection) {
  Header h;
  h.cky_i = 0x1122334455667788ull;
  h.cky_r = 0x99aabbccddeeff00ull;
  h.exchange = x;
  h.message_id = x == ExchangeType::IdentityProtection ? 0 : 0xc68b65d5;
  return h;
}

SaPayload phase1_sa() {
  SaPayload sa;
  Proposal p;
  p.number = 1;
  p.protocol = ProtocolId::Isakmp;
  for (uint8_t n = 1; n <= 2; ++n) {
    Transform t;
    t.number = n;
    t.id = kTransformKeyIke;
    t.attributes.push_back(Attribute::number(1, n == 1 ? 7 : 5));
    t.attributes.push_back(Attribute::number(14, 256));
    t.attributes.push_back(Attribute::number(11, 1));
    t.attributes.push_back(Attribute::number(12, 86400));  // does not fit TV: 4-octet TLV
    p.transforms.push_back(t);
  }
  sa.proposals.push_back(p);
  return sa;
}

std::vector<Payload> every_payload() {
  std::vector<Payload> v;
  v.push_back(phase1_sa());
  v.push_back(KePayload{Bytes(192, 0xab)});
  v.push_back(NoncePayload{Bytes(32, 0x11)});
  IdPayload id;
  id.type = IdType::Ipv4AddrSubnet;
  id.protocol = 6;
  id.port = 443;
  id.data = {10, 10, 10, 0, 255, 255, 255, 0};
  v.push_back(id);
  v.push_back(HashPayload{Bytes(20, 0x22)});
  NotificationPayload n;
  n.protocol = ProtocolId::Isakmp;
  n.spi = Bytes(16, 0x33);
  n.type = NotifyType::RUThere;
  n.data = {0, 0, 0, 7};
  v.push_back(n);
  DeletePayload d;
  d.protocol = ProtocolId::Esp;
  d.spi_size = 4;
  d.spis = {{1, 2, 3, 4}, {5, 6, 7, 8}};
  v.push_back(d);
  v.push_back(VendorIdPayload{{0xaf, 0xca, 0xd7, 0x13}});
  v.push_back(NatDPayload{PayloadType::NatD, Bytes(20, 0x44)});
  v.push_back(NatDPayload{PayloadType::NatDDraft, Bytes(20, 0x45)});
  v.push_back(NatOaPayload{PayloadType::NatOa, IdType::Ipv4Addr, {192, 0, 2, 9}});
  v.push_back(RawPayload{PayloadType::Certificate, {4, 1, 2, 3}});
  v.push_back(RawPayload{static_cast<PayloadType>(77), {9, 9}});  // unknown: kept raw
  return v;
}

TEST(Ikev1Codec, EveryPayloadRoundTripsWithSpans) {
  std::vector<Payload> payloads = every_payload();
  Bytes bytes = encode_message(header(), payloads);
  DecodeResult d = decode_message(bytes);
  ASSERT_TRUE(d.ok()) << d.error().what;
  const Message& m = d.message();
  EXPECT_EQ(m.header, header());
  EXPECT_EQ(m.header.length, bytes.size());
  ASSERT_EQ(m.payloads.size(), payloads.size());
  for (size_t i = 0; i < payloads.size(); ++i) EXPECT_TRUE(m.payloads[i] == payloads[i]) << i;
  // Spans cover the chain exactly, back to back.
  size_t at = 0;
  for (const PayloadSpan& s : m.spans) {
    EXPECT_EQ(s.offset, at);
    at += s.length;
  }
  EXPECT_EQ(at, bytes.size() - kHeaderSize);
  EXPECT_EQ(summarize_payloads(m.payloads),
            "[ SA KE No ID HASH N(R_U_THERE) D V NAT-D NAT-D NAT-OA CERT UNKNOWN(77) ]");
  EXPECT_EQ(encode_message(m.header, m.payloads), bytes);
}

TEST(Ikev1Codec, AttributesInBothForms) {
  Attribute small = Attribute::number(12, 28800);
  EXPECT_TRUE(small.tv);
  EXPECT_EQ(small.integer(), 28800u);
  Attribute big = Attribute::number(12, 86400);
  EXPECT_FALSE(big.tv);
  EXPECT_EQ(big.data, (Bytes{0, 1, 0x51, 0x80}));
  EXPECT_EQ(big.integer(), 86400u);
  Attribute huge = Attribute::number(2, 0x1'0000'0000ull);
  EXPECT_EQ(huge.data.size(), 8u);
  EXPECT_EQ(huge.integer(), 0x1'0000'0000ull);
  Attribute odd;
  odd.tv = false;
  odd.data = {0, 0, 0, 0, 0, 0, 0, 0, 1};  // 9 octets: no integer
  EXPECT_FALSE(odd.integer());
}

TEST(Ikev1Codec, EncryptedBodyIsKeptForTheSa) {
  Header h = header(ExchangeType::QuickMode);
  h.encrypted = true;
  Bytes body(24, 0x5a);
  Bytes bytes = encode_header(h, PayloadType::Hash, body.size());
  bytes.insert(bytes.end(), body.begin(), body.end());
  DecodeResult d = decode_message(bytes);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d.message().header.encrypted);
  EXPECT_EQ(d.message().header.next_payload, PayloadType::Hash);
  EXPECT_EQ(d.message().encrypted, body);
  EXPECT_TRUE(d.message().payloads.empty());
}

TEST(Ikev1Codec, PaddingIsBoundedByTheBlock) {
  EncodedChain c = encode_payload_chain({HashPayload{Bytes(20, 1)}});
  Bytes padded = c.bytes;
  padded.resize(padded.size() + 8, 0);
  EXPECT_TRUE(decode_payload_chain(PayloadType::Hash, padded, 8));
  ChainResult too_much = decode_payload_chain(PayloadType::Hash, padded, 7);
  ASSERT_FALSE(too_much);
  EXPECT_EQ(too_much.error().offset, c.bytes.size());
  EXPECT_FALSE(decode_payload_chain(PayloadType::Hash, padded, 0));
  EXPECT_EQ(decode_payload_chain(PayloadType::Hash, padded, 8).chain().padding, 8u);
}

struct BadCase {
  const char* name;
  std::function<void(Bytes&)> damage;
  size_t offset;
  const char* says;
};

TEST(Ikev1Codec, EveryInconsistencyNamesItsOffset) {
  // SA at 28 (4 header + 8 DOI/sit, proposal at 40, transform at 48), then KE.
  std::vector<Payload> payloads{phase1_sa(), KePayload{Bytes(8, 1)}};
  const Bytes good = encode_message(header(), payloads);
  ASSERT_TRUE(decode_message(good));
  const size_t sa = kHeaderSize, proposal = sa + 12, transform = proposal + 8;
  std::vector<BadCase> cases = {
      {"header length shorter than the header", [](Bytes& b) { b[27] = 20, b[26] = 0, b[25] = 0; }, 24, "shorter"},
      {"header length beyond the datagram", [](Bytes& b) { b[27] = static_cast<uint8_t>(b[27] + 1); }, 24, "exceeds"},
      {"payload length runs past the end", [&](Bytes& b) { b[sa + 2] = 0xff; }, sa + 2, "runs past"},
      {"payload length below its header", [&](Bytes& b) { b[sa + 2] = 0, b[sa + 3] = 3; }, sa + 2, "shorter than its 4-byte"},
      {"proposal next field neither 0 nor 2", [&](Bytes& b) { b[proposal] = 9; }, proposal, "not 0 or 2"},
      {"transform announces another but is last", [&](Bytes& b) {
         // the second (last) transform's next field: the first is 4 + 4 fixed
         // octets and three TV attributes (12) and one 8-octet TLV = 28 long
         b[transform + 28] = 3;
       },
       transform + 28, "announces another"},
      {"transform count says more than there are", [&](Bytes& b) { b[proposal + 7] = 3; }, transform + 28,
       "count says more follow"},
      {"attribute TLV runs past its transform", [&](Bytes& b) { b[transform + 8 + 12 + 3] = 0x40; }, transform + 22,
       "runs past the transform"},
      {"unknown major version", [](Bytes& b) { b[17] = 0x20; }, 17, "major version 2"},
  };
  for (const auto& c : cases) {
    Bytes b = good;
    c.damage(b);
    DecodeResult d = decode_message(b);
    ASSERT_FALSE(d.ok()) << c.name;
    EXPECT_NE(d.error().what.find(c.says), std::string::npos) << c.name << ": " << d.error().what;
    if (c.offset) {
      EXPECT_EQ(d.error().offset, c.offset) << c.name << ": " << d.error().what;
    }
    EXPECT_LE(d.error().offset, b.size()) << c.name;
    EXPECT_TRUE(d.header.has_value()) << c.name << ": the header is readable, the engine can answer";
  }
  EXPECT_EQ(decode_message(Bytes(27, 0)).error().what, "ISAKMP header truncated: 27 of 28 bytes");
  Bytes version2 = good;
  version2[17] = 0x20;
  EXPECT_EQ(decode_message(version2).error().kind, DecodeErrorKind::UnsupportedMajorVersion);
}

TEST(Ikev1Codec, DeleteAndNotificationSizesAreChecked) {
  DeletePayload d;
  d.spi_size = 4;
  d.spis = {{1, 2, 3, 4}};
  Bytes b = encode_message(header(ExchangeType::Informational), {d});
  b[kHeaderSize + 4 + 6] = 0, b[kHeaderSize + 4 + 7] = 2;  // claims two SPIs
  EXPECT_NE(decode_message(b).error().what.find("Delete lists 2 SPIs of 4 bytes, but 4 bytes follow"),
            std::string::npos);
  b[kHeaderSize + 4 + 5] = 0;  // SPI size 0 with a count
  EXPECT_NE(decode_message(b).error().what.find("SPIs of size 0"), std::string::npos);

  NotificationPayload n;
  n.spi = Bytes(4, 1);
  Bytes nb = encode_message(header(ExchangeType::Informational), {n});
  nb[kHeaderSize + 4 + 5] = 200;  // SPI size beyond the payload
  EXPECT_NE(decode_message(nb).error().what.find("Notification SPI size 200 runs past"), std::string::npos);
  // A Notification shorter than its 8 fixed octets.
  Bytes shortn = encode_message(header(ExchangeType::Informational), {RawPayload{PayloadType::Notification, {0, 0, 0, 1}}});
  EXPECT_NE(decode_message(shortn).error().what.find("shorter than its fixed fields (12)"), std::string::npos);
}

TEST(Ikev1Codec, SubstructuresAndLimits) {
  Bytes b = encode_message(header(), {RawPayload{PayloadType::Proposal, {0, 0, 0, 0}}});
  EXPECT_NE(decode_message(b).error().what.find("outside an SA payload"), std::string::npos);
  std::vector<Payload> many(DecodeLimits::kMaxPayloads + 1, VendorIdPayload{{1}});
  EXPECT_THROW(encode_message(header(), many), EncodeError);
  // Build the over-long chain by hand: 65 one-octet Vendor IDs.
  Bytes chain;
  for (size_t i = 0; i <= DecodeLimits::kMaxPayloads; ++i) {
    chain.push_back(i == DecodeLimits::kMaxPayloads ? 0 : 13);
    chain.insert(chain.end(), {0, 0, 5, 1});
  }
  ChainResult r = decode_payload_chain(PayloadType::VendorId, chain, 0);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, DecodeErrorKind::LimitExceeded);
  // Another DOI keeps its body raw.
  SaPayload foreign;
  foreign.doi = 2;
  foreign.other = {1, 2, 3};
  DecodeResult d = decode_message(encode_message(header(), {foreign}));
  ASSERT_TRUE(d);
  EXPECT_TRUE(std::get<SaPayload>(d.message().payloads[0]) == foreign);
}

TEST(Ikev1Codec, NamesForLogs) {
  EXPECT_EQ(exchange_type_name(ExchangeType::IdentityProtection), "MAIN_MODE");
  EXPECT_EQ(exchange_type_name(ExchangeType::QuickMode), "QUICK_MODE");
  EXPECT_EQ(exchange_type_name(static_cast<ExchangeType>(99)), "UNKNOWN(99)");
  EXPECT_EQ(notify_type_name(NotifyType::NoProposalChosen), "NO_PROPOSAL_CHOSEN");
  EXPECT_EQ(notify_type_name(NotifyType::RUThereAck), "R_U_THERE_ACK");
  EXPECT_EQ(id_type_name(IdType::Ipv4AddrRange), "ID_IPV4_ADDR_RANGE");
  IdPayload range{IdType::Ipv4AddrRange, 0, 0, {10, 0, 0, 1, 10, 0, 0, 9}};
  EXPECT_EQ(id_to_string(range), "10.0.0.1-10.0.0.9");
  IdPayload fqdn{IdType::Fqdn, 0, 0, {'g', 'w', '\n'}};
  EXPECT_EQ(id_to_string(fqdn), "67770a");  // not printable: hex, so no forged log lines
}

// Real messages (the clear ones of the strongSwan capture), mutated.
TEST(Ikev1Codec, MutatedCaptureMessagesNeverBreakTheDecoder) {
  std::vector<Bytes> seeds;
  const fs::path dir = fs::path(IKESHIFT_SOURCE_DIR) / "fixtures" / "captures";
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string n = e.path().filename().string();
    if (n.rfind("ikev1-", 0) != 0 || e.path().extension() != ".bin") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    std::string t = s.str();
    seeds.emplace_back(t.begin(), t.end());
  }
  ASSERT_EQ(seeds.size(), 22u);
  std::mt19937 rng(20240101);
  size_t ok = 0, errors = 0;
  for (int round = 0; round < 20000; ++round) {
    Bytes b = seeds[rng() % seeds.size()];
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      switch (rng() % 4) {
        case 0: b[rng() % b.size()] = static_cast<uint8_t>(rng()); break;
        case 1: b.resize(rng() % (b.size() + 1)); break;
        case 2: b.insert(b.begin() + static_cast<std::ptrdiff_t>(rng() % (b.size() + 1)), static_cast<uint8_t>(rng())); break;
        case 3:
          // keep the header length consistent so the chain itself is mutated
          if (b.size() >= kHeaderSize) {
            uint32_t len = static_cast<uint32_t>(b.size());
            for (int i = 0; i < 4; ++i) b[24 + i] = static_cast<uint8_t>(len >> (8 * (3 - i)));
          }
          break;
      }
      if (b.empty()) b.push_back(0);
    }
    DecodeResult d = decode_message(b);
    if (d.ok()) {
      ++ok;
      if (!d.message().header.encrypted) {
        // Anything that decodes re-encodes and decodes to the same payloads.
        DecodeResult again = decode_message(encode_message(d.message().header, d.message().payloads));
        ASSERT_TRUE(again.ok());
        ASSERT_EQ(again.message().payloads.size(), d.message().payloads.size());
      }
    } else {
      ++errors;
      EXPECT_LE(d.error().offset, b.size());
      EXPECT_FALSE(d.error().what.empty());
    }
  }
  EXPECT_GT(ok, 100u);
  EXPECT_GT(errors, 1000u);
}

}  // namespace
}  // namespace ikeshift::wire::ikev1
