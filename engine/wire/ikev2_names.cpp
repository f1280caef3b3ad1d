// Name tables (IANA "IKEv2 Parameters"). Constant data and linear look-ups:
// the tables are short and only used for logs and `show`.
#include "wire/ikev2_names.h"

#include <arpa/inet.h>

#include <cctype>
#include <string>

#include "wire/ikev2_payload_table.h"

namespace ikeshift::wire {
namespace {

struct Name {
  uint16_t value;
  const char* name;
};

template <size_t N>
std::string lookup(const Name (&table)[N], unsigned value) {
  for (const auto& e : table) {
    if (e.value == value) return e.name;
  }
  return "UNKNOWN(" + std::to_string(value) + ")";
}

constexpr Name kExchanges[] = {
    {34, "IKE_SA_INIT"}, {35, "IKE_AUTH"}, {36, "CREATE_CHILD_SA"}, {37, "INFORMATIONAL"},
    {38, "IKE_SESSION_RESUME"}, {43, "IKE_INTERMEDIATE"},
};

constexpr Name kNotifies[] = {
    // errors (RFC 7296 3.10.1)
    {1, "UNSUPPORTED_CRITICAL_PAYLOAD"}, {4, "INVALID_IKE_SPI"}, {5, "INVALID_MAJOR_VERSION"},
    {7, "INVALID_SYNTAX"}, {9, "INVALID_MESSAGE_ID"}, {11, "INVALID_SPI"}, {14, "NO_PROPOSAL_CHOSEN"},
    {17, "INVALID_KE_PAYLOAD"}, {24, "AUTHENTICATION_FAILED"}, {34, "SINGLE_PAIR_REQUIRED"},
    {35, "NO_ADDITIONAL_SAS"}, {36, "INTERNAL_ADDRESS_FAILURE"}, {37, "FAILED_CP_REQUIRED"},
    {38, "TS_UNACCEPTABLE"}, {39, "INVALID_SELECTORS"}, {40, "UNACCEPTABLE_ADDRESSES"},
    {41, "UNEXPECTED_NAT_DETECTED"}, {42, "USE_ASSIGNED_HoA"}, {43, "TEMPORARY_FAILURE"},
    {44, "CHILD_SA_NOT_FOUND"}, {45, "INVALID_GROUP_ID"}, {46, "AUTHORIZATION_FAILED"},
    {47, "STATE_NOT_FOUND"},
    // status (RFC 7296 3.10.1 and later RFCs)
    {16384, "INITIAL_CONTACT"}, {16385, "SET_WINDOW_SIZE"}, {16386, "ADDITIONAL_TS_POSSIBLE"},
    {16387, "IPCOMP_SUPPORTED"}, {16388, "NAT_DETECTION_SOURCE_IP"}, {16389, "NAT_DETECTION_DESTINATION_IP"},
    {16390, "COOKIE"}, {16391, "USE_TRANSPORT_MODE"}, {16392, "HTTP_CERT_LOOKUP_SUPPORTED"},
    {16393, "REKEY_SA"}, {16394, "ESP_TFC_PADDING_NOT_SUPPORTED"}, {16395, "NON_FIRST_FRAGMENTS_ALSO"},
    {16396, "MOBIKE_SUPPORTED"}, {16397, "ADDITIONAL_IP4_ADDRESS"}, {16398, "ADDITIONAL_IP6_ADDRESS"},
    {16399, "NO_ADDITIONAL_ADDRESSES"}, {16400, "UPDATE_SA_ADDRESSES"}, {16401, "COOKIE2"},
    {16402, "NO_NATS_ALLOWED"}, {16403, "AUTH_LIFETIME"}, {16404, "MULTIPLE_AUTH_SUPPORTED"},
    {16405, "ANOTHER_AUTH_FOLLOWS"}, {16406, "REDIRECT_SUPPORTED"}, {16407, "REDIRECT"},
    {16408, "REDIRECTED_FROM"}, {16409, "TICKET_LT_OPAQUE"}, {16410, "TICKET_REQUEST"},
    {16411, "TICKET_ACK"}, {16412, "TICKET_NACK"}, {16413, "TICKET_OPAQUE"}, {16414, "LINK_ID"},
    {16415, "USE_WESP_MODE"}, {16416, "ROHC_SUPPORTED"}, {16417, "EAP_ONLY_AUTHENTICATION"},
    {16418, "CHILDLESS_IKEV2_SUPPORTED"}, {16419, "QUICK_CRASH_DETECTION"},
    {16420, "IKEV2_MESSAGE_ID_SYNC_SUPPORTED"}, {16421, "IPSEC_REPLAY_COUNTER_SYNC_SUPPORTED"},
    {16422, "IKEV2_MESSAGE_ID_SYNC"}, {16423, "IPSEC_REPLAY_COUNTER_SYNC"},
    {16424, "SECURE_PASSWORD_METHODS"}, {16425, "PSK_PERSIST"}, {16426, "PSK_CONFIRM"},
    {16427, "ERX_SUPPORTED"}, {16428, "IFOM_CAPABILITY"}, {16429, "SENDER_REQUEST_ID"},
    {16430, "IKEV2_FRAGMENTATION_SUPPORTED"}, {16431, "SIGNATURE_HASH_ALGORITHMS"},
    {16432, "CLONE_IKE_SA_SUPPORTED"}, {16433, "CLONE_IKE_SA"}, {16434, "PUZZLE"}, {16435, "USE_PPK"},
    {16436, "PPK_IDENTITY"}, {16437, "NO_PPK_AUTH"}, {16438, "INTERMEDIATE_EXCHANGE_SUPPORTED"},
    {16439, "IP4_ALLOWED"}, {16440, "IP6_ALLOWED"}, {16441, "ADDITIONAL_KEY_EXCHANGE"},
    {16442, "USE_AGGFRAG"},
};

constexpr Name kProtocols[] = {{0, "NONE"}, {1, "IKE"}, {2, "AH"}, {3, "ESP"}};

constexpr Name kTransformTypes[] = {{1, "ENCR"}, {2, "PRF"}, {3, "INTEG"}, {4, "DH"}, {5, "ESN"}};

constexpr Name kEncr[] = {
    {1, "ENCR_DES_IV64"}, {2, "ENCR_DES"}, {3, "ENCR_3DES"}, {4, "ENCR_RC5"}, {5, "ENCR_IDEA"},
    {6, "ENCR_CAST"}, {7, "ENCR_BLOWFISH"}, {8, "ENCR_3IDEA"}, {9, "ENCR_DES_IV32"}, {11, "ENCR_NULL"},
    {12, "ENCR_AES_CBC"}, {13, "ENCR_AES_CTR"}, {14, "ENCR_AES_CCM_8"}, {15, "ENCR_AES_CCM_12"},
    {16, "ENCR_AES_CCM_16"}, {18, "ENCR_AES_GCM_8"}, {19, "ENCR_AES_GCM_12"}, {20, "ENCR_AES_GCM_16"},
    {21, "ENCR_NULL_AUTH_AES_GMAC"}, {23, "ENCR_CAMELLIA_CBC"}, {24, "ENCR_CAMELLIA_CTR"},
    {25, "ENCR_CAMELLIA_CCM_8"}, {26, "ENCR_CAMELLIA_CCM_12"}, {27, "ENCR_CAMELLIA_CCM_16"},
    {28, "ENCR_CHACHA20_POLY1305"},
};
constexpr Name kPrf[] = {
    {1, "PRF_HMAC_MD5"}, {2, "PRF_HMAC_SHA1"}, {3, "PRF_HMAC_TIGER"}, {4, "PRF_AES128_XCBC"},
    {5, "PRF_HMAC_SHA2_256"}, {6, "PRF_HMAC_SHA2_384"}, {7, "PRF_HMAC_SHA2_512"}, {8, "PRF_AES128_CMAC"},
};
constexpr Name kInteg[] = {
    {0, "NONE"}, {1, "AUTH_HMAC_MD5_96"}, {2, "AUTH_HMAC_SHA1_96"}, {3, "AUTH_DES_MAC"},
    {4, "AUTH_KPDK_MD5"}, {5, "AUTH_AES_XCBC_96"}, {6, "AUTH_HMAC_MD5_128"}, {7, "AUTH_HMAC_SHA1_160"},
    {8, "AUTH_AES_CMAC_96"}, {9, "AUTH_AES_128_GMAC"}, {10, "AUTH_AES_192_GMAC"}, {11, "AUTH_AES_256_GMAC"},
    {12, "AUTH_HMAC_SHA2_256_128"}, {13, "AUTH_HMAC_SHA2_384_192"}, {14, "AUTH_HMAC_SHA2_512_256"},
};
constexpr Name kDh[] = {
    {0, "NONE"}, {1, "MODP_768"}, {2, "MODP_1024"}, {5, "MODP_1536"}, {14, "MODP_2048"},
    {15, "MODP_3072"}, {16, "MODP_4096"}, {17, "MODP_6144"}, {18, "MODP_8192"}, {19, "ECP_256"},
    {20, "ECP_384"}, {21, "ECP_521"}, {22, "MODP_1024_160"}, {23, "MODP_2048_224"}, {24, "MODP_2048_256"},
    {25, "ECP_192"}, {26, "ECP_224"}, {27, "BRAINPOOL_P224"}, {28, "BRAINPOOL_P256"},
    {29, "BRAINPOOL_P384"}, {30, "BRAINPOOL_P512"}, {31, "CURVE25519"}, {32, "CURVE448"},
};
constexpr Name kEsn[] = {{0, "NO_ESN"}, {1, "ESN"}};

constexpr Name kIdTypes[] = {
    {1, "ID_IPV4_ADDR"}, {2, "ID_FQDN"}, {3, "ID_RFC822_ADDR"}, {5, "ID_IPV6_ADDR"},
    {9, "ID_DER_ASN1_DN"}, {10, "ID_DER_ASN1_GN"}, {11, "ID_KEY_ID"}, {12, "ID_FC_NAME"}, {13, "ID_NULL"},
};

constexpr Name kAuthMethods[] = {
    {1, "RSA_DIGITAL_SIGNATURE"}, {2, "SHARED_KEY_MIC"}, {3, "DSS_DIGITAL_SIGNATURE"},
    {9, "ECDSA_SHA256_P256"}, {10, "ECDSA_SHA384_P384"}, {11, "ECDSA_SHA512_P521"},
    {12, "GENERIC_SECURE_PASSWORD"}, {13, "NULL_AUTH"}, {14, "DIGITAL_SIGNATURE"},
};

constexpr Name kTsTypes[] = {{7, "TS_IPV4_ADDR_RANGE"}, {8, "TS_IPV6_ADDR_RANGE"}};

std::string hex(const Bytes& b) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s;
  for (uint8_t c : b) {
    s += kDigits[c >> 4];
    s += kDigits[c & 0x0F];
  }
  return s;
}

bool printable(const Bytes& b) {
  for (uint8_t c : b) {
    if (!std::isprint(c)) return false;
  }
  return true;
}

std::string address(int family, const Bytes& b) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (::inet_ntop(family, b.data(), buf, sizeof buf) == nullptr) return hex(b);
  return buf;
}

}  // namespace

