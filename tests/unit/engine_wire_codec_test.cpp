// The IKEv2 codec on handcrafted messages: round trips of every payload type,
// lengths computed by the encoder, and malformed input rejected with the
// offset of the offending field.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "wire/ikev2_codec.h"
#include "wire/ikev2_find.h"
#include "wire/ikev2_names.h"
#include "wire/ikev2_summary.h"
#include "wire/non_esp_marker.h"

namespace ikeshift::wire {
namespace {

Bytes bytes_of(std::initializer_list<int> v) {
  Bytes b;
  for (int x : v) b.push_back(static_cast<uint8_t>(x));
  return b;
}
Bytes text(const std::string& s) { return Bytes(s.begin(), s.end()); }
uint16_t be16(const Bytes& b, size_t at) { return static_cast<uint16_t>((b[at] << 8) | b[at + 1]); }

Header init_header() {
  Header h;
  h.spi_i = 0x0102030405060708ULL;
  h.exchange = ExchangeType::IkeSaInit;
  h.initiator = true;
  return h;
}

Transform transform(TransformType type, uint16_t id, std::optional<uint16_t> key_length = std::nullopt) {
  Transform t;
  t.type = type;
  t.id = id;
  t.key_length = key_length;
  return t;
}

SaPayload ike_sa() {
  Proposal p;
  p.number = 1;
  p.protocol = ProtocolId::Ike;
  p.transforms = {transform(TransformType::Encryption, 12, 256), transform(TransformType::Prf, 5),
                  transform(TransformType::Integrity, 12), transform(TransformType::DhGroup, 14)};
  Proposal esp;
  esp.number = 2;
  esp.protocol = ProtocolId::Esp;
  esp.spi = bytes_of({0xc1, 0xc2, 0xc3, 0xc4});
  Transform with_attrs = transform(TransformType::Encryption, 20, 128);
  with_attrs.other_attributes.push_back(Attribute{17, true, 99, {}});
  with_attrs.other_attributes.push_back(Attribute{18, false, 0, bytes_of({1, 2, 3})});
  esp.transforms = {with_attrs, transform(TransformType::Esn, 0)};
  SaPayload sa;
  sa.proposals = {p, esp};
  return sa;
}

TrafficSelector ts4(const Bytes& start, const Bytes& end, uint8_t proto = 0, uint16_t lo = 0,
                    uint16_t hi = 65535) {
  TrafficSelector ts;
  ts.type = TsType::Ipv4AddrRange;
  ts.ip_protocol = proto;
  ts.start_port = lo;
  ts.end_port = hi;
  ts.start_address = start;
  ts.end_address = end;
  return ts;
}

// One of every payload type the codec models, in a plausible order.
std::vector<Payload> every_payload() {
  std::vector<Payload> v;
  v.emplace_back(ike_sa());
  KePayload ke;
  ke.dh_group = 14;
  ke.data = Bytes(256, 0xAB);
  v.emplace_back(ke);
  v.emplace_back(NoncePayload{Bytes(32, 0x11)});
  NotifyPayload natd;
  natd.type = NotifyType::NatDetectionSourceIp;
  natd.data = Bytes(20, 0x22);
  v.emplace_back(natd);
  NotifyPayload rekey;
  rekey.protocol = ProtocolId::Esp;
  rekey.spi = bytes_of({1, 2, 3, 4});
  rekey.type = NotifyType::RekeySa;
  v.emplace_back(rekey);
  IdiPayload idi;
  idi.type = IdType::Ipv4Addr;
  idi.data = bytes_of({192, 0, 2, 1});
  v.emplace_back(idi);
  IdrPayload idr;
  idr.type = IdType::Fqdn;
  idr.data = text("gw-b.lab.example");
  v.emplace_back(idr);
  AuthPayload auth;
  auth.method = AuthMethod::SharedKeyMic;
  auth.data = Bytes(32, 0x33);
  v.emplace_back(auth);
  TsiPayload tsi;
  tsi.selectors = {ts4(bytes_of({10, 10, 10, 0}), bytes_of({10, 10, 10, 255}))};
  v.emplace_back(tsi);
  TsrPayload tsr;
  TrafficSelector six;
  six.type = TsType::Ipv6AddrRange;
  six.ip_protocol = 6;
  six.start_port = 443;
  six.end_port = 443;
  six.start_address = Bytes(16, 0x20);
  six.end_address = Bytes(16, 0x21);
  TrafficSelector other;
  other.type = static_cast<TsType>(10);  // a type the codec keeps opaque
  other.ip_protocol = 0;
  other.other = bytes_of({9, 9, 9});
  tsr.selectors = {ts4(bytes_of({10, 20, 20, 1}), bytes_of({10, 20, 20, 1}), 17, 500, 500), six, other};
  v.emplace_back(tsr);
  DeletePayload del;
  del.protocol = ProtocolId::Esp;
  del.spi_size = 4;
  del.spis = {bytes_of({1, 2, 3, 4}), bytes_of({5, 6, 7, 8})};
  v.emplace_back(del);
  v.emplace_back(VendorIdPayload{text("ikeshift")});
  v.emplace_back(RawPayload{PayloadType::Configuration, false, bytes_of({1, 0, 0, 0, 0, 1, 0, 0})});
  v.emplace_back(RawPayload{PayloadType::Certificate, false, bytes_of({4, 0xde, 0xad})});
  v.emplace_back(RawPayload{PayloadType::CertificateRequest, false, bytes_of({4})});
  v.emplace_back(RawPayload{PayloadType::Eap, false, bytes_of({1, 7, 0, 5, 1})});
  v.emplace_back(RawPayload{static_cast<PayloadType>(200), false, bytes_of({0xee})});
  v.emplace_back(EncryptedPayload{PayloadType::IdInitiator, Bytes(48, 0x44)});
  return v;
}

Message message_of(std::vector<Payload> payloads) {
  Message m;
  m.header = init_header();
  m.payloads = std::move(payloads);
  return m;
}

DecodeError expect_error(const Bytes& datagram, size_t offset, DecodeErrorKind kind = DecodeErrorKind::Malformed) {
  DecodeResult r = decode_message(datagram);
  EXPECT_FALSE(r.ok());
  if (r.ok()) return {};
  EXPECT_EQ(r.error().offset, offset) << r.error().what;
  EXPECT_EQ(r.error().kind, kind) << r.error().what;
  EXPECT_FALSE(r.error().what.empty());
  return r.error();
}

// --- round trips ---------------------------------------------------------------

TEST(WireCodec, EveryPayloadTypeRoundTripsAlone) {
  for (const Payload& p : every_payload()) {
    const Message m = message_of({p});
    const Bytes wire = encode_message(m);
    DecodeResult r = decode_message(wire);
    ASSERT_TRUE(r.ok()) << payload_type_name(payload_type(p)) << ": " << r.error().what;
    EXPECT_EQ(r.message(), m) << payload_type_name(payload_type(p));
    EXPECT_EQ(encode_message(r.message()), wire);
  }
}

TEST(WireCodec, AllPayloadsTogetherRoundTrip) {
  const Message m = message_of(every_payload());
  const Bytes wire = encode_message(m);
  DecodeResult r = decode_message(wire);
  ASSERT_TRUE(r.ok()) << r.error().what;
  EXPECT_EQ(r.message(), m);
  EXPECT_EQ(r.message().header.length, wire.size());
  EXPECT_EQ(r.message().header.next_payload, PayloadType::SecurityAssociation);
  EXPECT_EQ(r.message().payloads.size(), every_payload().size());
}

TEST(WireCodec, HeaderFieldsRoundTrip) {
  Message m = message_of({});
  m.header.spi_r = 0xfedcba9876543210ULL;
  m.header.exchange = ExchangeType::Informational;
  m.header.initiator = false;
  m.header.response = true;
  m.header.version_flag = true;
  m.header.message_id = 0x01020304;
  const Bytes wire = encode_message(m);
  ASSERT_EQ(wire.size(), kIkeHeaderSize);
  EXPECT_EQ(wire[16], 0);     // no payloads
  EXPECT_EQ(wire[17], 0x20);  // version 2.0
  EXPECT_EQ(wire[18], 37);
  EXPECT_EQ(wire[19], kFlagResponse | kFlagVersion);
  DecodeResult r = decode_message(wire);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.message(), m);
  EXPECT_TRUE(r.message().payloads.empty());
}

TEST(WireCodec, EncoderComputesLengthsAndNextPayloadFields) {
  KePayload ke;
  ke.dh_group = 14;
  ke.data = Bytes(256, 1);
  const Bytes wire = encode_message(message_of({ke, NoncePayload{Bytes(32, 2)}}));
  EXPECT_EQ(wire.size(), 28u + 264u + 36u);
  EXPECT_EQ(be16(wire, 24 + 2), wire.size());  // low half of the 32-bit length
  EXPECT_EQ(wire[16], 34);                     // header: first payload KE
  EXPECT_EQ(wire[28], 40);                     // KE -> Nonce
  EXPECT_EQ(be16(wire, 30), 264);
  EXPECT_EQ(wire[28 + 264], 0);  // Nonce is last
  EXPECT_EQ(be16(wire, 28 + 264 + 2), 36);

  // SA: proposal and transform lengths and last-substructure markers.
  const Bytes sa = encode_message(message_of({ike_sa()}));
  EXPECT_EQ(sa[32], 2);  // first proposal: more follow
  const size_t first_len = be16(sa, 34);
  EXPECT_EQ(first_len, 8u + 12u + 3 * 8u);  // header + AES with key length + 3 plain
  EXPECT_EQ(sa[39], 4);                     // transform count
  EXPECT_EQ(sa[40], 3);                     // first transform: more follow
  EXPECT_EQ(be16(sa, 42), 12);              // transform with Key Length
  EXPECT_EQ(be16(sa, 48), 0x800E);          // TV Key Length
  EXPECT_EQ(be16(sa, 50), 256);
  EXPECT_EQ(sa[32 + first_len], 0);  // second proposal is last
}

TEST(WireCodec, EncryptedPayloadCarriesFirstInnerTypeAndMustBeLast) {
  const Bytes wire = encode_message(message_of({EncryptedPayload{PayloadType::IdInitiator, Bytes(64, 0)}}));
  EXPECT_EQ(wire[16], 46);
  EXPECT_EQ(wire[28], 35);  // SK's Next Payload = first inner payload
  EXPECT_THROW(encode_message(message_of({EncryptedPayload{}, NoncePayload{}})), EncodeError);

  // Something after SK on the wire is rejected too.
  Bytes bad = encode_message(message_of({EncryptedPayload{PayloadType::NoNext, Bytes(16, 0)}}));
  bad.insert(bad.end(), {0, 0, 0, 4});
  bad[27] = static_cast<uint8_t>(bad.size());
  expect_error(bad, 28 + 20);
}

TEST(WireCodec, InnerChainRoundTrip) {
  std::vector<Payload> inner;
  for (auto& p : every_payload()) {
    if (!std::holds_alternative<EncryptedPayload>(p)) inner.push_back(p);
  }
  const Bytes chain = encode_payload_chain(inner);
  ChainResult r = decode_payload_chain(payload_type(inner.front()), chain);
  ASSERT_TRUE(r.ok()) << r.error().what;
  EXPECT_EQ(r.payloads(), inner);

  // An empty chain (the body of a liveness check) is valid.
  EXPECT_TRUE(encode_payload_chain({}).empty());
  ChainResult empty = decode_payload_chain(PayloadType::NoNext, ByteView());
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty.payloads().empty());

