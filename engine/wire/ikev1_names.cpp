#include "wire/ikev1_names.h"

#include <cstdio>

#include "wire/ikev1_payload_bodies.h"

namespace ikeshift::wire::ikev1 {
namespace {

std::string unknown(unsigned v) { return "UNKNOWN(" + std::to_string(v) + ")"; }

std::string ipv4(const uint8_t* p) {
  return std::to_string(p[0]) + "." + std::to_string(p[1]) + "." + std::to_string(p[2]) + "." + std::to_string(p[3]);
}

std::string hex(const Bytes& b) {
  std::string out;
  char buf[3];
  for (uint8_t c : b) {
    std::snprintf(buf, sizeof buf, "%02x", c);
    out += buf;
  }
  return out;
}

bool printable(const Bytes& b) {
  for (uint8_t c : b) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return !b.empty();
}

}  // namespace

std::string exchange_type_name(ExchangeType t) {
  switch (t) {
    case ExchangeType::Base: return "BASE";
    case ExchangeType::IdentityProtection: return "MAIN_MODE";
    case ExchangeType::AuthenticationOnly: return "AUTH_ONLY";
    case ExchangeType::Aggressive: return "AGGRESSIVE";
    case ExchangeType::Informational: return "INFORMATIONAL";
    case ExchangeType::Transaction: return "TRANSACTION";
    case ExchangeType::QuickMode: return "QUICK_MODE";
    case ExchangeType::NewGroupMode: return "NEW_GROUP_MODE";
  }
  return unknown(static_cast<unsigned>(t));
}

std::string payload_type_name(PayloadType t) {
  if (t == PayloadType::Proposal) return "P";
  if (t == PayloadType::Transform) return "T";
  if (const auto* d = detail::find_payload_descriptor(t)) return d->name;
  return unknown(static_cast<unsigned>(t));
}

std::string payload_type_long_name(PayloadType t) {
  if (t == PayloadType::Proposal) return "Proposal";
  if (t == PayloadType::Transform) return "Transform";
  if (const auto* d = detail::find_payload_descriptor(t)) return d->long_name;
  return unknown(static_cast<unsigned>(t));
}

std::string notify_type_name(NotifyType t) {
  switch (t) {
    case NotifyType::InvalidPayloadType: return "INVALID_PAYLOAD_TYPE";
    case NotifyType::DoiNotSupported: return "DOI_NOT_SUPPORTED";
    case NotifyType::SituationNotSupported: return "SITUATION_NOT_SUPPORTED";
    case NotifyType::InvalidCookie: return "INVALID_COOKIE";
    case NotifyType::InvalidMajorVersion: return "INVALID_MAJOR_VERSION";
    case NotifyType::InvalidMinorVersion: return "INVALID_MINOR_VERSION";
    case NotifyType::InvalidExchangeType: return "INVALID_EXCHANGE_TYPE";
    case NotifyType::InvalidFlags: return "INVALID_FLAGS";
    case NotifyType::InvalidMessageId: return "INVALID_MESSAGE_ID";
    case NotifyType::InvalidProtocolId: return "INVALID_PROTOCOL_ID";
    case NotifyType::InvalidSpi: return "INVALID_SPI";
    case NotifyType::InvalidTransformId: return "INVALID_TRANSFORM_ID";
    case NotifyType::AttributesNotSupported: return "ATTRIBUTES_NOT_SUPPORTED";
    case NotifyType::NoProposalChosen: return "NO_PROPOSAL_CHOSEN";
    case NotifyType::BadProposalSyntax: return "BAD_PROPOSAL_SYNTAX";
    case NotifyType::PayloadMalformed: return "PAYLOAD_MALFORMED";
    case NotifyType::InvalidKeyInformation: return "INVALID_KEY_INFORMATION";
    case NotifyType::InvalidIdInformation: return "INVALID_ID_INFORMATION";
    case NotifyType::InvalidCertEncoding: return "INVALID_CERT_ENCODING";
    case NotifyType::InvalidCertificate: return "INVALID_CERTIFICATE";
    case NotifyType::CertTypeUnsupported: return "CERT_TYPE_UNSUPPORTED";
    case NotifyType::InvalidCertAuthority: return "INVALID_CERT_AUTHORITY";
    case NotifyType::InvalidHashInformation: return "INVALID_HASH_INFORMATION";
    case NotifyType::AuthenticationFailed: return "AUTHENTICATION_FAILED";
    case NotifyType::InvalidSignature: return "INVALID_SIGNATURE";
    case NotifyType::AddressNotification: return "ADDRESS_NOTIFICATION";
    case NotifyType::NotifySaLifetime: return "NOTIFY_SA_LIFETIME";
    case NotifyType::CertificateUnavailable: return "CERTIFICATE_UNAVAILABLE";
    case NotifyType::UnsupportedExchangeType: return "UNSUPPORTED_EXCHANGE_TYPE";
    case NotifyType::UnequalPayloadLengths: return "UNEQUAL_PAYLOAD_LENGTHS";
    case NotifyType::Connected: return "CONNECTED";
    case NotifyType::ResponderLifetime: return "RESPONDER_LIFETIME";
    case NotifyType::ReplayStatus: return "REPLAY_STATUS";
    case NotifyType::InitialContact: return "INITIAL_CONTACT";
    case NotifyType::RUThere: return "R_U_THERE";
    case NotifyType::RUThereAck: return "R_U_THERE_ACK";
  }
  return unknown(static_cast<unsigned>(t));
}

std::string id_type_name(IdType t) {
  switch (t) {
    case IdType::Ipv4Addr: return "ID_IPV4_ADDR";
    case IdType::Fqdn: return "ID_FQDN";
    case IdType::UserFqdn: return "ID_USER_FQDN";
    case IdType::Ipv4AddrSubnet: return "ID_IPV4_ADDR_SUBNET";
    case IdType::Ipv6Addr: return "ID_IPV6_ADDR";
    case IdType::Ipv6AddrSubnet: return "ID_IPV6_ADDR_SUBNET";
    case IdType::Ipv4AddrRange: return "ID_IPV4_ADDR_RANGE";
    case IdType::Ipv6AddrRange: return "ID_IPV6_ADDR_RANGE";
    case IdType::DerAsn1Dn: return "ID_DER_ASN1_DN";
    case IdType::DerAsn1Gn: return "ID_DER_ASN1_GN";
    case IdType::KeyId: return "ID_KEY_ID";
  }
  return unknown(static_cast<unsigned>(t));
}

std::string protocol_name(ProtocolId p) {
  switch (p) {
    case ProtocolId::Isakmp: return "ISAKMP";
    case ProtocolId::Ah: return "AH";
    case ProtocolId::Esp: return "ESP";
    case ProtocolId::IpComp: return "IPCOMP";
  }
  return unknown(static_cast<unsigned>(p));
}

std::string id_to_string(const IdPayload& id) {
  const Bytes& d = id.data;
  switch (id.type) {
    case IdType::Ipv4Addr:
      if (d.size() == 4) return ipv4(d.data());
      break;
    case IdType::Ipv4AddrSubnet:
      if (d.size() == 8) return ipv4(d.data()) + "/" + ipv4(d.data() + 4);
      break;
    case IdType::Ipv4AddrRange:
      if (d.size() == 8) return ipv4(d.data()) + "-" + ipv4(d.data() + 4);
      break;
    case IdType::Fqdn:
    case IdType::UserFqdn:
      if (printable(d)) return std::string(d.begin(), d.end());
      break;
    default: break;
  }
  return hex(d);
}

std::string summarize_payloads(const std::vector<Payload>& payloads) {
  std::string out = "[ ";
  for (const auto& p : payloads) {
    if (const auto* n = std::get_if<NotificationPayload>(&p)) {
      out += "N(" + notify_type_name(n->type) + ") ";
    } else {
      out += payload_type_name(payload_type(p)) + " ";
    }
  }
  return out + "]";
}

}  // namespace ikeshift::wire::ikev1
