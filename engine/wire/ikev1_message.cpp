#include "wire/ikev1_message.h"

namespace ikeshift::wire::ikev1 {

const Attribute* Transform::find(uint16_t type) const {
  for (const auto& a : attributes) {
    if (a.type == type) return &a;
  }
  return nullptr;
}

PayloadType payload_type(const Payload& p) {
  return std::visit(
      [](const auto& v) -> PayloadType {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, RawPayload> || std::is_same_v<T, NatDPayload> ||
                      std::is_same_v<T, NatOaPayload>) {
          return v.type;
        } else {
          return T::kType;
        }
      },
      p);
}

const NotificationPayload* find_notification(const std::vector<Payload>& payloads, NotifyType type) {
  for (const auto& p : payloads) {
    const auto* n = std::get_if<NotificationPayload>(&p);
    if (n != nullptr && n->type == type) return n;
  }
  return nullptr;
}

bool operator==(const Header& a, const Header& b) {
  return a.cky_i == b.cky_i && a.cky_r == b.cky_r && a.major_version == b.major_version &&
         a.minor_version == b.minor_version && a.exchange == b.exchange && a.encrypted == b.encrypted &&
         a.commit == b.commit && a.auth_only == b.auth_only && a.message_id == b.message_id;
}
bool operator==(const Transform& a, const Transform& b) {
  return a.number == b.number && a.id == b.id && a.attributes == b.attributes;
}
bool operator==(const Proposal& a, const Proposal& b) {
  return a.number == b.number && a.protocol == b.protocol && a.spi == b.spi && a.transforms == b.transforms;
}
bool operator==(const SaPayload& a, const SaPayload& b) {
  return a.doi == b.doi && a.situation == b.situation && a.other == b.other && a.proposals == b.proposals;
}
bool operator==(const KePayload& a, const KePayload& b) { return a.data == b.data; }
bool operator==(const IdPayload& a, const IdPayload& b) {
  return a.type == b.type && a.protocol == b.protocol && a.port == b.port && a.data == b.data;
}
bool operator==(const HashPayload& a, const HashPayload& b) { return a.data == b.data; }
bool operator==(const NoncePayload& a, const NoncePayload& b) { return a.data == b.data; }
bool operator==(const NotificationPayload& a, const NotificationPayload& b) {
  return a.doi == b.doi && a.protocol == b.protocol && a.spi == b.spi && a.type == b.type && a.data == b.data;
}
bool operator==(const DeletePayload& a, const DeletePayload& b) {
  return a.doi == b.doi && a.protocol == b.protocol && a.spi_size == b.spi_size && a.spis == b.spis;
}
bool operator==(const VendorIdPayload& a, const VendorIdPayload& b) { return a.data == b.data; }
bool operator==(const NatDPayload& a, const NatDPayload& b) { return a.type == b.type && a.hash == b.hash; }
bool operator==(const NatOaPayload& a, const NatOaPayload& b) {
  return a.type == b.type && a.id_type == b.id_type && a.address == b.address;
}
bool operator==(const RawPayload& a, const RawPayload& b) { return a.type == b.type && a.body == b.body; }

}  // namespace ikeshift::wire::ikev1