  // SK inside SK is an absurdity in both directions.
  EXPECT_THROW(encode_payload_chain({EncryptedPayload{}}), EncodeError);
  const Bytes sk = bytes_of({0, 0, 0, 4});
  ChainResult nested = decode_payload_chain(PayloadType::Encrypted, sk);
  ASSERT_FALSE(nested.ok());
  EXPECT_EQ(nested.error().offset, 0u);
}

TEST(WireCodec, KeyLengthOnlyWhenPresentAndOtherAttributesKeptInOrder) {
  const Bytes wire = encode_message(message_of({ike_sa()}));
  DecodeResult r = decode_message(wire);
  ASSERT_TRUE(r.ok());
  const auto* sa = find_first<SaPayload>(r.message().payloads);
  ASSERT_NE(sa, nullptr);
  EXPECT_EQ(sa->proposals[0].transforms[0].key_length, std::optional<uint16_t>(256));
  EXPECT_FALSE(sa->proposals[0].transforms[1].key_length.has_value());
  const auto& attrs = sa->proposals[1].transforms[0].other_attributes;
  ASSERT_EQ(attrs.size(), 2u);
  EXPECT_EQ(attrs[0].type, 17);
  EXPECT_TRUE(attrs[0].tv);
  EXPECT_FALSE(attrs[1].tv);
  EXPECT_EQ(attrs[1].data, bytes_of({1, 2, 3}));
  EXPECT_EQ(sa->proposals[1].spi, bytes_of({0xc1, 0xc2, 0xc3, 0xc4}));
}

