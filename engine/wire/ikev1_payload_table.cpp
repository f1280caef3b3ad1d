// The IKEv1 payload table: which top-level payloads the codec knows, their
// fixed-part sizes and decoders. The chain decoder is a loop over it.
// Proposal and Transform are substructures of SA, never top-level payloads.
#include "wire/ikev1_payload_bodies.h"

namespace ikeshift::wire::ikev1::detail {
namespace {

using T = PayloadType;
constexpr PayloadDescriptor kPayloads[] = {
    {T::SecurityAssociation, "SA", "Security Association", 8, decode_sa},
    {T::KeyExchange, "KE", "Key Exchange", 0, decode_ke},
    {T::Identification, "ID", "Identification", 4, decode_id},
    {T::Certificate, "CERT", "Certificate", 1, nullptr},
    {T::CertificateRequest, "CERTREQ", "Certificate Request", 1, nullptr},
    {T::Hash, "HASH", "Hash", 0, decode_hash},
    {T::Signature, "SIG", "Signature", 0, nullptr},
    {T::Nonce, "No", "Nonce", 0, decode_nonce},
    {T::Notification, "N", "Notification", 8, decode_notification},
    {T::Delete, "D", "Delete", 8, decode_delete},
    {T::VendorId, "V", "Vendor ID", 0, decode_vendor_id},
    {T::Attribute, "CP", "Attribute (Mode Config)", 4, nullptr},
    {T::NatD, "NAT-D", "NAT Discovery", 0, decode_nat_d},
    {T::NatOa, "NAT-OA", "NAT Original Address", 4, decode_nat_oa},
    {T::NatDDraft, "NAT-D", "NAT Discovery (draft)", 0, decode_nat_d},
    {T::NatOaDraft, "NAT-OA", "NAT Original Address (draft)", 4, decode_nat_oa},
    {T::Fragment, "FRAG", "IKE Fragment", 4, nullptr},
};

}  // namespace

const PayloadDescriptor* find_payload_descriptor(PayloadType type) {
  for (const auto& d : kPayloads) {
    if (d.type == type) return &d;
  }
  return nullptr;
}

}  // namespace ikeshift::wire::ikev1::detail
