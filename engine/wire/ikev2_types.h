// IKEv2 protocol numbers (RFC 7296 section 3 and the IANA "IKEv2 Parameters"
// registry). The enums have a fixed underlying type so that any value read
// off the wire is representable: unknown numbers are data, not undefined
// behaviour, and the codec passes them through.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ikeshift::wire {

inline constexpr uint8_t kIkev2MajorVersion = 2;
inline constexpr size_t kIkeHeaderSize = 28;
inline constexpr size_t kGenericPayloadHeaderSize = 4;

enum class ExchangeType : uint8_t {
  IkeSaInit = 34,
  IkeAuth = 35,
  CreateChildSa = 36,
  Informational = 37,
  IkeSessionResume = 38,  // RFC 5723
  IkeIntermediate = 43,   // RFC 9242
};

enum class PayloadType : uint8_t {
  NoNext = 0,
  SecurityAssociation = 33,  // SA
  KeyExchange = 34,          // KE
  IdInitiator = 35,          // IDi
  IdResponder = 36,          // IDr
  Certificate = 37,          // CERT
  CertificateRequest = 38,   // CERTREQ
  Authentication = 39,       // AUTH
  Nonce = 40,                // Ni, Nr
  Notify = 41,               // N
  Delete = 42,               // D
  VendorId = 43,             // V
  TsInitiator = 44,          // TSi
  TsResponder = 45,          // TSr
  Encrypted = 46,            // SK
  Configuration = 47,        // CP
  Eap = 48,                  // EAP
  EncryptedFragment = 53,    // SKF (RFC 7383); not supported, kept raw
};

enum class ProtocolId : uint8_t { None = 0, Ike = 1, Ah = 2, Esp = 3 };

enum class TransformType : uint8_t { Encryption = 1, Prf = 2, Integrity = 3, DhGroup = 4, Esn = 5 };

// Transform attribute types (RFC 7296 3.3.5); only Key Length is defined.
inline constexpr uint16_t kAttrKeyLength = 14;

enum class IdType : uint8_t {
  Ipv4Addr = 1,
  Fqdn = 2,
  Rfc822Addr = 3,
  Ipv6Addr = 5,
  DerAsn1Dn = 9,
  DerAsn1Gn = 10,
  KeyId = 11,
  FcName = 12,   // RFC 4595
  Null = 13,     // RFC 7619
};

enum class AuthMethod : uint8_t {
  RsaSignature = 1,
  SharedKeyMic = 2,
  DssSignature = 3,
  EcdsaSha256P256 = 9,    // RFC 4754
  EcdsaSha384P384 = 10,
  EcdsaSha512P521 = 11,
  GenericSecurePassword = 12,  // RFC 6467
  NullAuth = 13,               // RFC 7619
  DigitalSignature = 14,       // RFC 7427
};

enum class TsType : uint8_t { Ipv4AddrRange = 7, Ipv6AddrRange = 8 };

// Notify message types. Values below 16384 are errors, the rest status.
enum class NotifyType : uint16_t {
  UnsupportedCriticalPayload = 1,
  InvalidIkeSpi = 4,
  InvalidMajorVersion = 5,
  InvalidSyntax = 7,
  InvalidMessageId = 9,
  InvalidSpi = 11,
  NoProposalChosen = 14,
  InvalidKePayload = 17,
  AuthenticationFailed = 24,
  SinglePairRequired = 34,
  NoAdditionalSas = 35,
  InternalAddressFailure = 36,
  FailedCpRequired = 37,
  TsUnacceptable = 38,
  InvalidSelectors = 39,
  TemporaryFailure = 43,
  ChildSaNotFound = 44,

  InitialContact = 16384,
  SetWindowSize = 16385,
  AdditionalTsPossible = 16386,
  IpcompSupported = 16387,
  NatDetectionSourceIp = 16388,
  NatDetectionDestinationIp = 16389,
  Cookie = 16390,
  UseTransportMode = 16391,
  HttpCertLookupSupported = 16392,
  RekeySa = 16393,
  EspTfcPaddingNotSupported = 16394,
  NonFirstFragmentsAlso = 16395,
  MobikeSupported = 16396,
  NoAdditionalAddresses = 16399,
  MultipleAuthSupported = 16404,
  RedirectSupported = 16406,
  EapOnlyAuthentication = 16417,
  ChildlessIkev2Supported = 16418,
  Ikev2MessageIdSyncSupported = 16420,
  Ikev2FragmentationSupported = 16430,
  SignatureHashAlgorithms = 16431,
};

inline constexpr uint16_t kFirstStatusNotify = 16384;

// Header flags (RFC 7296 3.1).
inline constexpr uint8_t kFlagInitiator = 0x08;
inline constexpr uint8_t kFlagVersion = 0x10;
inline constexpr uint8_t kFlagResponse = 0x20;

// Generic payload header: the critical bit (RFC 7296 3.2).
inline constexpr uint8_t kFlagCritical = 0x80;

}  // namespace ikeshift::wire