TEST(WireCodec, UnknownPayloadsKeptRawAndCriticalOnesReported) {
  Message m = message_of({RawPayload{static_cast<PayloadType>(200), false, bytes_of({1, 2})}, NoncePayload{}});
  DecodeResult ok = decode_message(encode_message(m));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.message(), m);

  m.payloads[0] = RawPayload{static_cast<PayloadType>(200), true, bytes_of({1, 2})};
  const Bytes wire = encode_message(m);
  EXPECT_EQ(wire[29], 0x80);
  DecodeError e = expect_error(wire, 29, DecodeErrorKind::UnsupportedCriticalPayload);
  EXPECT_EQ(e.payload_type, 200);
  ASSERT_TRUE(decode_message(wire).header.has_value());  // the engine can answer

  // A critical bit on a known payload is ignored (RFC 7296 3.2).
  Bytes known = encode_message(message_of({NoncePayload{Bytes(16, 1)}}));
  known[29] = 0x80;
  EXPECT_TRUE(decode_message(known).ok());
}

// --- malformed input ------------------------------------------------------------

TEST(WireCodecMalformed, TruncatedHeader) {
  const Bytes wire = encode_message(message_of({}));
  for (size_t n = 0; n < kIkeHeaderSize; ++n) {
    DecodeResult r = decode_message(ByteView(wire.data(), n));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().offset, n);
    EXPECT_FALSE(r.header.has_value());
  }
}

