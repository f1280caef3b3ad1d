// IKEv1 / ISAKMP protocol numbers: RFC 2408 (ISAKMP), RFC 2407 (the IPsec
// DOI), RFC 2409 (IKE, Appendix A attribute classes), RFC 3947 (NAT-T), RFC
// 3706 (DPD) and the IANA "ISAKMP" and "IPsec DOI" registries. As in the
// IKEv2 types, every enum has a fixed underlying type so any number read off
// the wire is representable: unknown values are data, never undefined.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ikeshift::wire::ikev1 {

inline constexpr uint8_t kMajorVersion = 1;
inline constexpr size_t kHeaderSize = 28;
inline constexpr size_t kGenericPayloadHeaderSize = 4;

// RFC 2408 3.1 flags.
inline constexpr uint8_t kFlagEncryption = 0x01;
inline constexpr uint8_t kFlagCommit = 0x02;
inline constexpr uint8_t kFlagAuthenticationOnly = 0x04;

// RFC 2407 4.2: the IPsec DOI and its only situation L2L tunnels use.
inline constexpr uint32_t kDoiIpsec = 1;
inline constexpr uint32_t kSituationIdentityOnly = 1;

enum class ExchangeType : uint8_t {
  Base = 1,
  IdentityProtection = 2,  // Main Mode
  AuthenticationOnly = 3,
  Aggressive = 4,
  Informational = 5,
  Transaction = 6,         // Mode Config (draft-dukes-ike-mode-cfg)
  QuickMode = 32,
  NewGroupMode = 33,
};

enum class PayloadType : uint8_t {
  None = 0,
  SecurityAssociation = 1,
  Proposal = 2,   // only inside an SA payload
  Transform = 3,  // only inside a Proposal
  KeyExchange = 4,
  Identification = 5,
  Certificate = 6,
  CertificateRequest = 7,
  Hash = 8,
  Signature = 9,
  Nonce = 10,
  Notification = 11,
  Delete = 12,
  VendorId = 13,
  Attribute = 14,      // Mode Config
  NatD = 20,           // RFC 3947
  NatOa = 21,          // RFC 3947
  NatDDraft = 130,     // draft-ietf-ipsec-nat-t-ike-02/03
  NatOaDraft = 131,
  Fragment = 132,      // IKEv1 fragmentation (Cisco, strongSwan)
};

enum class ProtocolId : uint8_t { Isakmp = 1, Ah = 2, Esp = 3, IpComp = 4 };

// Phase 1 transform id (RFC 2409 5: the only one IKE defines).
inline constexpr uint8_t kTransformKeyIke = 1;

// RFC 2409 Appendix A attribute classes (phase 1).
enum class Phase1Attribute : uint16_t {
  Encryption = 1,
  Hash = 2,
  AuthenticationMethod = 3,
  GroupDescription = 4,
  GroupType = 5,
  GroupPrime = 6,
  GroupGeneratorOne = 7,
  GroupGeneratorTwo = 8,
  GroupCurveA = 9,
  GroupCurveB = 10,
  LifeType = 11,
  LifeDuration = 12,
  Prf = 13,
  KeyLength = 14,
  FieldSize = 15,
  GroupOrder = 16,
};

enum class Phase1Encryption : uint16_t { Des = 1, Idea = 2, Blowfish = 3, Rc5 = 4, TripleDes = 5, Cast = 6, AesCbc = 7 };
enum class Phase1Hash : uint16_t { Md5 = 1, Sha1 = 2, Tiger = 3, Sha2_256 = 4, Sha2_384 = 5, Sha2_512 = 6 };
enum class AuthMethod : uint16_t { PreSharedKey = 1, DssSignature = 2, RsaSignature = 3, RsaEncryption = 4, RevisedRsa = 5 };
enum class LifeType : uint16_t { Seconds = 1, Kilobytes = 2 };

// RFC 2407 4.5 attributes (phase 2, IPsec DOI).
enum class IpsecAttribute : uint16_t {
  LifeType = 1,
  LifeDuration = 2,
  GroupDescription = 3,
  EncapsulationMode = 4,
  AuthenticationAlgorithm = 5,
  KeyLength = 6,
  KeyRounds = 7,
  CompressDictionarySize = 8,
  CompressPrivateAlgorithm = 9,
  EcnTunnel = 10,
  ExtendedSequenceNumber = 11,
};

enum class EncapsulationMode : uint16_t {
  Tunnel = 1,
  Transport = 2,
  UdpTunnel = 3,              // RFC 3947
  UdpTransport = 4,
  UdpTunnelDraft = 61443,     // draft-ietf-ipsec-nat-t-ike
  UdpTransportDraft = 61444,
};

// RFC 2407 4.5 / RFC 4868: Authentication Algorithm attribute values.
enum class IpsecAuth : uint16_t { HmacMd5 = 1, HmacSha1 = 2, DesMac = 3, Kpdk = 4, HmacSha2_256 = 5, HmacSha2_384 = 6, HmacSha2_512 = 7 };

// RFC 2407 4.4.4 ESP transform ids (the ones an ASA transform-set names).
enum class EspTransformId : uint8_t { Des = 2, TripleDes = 3, Null = 11, Aes = 12, AesGcm8 = 18, AesGcm12 = 19, AesGcm16 = 20, AesGmac = 23 };

// RFC 2407 4.6.2.1.
enum class IdType : uint8_t {
  Ipv4Addr = 1,
  Fqdn = 2,
  UserFqdn = 3,
  Ipv4AddrSubnet = 4,
  Ipv6Addr = 5,
  Ipv6AddrSubnet = 6,
  Ipv4AddrRange = 7,
  Ipv6AddrRange = 8,
  DerAsn1Dn = 9,
  DerAsn1Gn = 10,
  KeyId = 11,
};

// RFC 2408 3.14.1 (errors 1-30), RFC 2407 4.6.3 (status), RFC 3706 (DPD).
enum class NotifyType : uint16_t {
  InvalidPayloadType = 1,
  DoiNotSupported = 2,
  SituationNotSupported = 3,
  InvalidCookie = 4,
  InvalidMajorVersion = 5,
  InvalidMinorVersion = 6,
  InvalidExchangeType = 7,
  InvalidFlags = 8,
  InvalidMessageId = 9,
  InvalidProtocolId = 10,
  InvalidSpi = 11,
  InvalidTransformId = 12,
  AttributesNotSupported = 13,
  NoProposalChosen = 14,
  BadProposalSyntax = 15,
  PayloadMalformed = 16,
  InvalidKeyInformation = 17,
  InvalidIdInformation = 18,
  InvalidCertEncoding = 19,
  InvalidCertificate = 20,
  CertTypeUnsupported = 21,
  InvalidCertAuthority = 22,
  InvalidHashInformation = 23,
  AuthenticationFailed = 24,
  InvalidSignature = 25,
  AddressNotification = 26,
  NotifySaLifetime = 27,
  CertificateUnavailable = 28,
  UnsupportedExchangeType = 29,
  UnequalPayloadLengths = 30,

  Connected = 16384,
  ResponderLifetime = 24576,
  ReplayStatus = 24577,
  InitialContact = 24578,
  RUThere = 36136,
  RUThereAck = 36137,
};

// Error notifications are below 8192 (RFC 2408 3.14.1).
inline constexpr uint16_t kFirstStatusNotify = 8192;

}  // namespace ikeshift::wire::ikev1