std::string exchange_type_name(ExchangeType t) { return lookup(kExchanges, static_cast<unsigned>(t)); }

std::string payload_type_name(PayloadType t) {
  if (t == PayloadType::NoNext) return "NONE";
  const auto* d = detail::find_payload_descriptor(t);
  return d ? d->name : "UNKNOWN(" + std::to_string(static_cast<unsigned>(t)) + ")";
}

std::string payload_type_long_name(PayloadType t) {
  if (t == PayloadType::NoNext) return "No Next Payload";
  const auto* d = detail::find_payload_descriptor(t);
  return d ? d->long_name : "UNKNOWN(" + std::to_string(static_cast<unsigned>(t)) + ")";
}

std::string notify_type_name(NotifyType t) { return lookup(kNotifies, static_cast<unsigned>(t)); }
std::string protocol_id_name(ProtocolId p) { return lookup(kProtocols, static_cast<unsigned>(p)); }
std::string transform_type_name(TransformType t) { return lookup(kTransformTypes, static_cast<unsigned>(t)); }

std::string transform_id_name(TransformType t, uint16_t id) {
  switch (t) {
    case TransformType::Encryption: return lookup(kEncr, id);
    case TransformType::Prf: return lookup(kPrf, id);
    case TransformType::Integrity: return lookup(kInteg, id);
    case TransformType::DhGroup: return lookup(kDh, id);
    case TransformType::Esn: return lookup(kEsn, id);
  }
  return "UNKNOWN(" + std::to_string(id) + ")";
}

std::string id_type_name(IdType t) { return lookup(kIdTypes, static_cast<unsigned>(t)); }
std::string auth_method_name(AuthMethod m) { return lookup(kAuthMethods, static_cast<unsigned>(m)); }
std::string ts_type_name(TsType t) { return lookup(kTsTypes, static_cast<unsigned>(t)); }

std::optional<NotifyType> notify_type_from_name(std::string_view name) {
  for (const auto& e : kNotifies) {
    if (name == e.name) return static_cast<NotifyType>(e.value);
  }
  return std::nullopt;
}

std::string id_to_string(const Identification& id) {
  switch (id.type) {
    case IdType::Ipv4Addr:
      if (id.data.size() == 4) return address(AF_INET, id.data);
      break;
    case IdType::Ipv6Addr:
      if (id.data.size() == 16) return address(AF_INET6, id.data);
      break;
    case IdType::Fqdn:
    case IdType::Rfc822Addr:
      if (printable(id.data)) return std::string(id.data.begin(), id.data.end());
      break;
    default:
      break;
  }
  return hex(id.data);
}

}  // namespace ikeshift::wire