TEST(WireCodecMalformed, HeaderLengthAgainstDatagram) {
  Bytes wire = encode_message(message_of({NoncePayload{Bytes(16, 1)}}));
  Bytes longer = wire;
  longer[27] = static_cast<uint8_t>(wire.size() + 1);
  expect_error(longer, 24);
  Bytes tiny = wire;
  tiny[27] = 27;
  expect_error(tiny, 24);
  Bytes huge = wire;
  huge[24] = 0xFF;  // 4 GiB claimed
  expect_error(huge, 24);
  Bytes trailing = wire;
  trailing.push_back(0);
  expect_error(trailing, wire.size());
  // The header survives for the reply even though the message did not.
  EXPECT_TRUE(decode_message(trailing).header.has_value());
}

TEST(WireCodecMalformed, PayloadLengthShorterThanHeader) {
  for (uint8_t len : {0, 1, 2, 3}) {
    Bytes wire = encode_message(message_of({NoncePayload{Bytes(16, 1)}}));
    wire[30] = 0;
    wire[31] = len;
    EXPECT_EQ(expect_error(wire, 30).what,
              payload_type_name(PayloadType::Nonce) + " payload length " + std::to_string(len) +
                  " is shorter than its 4-byte header");
  }
}

TEST(WireCodecMalformed, PayloadRunningPastTheEnd) {
  Bytes wire = encode_message(message_of({NoncePayload{Bytes(16, 1)}}));
  wire[31] = static_cast<uint8_t>(wire[31] + 1);
  expect_error(wire, 30);
  // The chain announces a payload that is not there.
  Bytes announce = encode_message(message_of({NoncePayload{Bytes(16, 1)}}));
  announce[28] = 41;  // Nonce says a Notify follows
  expect_error(announce, announce.size());
  // Only a partial generic header left.
  Bytes partial = encode_message(message_of({NoncePayload{Bytes(16, 1)}}));
  partial[28] = 41;
  partial.insert(partial.end(), {0, 0});
  partial[27] = static_cast<uint8_t>(partial.size());
  expect_error(partial, partial.size() - 2);
}

TEST(WireCodecMalformed, ZeroLengthChains) {
  Bytes wire = encode_message(message_of({}));
  wire[16] = 34;  // header says KE follows, the message ends
  expect_error(wire, 28);
  ChainResult r = decode_payload_chain(PayloadType::KeyExchange, ByteView());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().offset, 0u);
  ChainResult trailing = decode_payload_chain(PayloadType::NoNext, bytes_of({1, 2}));
  ASSERT_FALSE(trailing.ok());
  EXPECT_EQ(trailing.error().offset, 0u);
}

