// The in-memory form of an ISAKMP (IKEv1) message, RFC 2408 section 3: a
// header and a list of payloads, each payload one std::variant alternative.
// As for IKEv2, no Length or Next Payload field is stored for the caller to
// keep consistent: the encoder derives them, the decoder checks them.
//
// IKEv1 authenticates with hashes over payload bodies exactly as they were on
// the wire (SAi_b, IDii_b, and in Quick Mode everything after the HASH
// payload), so the decoder also reports where each payload was (PayloadSpan):
// hashing the received bytes, not a re-encoding, is what keeps an attribute
// written as TLV by the peer from breaking HASH_I.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "wire/bytes.h"
#include "wire/data_attribute.h"
#include "wire/ikev1_types.h"
#include "wire/payload_find.h"

namespace ikeshift::wire::ikev1 {

struct Header {
  uint64_t cky_i = 0;  // initiator cookie, the 8 octets read big-endian
  uint64_t cky_r = 0;  // responder cookie (0 in the first message)
  uint8_t major_version = kMajorVersion;
  uint8_t minor_version = 0;
  ExchangeType exchange = ExchangeType::IdentityProtection;
  bool encrypted = false;  // E: the payloads after the header are encrypted
  bool commit = false;     // C
  bool auth_only = false;  // A
  uint32_t message_id = 0;
  // Filled in by the decoder; the encoder computes its own. Not part of ==.
  PayloadType next_payload = PayloadType::None;
  uint32_t length = 0;
  uint8_t other_flags = 0;  // flag bits RFC 2408 does not define, as received
};

// A data attribute (RFC 2408 3.3), the same as IKEv2's (data_attribute.h).
using Attribute = wire::DataAttribute;

struct Transform {
  uint8_t number = 1;
  uint8_t id = 0;  // KEY_IKE (1) in phase 1; ESP_3DES, ESP_AES ... in phase 2
  std::vector<Attribute> attributes;  // wire order

  const Attribute* find(uint16_t type) const;
};

struct Proposal {
  uint8_t number = 1;
  ProtocolId protocol = ProtocolId::Isakmp;
  Bytes spi;  // empty (or the cookies) in phase 1; 4 octets for ESP
  std::vector<Transform> transforms;
};

struct SaPayload {
  static constexpr PayloadType kType = PayloadType::SecurityAssociation;
  uint32_t doi = kDoiIpsec;
  uint32_t situation = kSituationIdentityOnly;
  // DOI or situation other than IPsec / SIT_IDENTITY_ONLY: the rest of the
  // body as received (its layout is defined elsewhere); proposals stay empty.
  Bytes other;
  std::vector<Proposal> proposals;
};

struct KePayload {
  static constexpr PayloadType kType = PayloadType::KeyExchange;
  Bytes data;
};

struct IdPayload {
  static constexpr PayloadType kType = PayloadType::Identification;
  IdType type = IdType::Ipv4Addr;
  uint8_t protocol = 0;  // RFC 2407 4.6.2: 0 or UDP (17) in phase 1
  uint16_t port = 0;
  Bytes data;
};

struct HashPayload {
  static constexpr PayloadType kType = PayloadType::Hash;
  Bytes data;
};

struct NoncePayload {
  static constexpr PayloadType kType = PayloadType::Nonce;
  Bytes data;
};

struct NotificationPayload {
  static constexpr PayloadType kType = PayloadType::Notification;
  uint32_t doi = kDoiIpsec;
  ProtocolId protocol = ProtocolId::Isakmp;
  Bytes spi;  // the two cookies (16 octets) for ISAKMP status messages such as R-U-THERE
  NotifyType type = NotifyType::InitialContact;
  Bytes data;
};

struct DeletePayload {
  static constexpr PayloadType kType = PayloadType::Delete;
  uint32_t doi = kDoiIpsec;
  ProtocolId protocol = ProtocolId::Esp;
  uint8_t spi_size = 4;  // 16 (both cookies) for the ISAKMP SA
  std::vector<Bytes> spis;
};

struct VendorIdPayload {
  static constexpr PayloadType kType = PayloadType::VendorId;
  Bytes data;
};

// NAT-D, as RFC 3947 (type 20) or the drafts (type 130) number it.
struct NatDPayload {
  PayloadType type = PayloadType::NatD;
  Bytes hash;
};

// NAT-OA: an ID type, three reserved octets and the original address.
struct NatOaPayload {
  PayloadType type = PayloadType::NatOa;
  IdType id_type = IdType::Ipv4Addr;
  Bytes address;
};

// CERT, CR, SIG, Mode Config, fragments and types the codec does not know.
struct RawPayload {
  PayloadType type = PayloadType::None;
  Bytes body;
};

using Payload = std::variant<SaPayload, KePayload, IdPayload, HashPayload, NoncePayload, NotificationPayload,
                             DeletePayload, VendorIdPayload, NatDPayload, NatOaPayload, RawPayload>;

PayloadType payload_type(const Payload& p);

// Where a payload sits in the chain it was decoded from (or encoded into):
// `offset` is its generic header, `length` includes that header.
struct PayloadSpan {
  size_t offset = 0;
  size_t length = 0;
};

struct Message {
  Header header;
  std::vector<Payload> payloads;     // empty while `encrypted` holds the body
  std::vector<PayloadSpan> spans;    // one per payload, relative to the chain
  Bytes encrypted;                   // header.encrypted: the ciphertext after the header
};

bool operator==(const Header& a, const Header& b);
bool operator==(const Transform& a, const Transform& b);
bool operator==(const Proposal& a, const Proposal& b);
bool operator==(const SaPayload& a, const SaPayload& b);
bool operator==(const KePayload& a, const KePayload& b);
bool operator==(const IdPayload& a, const IdPayload& b);
bool operator==(const HashPayload& a, const HashPayload& b);
bool operator==(const NoncePayload& a, const NoncePayload& b);
bool operator==(const NotificationPayload& a, const NotificationPayload& b);
bool operator==(const DeletePayload& a, const DeletePayload& b);
bool operator==(const VendorIdPayload& a, const VendorIdPayload& b);
bool operator==(const NatDPayload& a, const NatDPayload& b);
bool operator==(const NatOaPayload& a, const NatOaPayload& b);
bool operator==(const RawPayload& a, const RawPayload& b);

// Look-ups over a payload list: the version-neutral templates (payload_find.h).
using wire::find_all;
using wire::find_first;
const NotificationPayload* find_notification(const std::vector<Payload>& payloads, NotifyType type);

}  // namespace ikeshift::wire::ikev1
