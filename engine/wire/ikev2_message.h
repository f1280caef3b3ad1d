// The in-memory form of an IKEv2 message (RFC 7296 section 3): a header and a
// list of payloads, each payload a std::variant alternative.
//
// Length and Next Payload fields are not stored anywhere the caller has to keep
// consistent: the encoder derives them from the list, the decoder checks them.
// Payload types that share a layout (IDi/IDr, TSi/TSr) get one struct per type
// so that the variant alternative alone says which payload it is.
#pragma once

#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "wire/bytes.h"
#include "wire/data_attribute.h"
#include "wire/ikev2_types.h"

namespace ikeshift::wire {

struct Header {
  uint64_t spi_i = 0;  // the 8 SPI octets read as a big-endian number
  uint64_t spi_r = 0;
  uint8_t major_version = kIkev2MajorVersion;
  uint8_t minor_version = 0;
  ExchangeType exchange = ExchangeType::IkeSaInit;
  bool initiator = false;     // I: sent by the original initiator of the IKE SA
  bool version_flag = false;  // V: sender could speak a higher major version
  bool response = false;      // R
  uint32_t message_id = 0;
  // Filled in by the decoder for diagnostics; the encoder ignores both and
  // writes the values it computes. Not part of operator==.
  PayloadType next_payload = PayloadType::NoNext;
  uint32_t length = 0;
};

// One transform attribute (RFC 7296 3.3.5). TV attributes carry a 16-bit
// value, TLV attributes a byte string.
using Attribute = DataAttribute;  // data_attribute.h, shared with IKEv1

struct Transform {
  TransformType type = TransformType::Encryption;
  uint16_t id = 0;
  std::optional<uint16_t> key_length;  // the Key Length attribute (TV 14), in bits
  // Every other attribute, in wire order (written after Key Length).
  std::vector<Attribute> other_attributes;
};

struct Proposal {
  uint8_t number = 1;
  ProtocolId protocol = ProtocolId::Ike;
  Bytes spi;  // empty for an initial IKE SA, 4 octets for ESP/AH, 8 for an IKE rekey
  std::vector<Transform> transforms;
};

struct SaPayload {
  static constexpr PayloadType kType = PayloadType::SecurityAssociation;
  std::vector<Proposal> proposals;
};

struct KePayload {
  static constexpr PayloadType kType = PayloadType::KeyExchange;
  uint16_t dh_group = 0;
  Bytes data;
};

struct Identification {
  IdType type = IdType::Ipv4Addr;
  Bytes data;  // as received: 4 octets for IPv4, the name for FQDN, ...
};
struct IdiPayload : Identification {
  static constexpr PayloadType kType = PayloadType::IdInitiator;
};
struct IdrPayload : Identification {
  static constexpr PayloadType kType = PayloadType::IdResponder;
};

struct AuthPayload {
  static constexpr PayloadType kType = PayloadType::Authentication;
  AuthMethod method = AuthMethod::SharedKeyMic;
  Bytes data;
};

struct NoncePayload {  // Ni and Nr share one payload type
  static constexpr PayloadType kType = PayloadType::Nonce;
  Bytes data;
};

struct NotifyPayload {
  static constexpr PayloadType kType = PayloadType::Notify;
  ProtocolId protocol = ProtocolId::None;
  Bytes spi;
  NotifyType type = NotifyType::InitialContact;
  Bytes data;
};

struct DeletePayload {
  static constexpr PayloadType kType = PayloadType::Delete;
  ProtocolId protocol = ProtocolId::Ike;
  uint8_t spi_size = 0;  // kept so an empty ESP delete (size 4, no SPIs) round-trips
  std::vector<Bytes> spis;
};

struct VendorIdPayload {
  static constexpr PayloadType kType = PayloadType::VendorId;
  Bytes data;
};

struct TrafficSelector {
  TsType type = TsType::Ipv4AddrRange;
  uint8_t ip_protocol = 0;  // 0 = any
  uint16_t start_port = 0;
  uint16_t end_port = 0xFFFF;
  Bytes start_address;  // 4 octets (IPv4) or 16 (IPv6)
  Bytes end_address;
  // Selector types other than 7/8: the octets after the 4-byte selector
  // header, kept as received (ip_protocol then holds octet 1).
  Bytes other;
};
struct TrafficSelectors {
  std::vector<TrafficSelector> selectors;
};
struct TsiPayload : TrafficSelectors {
  static constexpr PayloadType kType = PayloadType::TsInitiator;
};
struct TsrPayload : TrafficSelectors {
  static constexpr PayloadType kType = PayloadType::TsResponder;
};

// SK: the Next Payload field of its header names the first payload inside,
// and the body (IV | ciphertext | ICV) stays opaque: crypto is not the
// codec's job. decode_payload_chain() reads the decrypted inner payloads.
struct EncryptedPayload {
  static constexpr PayloadType kType = PayloadType::Encrypted;
  PayloadType first_inner = PayloadType::NoNext;
  Bytes body;
};

// CP, EAP, CERT, CERTREQ and payload types the codec does not know: the body as
// received. `critical` is only written for unknown types (RFC 7296 3.2 says to
// send 0 for the types it defines).
struct RawPayload {
  PayloadType type = PayloadType::NoNext;
  bool critical = false;
  Bytes body;
};

using Payload = std::variant<SaPayload, KePayload, IdiPayload, IdrPayload, AuthPayload, NoncePayload,
                             NotifyPayload, DeletePayload, VendorIdPayload, TsiPayload, TsrPayload,
                             EncryptedPayload, RawPayload>;

PayloadType payload_type(const Payload& p);

struct Message {
  Header header;
  std::vector<Payload> payloads;
};

// Field-wise equality (for tests and retransmission checks); Header ignores
// the derived next_payload and length fields.
bool operator==(const Header& a, const Header& b);
bool operator==(const Transform& a, const Transform& b);
bool operator==(const Proposal& a, const Proposal& b);
bool operator==(const SaPayload& a, const SaPayload& b);
bool operator==(const KePayload& a, const KePayload& b);
bool operator==(const Identification& a, const Identification& b);
bool operator==(const AuthPayload& a, const AuthPayload& b);
bool operator==(const NoncePayload& a, const NoncePayload& b);
bool operator==(const NotifyPayload& a, const NotifyPayload& b);
bool operator==(const DeletePayload& a, const DeletePayload& b);
bool operator==(const VendorIdPayload& a, const VendorIdPayload& b);
bool operator==(const TrafficSelector& a, const TrafficSelector& b);
bool operator==(const TrafficSelectors& a, const TrafficSelectors& b);
bool operator==(const EncryptedPayload& a, const EncryptedPayload& b);
bool operator==(const RawPayload& a, const RawPayload& b);
bool operator==(const Message& a, const Message& b);
inline bool operator!=(const Message& a, const Message& b) { return !(a == b); }

}  // namespace ikeshift::wire