TEST(WireCodecMalformed, FixedFieldsMissing) {
  // A KE payload of length 6 cannot hold group and reserved fields.
  Bytes wire = encode_message(message_of({KePayload{}}));
  ASSERT_EQ(be16(wire, 30), 8);
  wire[31] = 6;
  wire.resize(wire.size() - 2);
  wire[27] = static_cast<uint8_t>(wire.size());
  expect_error(wire, 30);
}

TEST(WireCodecMalformed, SaProposalAndTransformLengths) {
  SaPayload sa;
  Proposal p;
  p.transforms = {transform(TransformType::Encryption, 12, 256), transform(TransformType::Prf, 5)};
  sa.proposals = {p};
  const Bytes good = encode_message(message_of({sa}));
  // offsets: SA header 28, proposal 32 (length at 34), transform 1 at 40
  // (length at 42), its attribute at 48, transform 2 at 52 (length at 54).
  ASSERT_EQ(be16(good, 42), 12);

  Bytes short_transform = good;
  short_transform[43] = 7;
  expect_error(short_transform, 42);

  Bytes long_transform = good;
  long_transform[43] = 40;  // past the proposal
  expect_error(long_transform, 42);

  Bytes inconsistent = good;
  inconsistent[43] = 8;  // the attribute becomes the start of transform 2
  expect_error(inconsistent, 48);

  Bytes count_high = good;
  count_high[39] = 3;  // the second transform is marked last, count says 3
  // The text names where (built only for an error): proposal, transform, count.
  EXPECT_EQ(expect_error(count_high, 52).what,
            "proposal 1 transform 2 of 3: marked last, but the transform count says more follow");

  Bytes count_low = good;
  count_low[39] = 1;  // transform 1 announces more, count says it is the only one
  expect_error(count_low, 40);

  Bytes attr_past = good;
  attr_past[48] = 0x00;  // Key Length as TLV with length 256: runs past the transform
  EXPECT_EQ(expect_error(attr_past, 50).what.rfind("proposal 1 transform 1 of 2: attribute 14 length 256 runs past", 0),
            0u);

  Bytes proposal_short = good;
  proposal_short[35] = 4;
  EXPECT_EQ(expect_error(proposal_short, 34).what.rfind("proposal 1: length 4 is shorter", 0), 0u);

  Bytes proposal_long = good;
  proposal_long[35] = static_cast<uint8_t>(proposal_long[35] + 4);
  expect_error(proposal_long, 34);

  Bytes last_marker = good;
  last_marker[32] = 2;  // announces another proposal, the SA ends
  expect_error(last_marker, 28 + be16(good, 30));

  Bytes bad_marker = good;
  bad_marker[32] = 7;
  expect_error(bad_marker, 32);

  Bytes empty_sa = encode_message(message_of({SaPayload{}}));
  expect_error(empty_sa, 32);
}

TEST(WireCodecMalformed, TrafficSelectorLengths) {
  TsiPayload tsi;
  tsi.selectors = {ts4(bytes_of({10, 0, 0, 0}), bytes_of({10, 0, 0, 255}))};
  const Bytes good = encode_message(message_of({tsi}));
  // TS header at 28, count at 32, selector at 36 (length at 38).
  ASSERT_EQ(be16(good, 38), 16);
  Bytes wrong = good;
  wrong[39] = 20;
  expect_error(wrong, 38);
  Bytes v6_len = good;
  v6_len[36] = 8;  // IPv6 type with an IPv4 length
  expect_error(v6_len, 38);
  Bytes count = good;
  count[32] = 2;  // second selector missing
  expect_error(count, 52);
  Bytes fewer = good;
  fewer[32] = 0;  // bytes left after zero selectors
  expect_error(fewer, 36);
}

TEST(WireCodecMalformed, NotifyAndDeleteSizes) {
  NotifyPayload n;
  n.type = NotifyType::Cookie;
  n.data = Bytes(4, 1);
  Bytes notify = encode_message(message_of({n}));
  notify[33] = 9;  // SPI size larger than what is left
  expect_error(notify, 33);

  DeletePayload d;
  d.protocol = ProtocolId::Esp;
  d.spi_size = 4;
  d.spis = {Bytes(4, 1)};
  Bytes del = encode_message(message_of({d}));
  del[35] = 2;  // two SPIs announced, one present
  expect_error(del, 34);
  Bytes zero = encode_message(message_of({DeletePayload{}}));
  zero[35] = 5;  // 5 SPIs of size 0
  expect_error(zero, 34);
}

