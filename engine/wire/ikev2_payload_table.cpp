// The payload table (see ikev2_payload_table.h). Constant data only.
#include "wire/ikev2_payload_table.h"

#include <iterator>

namespace ikeshift::wire::detail {
namespace {

using T = PayloadType;
constexpr PayloadDescriptor kPayloads[] = {
    {T::SecurityAssociation, "SA", "Security Association", 0, decode_sa, false},
    {T::KeyExchange, "KE", "Key Exchange", 4, decode_ke, false},
    {T::IdInitiator, "IDi", "Identification - Initiator", 4, decode_idi, false},
    {T::IdResponder, "IDr", "Identification - Responder", 4, decode_idr, false},
    {T::Certificate, "CERT", "Certificate", 1, nullptr, false},
    {T::CertificateRequest, "CERTREQ", "Certificate Request", 1, nullptr, false},
    {T::Authentication, "AUTH", "Authentication", 4, decode_auth, false},
    {T::Nonce, "No", "Nonce", 0, decode_nonce, false},
    {T::Notify, "N", "Notify", 4, decode_notify, false},
    {T::Delete, "D", "Delete", 4, decode_delete, false},
    {T::VendorId, "V", "Vendor ID", 0, decode_vendor_id, false},
    {T::TsInitiator, "TSi", "Traffic Selector - Initiator", 4, decode_tsi, false},
    {T::TsResponder, "TSr", "Traffic Selector - Responder", 4, decode_tsr, false},
    {T::Encrypted, "SK", "Encrypted and Authenticated", 0, decode_encrypted, true},
    {T::Configuration, "CP", "Configuration", 4, nullptr, false},
    {T::Eap, "EAP", "Extensible Authentication", 4, nullptr, false},
    // SKF must be last like SK; fragments are not reassembled, so it stays raw.
    {T::EncryptedFragment, "SKF", "Encrypted and Authenticated Fragment", 4, nullptr, true},
};

}  // namespace

const PayloadDescriptor* find_payload_descriptor(PayloadType type) {
  for (const auto& d : kPayloads) {
    if (d.type == type) return &d;
  }
  return nullptr;
}

}  // namespace ikeshift::wire::detail