TEST(WireCodecMalformed, LimitsAreDecodeErrors) {
  Bytes big(DecodeLimits::kMaxMessageBytes + 1, 0);
  expect_error(big, 0, DecodeErrorKind::LimitExceeded);

  std::vector<Payload> many(DecodeLimits::kMaxPayloads, VendorIdPayload{});
  ASSERT_TRUE(decode_message(encode_message(message_of(many))).ok());
  many.emplace_back(VendorIdPayload{});
  EXPECT_THROW(encode_message(message_of(many)), EncodeError);
  // Build the 65-payload message by hand: 65 empty vendor IDs.
  Bytes wire = encode_message(message_of({}));
  wire[16] = 43;
  for (size_t i = 0; i < 65; ++i) wire.insert(wire.end(), {static_cast<uint8_t>(i + 1 < 65 ? 43 : 0), 0, 0, 4});
  wire[26] = static_cast<uint8_t>(wire.size() >> 8);
  wire[27] = static_cast<uint8_t>(wire.size());
  expect_error(wire, 28 + 64 * 4, DecodeErrorKind::LimitExceeded);

  KePayload huge;
  huge.data = Bytes(70000, 0);
  EXPECT_THROW(encode_message(message_of({huge})), EncodeError);
}

TEST(WireCodecMalformed, OtherMajorVersionKeepsTheHeader) {
  Bytes wire = encode_message(message_of({NoncePayload{Bytes(16, 1)}}));
  wire[17] = 0x30;
  DecodeResult r = decode_message(wire);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, DecodeErrorKind::UnsupportedMajorVersion);
  ASSERT_TRUE(r.header.has_value());
  EXPECT_EQ(r.header->spi_i, 0x0102030405060708ULL);
  EXPECT_EQ(peek_major_version(wire), std::optional<uint8_t>(3));
  EXPECT_EQ(peek_major_version(ByteView(wire.data(), 10)), std::nullopt);
  // Minor versions are ignored (RFC 7296 3.1).
  wire[17] = 0x21;
  EXPECT_TRUE(decode_message(wire).ok());
}

// --- helpers --------------------------------------------------------------------

TEST(WireNames, ProtocolNumbers) {
  EXPECT_EQ(exchange_type_name(ExchangeType::CreateChildSa), "CREATE_CHILD_SA");
  EXPECT_EQ(exchange_type_name(static_cast<ExchangeType>(99)), "UNKNOWN(99)");
  EXPECT_EQ(payload_type_name(PayloadType::IdInitiator), "IDi");
  EXPECT_EQ(payload_type_long_name(PayloadType::Encrypted), "Encrypted and Authenticated");
  EXPECT_EQ(notify_type_name(NotifyType::NatDetectionDestinationIp), "NAT_DETECTION_DESTINATION_IP");
  EXPECT_EQ(notify_type_name(NotifyType::Ikev2FragmentationSupported), "IKEV2_FRAGMENTATION_SUPPORTED");
  EXPECT_EQ(notify_type_name(NotifyType::TsUnacceptable), "TS_UNACCEPTABLE");
  EXPECT_EQ(notify_type_from_name("COOKIE"), NotifyType::Cookie);
  EXPECT_EQ(notify_type_from_name("NOPE"), std::nullopt);
  EXPECT_EQ(transform_id_name(TransformType::Encryption, 20), "ENCR_AES_GCM_16");
  EXPECT_EQ(transform_id_name(TransformType::Integrity, 12), "AUTH_HMAC_SHA2_256_128");
  EXPECT_EQ(transform_id_name(TransformType::DhGroup, 31), "CURVE25519");
  EXPECT_EQ(transform_type_name(TransformType::Prf), "PRF");
  EXPECT_EQ(id_type_name(IdType::KeyId), "ID_KEY_ID");
  EXPECT_EQ(auth_method_name(AuthMethod::SharedKeyMic), "SHARED_KEY_MIC");
  EXPECT_EQ(protocol_id_name(ProtocolId::Esp), "ESP");
  EXPECT_EQ(ts_type_name(TsType::Ipv6AddrRange), "TS_IPV6_ADDR_RANGE");
}

TEST(WireNames, IdentificationsAsText) {
  EXPECT_EQ(id_to_string({IdType::Ipv4Addr, bytes_of({192, 0, 2, 1})}), "192.0.2.1");
  EXPECT_EQ(id_to_string({IdType::Fqdn, text("gw-a.lab.example")}), "gw-a.lab.example");
  EXPECT_EQ(id_to_string({IdType::Rfc822Addr, text("vpn@example.net")}), "vpn@example.net");
  Bytes v6(16, 0);
  v6[0] = 0x20;
  v6[1] = 0x01;
  v6[2] = 0x0d;
  v6[3] = 0xb8;
  v6[15] = 1;
  EXPECT_EQ(id_to_string({IdType::Ipv6Addr, v6}), "2001:db8::1");
  EXPECT_EQ(id_to_string({IdType::KeyId, bytes_of({0xab, 0x01})}), "ab01");
  EXPECT_EQ(id_to_string({IdType::Ipv4Addr, bytes_of({1, 2})}), "0102");  // wrong size: hex
}

TEST(WireFind, PayloadsByTypeAndNotifies) {
  const std::vector<Payload> v = every_payload();
  EXPECT_NE(find_first<KePayload>(v), nullptr);
  EXPECT_EQ(find_first<KePayload>(v)->dh_group, 14);
  EXPECT_EQ(find_all<NotifyPayload>(v).size(), 2u);
  EXPECT_NE(find_payload(v, PayloadType::Configuration), nullptr);
  EXPECT_EQ(find_payload(v, PayloadType::EncryptedFragment), nullptr);
  EXPECT_EQ(count_payloads(v, PayloadType::Notify), 2u);
  EXPECT_NE(find_notify(v, NotifyType::RekeySa), nullptr);
  EXPECT_EQ(find_notify(v, NotifyType::Cookie), nullptr);
  EXPECT_EQ(find_notifies(v, NotifyType::NatDetectionSourceIp).size(), 1u);
  EXPECT_EQ(find_error_notify(v), nullptr);
  NotifyPayload err;
  err.type = NotifyType::NoProposalChosen;
  std::vector<Payload> with_error = {err};
  EXPECT_EQ(find_error_notify(with_error)->type, NotifyType::NoProposalChosen);
}

TEST(WireSummary, LikeStrongswanLogs) {
  const Message m = message_of({ike_sa(), NoncePayload{}, NotifyPayload{}});
  EXPECT_EQ(summarize(m), "IKE_SA_INIT request 0 [ SA No N(INITIAL_CONTACT) ]");
  EXPECT_EQ(summarize_proposal(ike_sa().proposals[0]),
            "ENCR_AES_CBC/256 PRF_HMAC_SHA2_256 AUTH_HMAC_SHA2_256_128 MODP_2048");
}

TEST(WireNonEspMarker, Udp4500Demultiplexing) {
  const Bytes ike = encode_message(message_of({}));
  const Bytes framed = add_non_esp_marker(ike);
  ASSERT_EQ(framed.size(), ike.size() + 4);
  Udp4500Packet p = classify_udp4500(framed);
  EXPECT_EQ(p.kind, Udp4500Kind::Ike);
  EXPECT_EQ(p.payload.to_bytes(), ike);
  EXPECT_EQ(strip_non_esp_marker(framed).to_bytes(), ike);

  const Bytes esp = bytes_of({0x12, 0x34, 0x56, 0x78, 0, 0, 0, 1, 0xaa});
  EXPECT_EQ(classify_udp4500(esp).kind, Udp4500Kind::Esp);
  EXPECT_TRUE(strip_non_esp_marker(esp).empty());
  EXPECT_EQ(classify_udp4500(bytes_of({0xff})).kind, Udp4500Kind::NatKeepalive);
  EXPECT_EQ(classify_udp4500(bytes_of({0x12, 0x34})).kind, Udp4500Kind::Invalid);
  EXPECT_EQ(classify_udp4500(ByteView()).kind, Udp4500Kind::Invalid);
  EXPECT_EQ(classify_udp4500(bytes_of({0, 0, 0, 0})).kind, Udp4500Kind::Ike);  // empty IKE: the codec rejects it
}

}  // namespace
}  // namespace ikeshift::wire
