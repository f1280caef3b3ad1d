// Equality and type look-up for the message structs.
#include "wire/ikev2_message.h"

#include <tuple>
#include <type_traits>

namespace ikeshift::wire {

PayloadType payload_type(const Payload& p) {
  return std::visit(
      [](const auto& body) -> PayloadType {
        using T = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<T, RawPayload>) {
          return body.type;
        } else {
          return T::kType;
        }
      },
      p);
}

bool operator==(const Header& a, const Header& b) {
  return std::tie(a.spi_i, a.spi_r, a.major_version, a.minor_version, a.exchange, a.initiator,
                  a.version_flag, a.response, a.message_id) ==
         std::tie(b.spi_i, b.spi_r, b.major_version, b.minor_version, b.exchange, b.initiator,
                  b.version_flag, b.response, b.message_id);
}
bool operator==(const Transform& a, const Transform& b) {
  return std::tie(a.type, a.id, a.key_length, a.other_attributes) ==
         std::tie(b.type, b.id, b.key_length, b.other_attributes);
}
bool operator==(const Proposal& a, const Proposal& b) {
  return std::tie(a.number, a.protocol, a.spi, a.transforms) ==
         std::tie(b.number, b.protocol, b.spi, b.transforms);
}
bool operator==(const SaPayload& a, const SaPayload& b) { return a.proposals == b.proposals; }
bool operator==(const KePayload& a, const KePayload& b) {
  return a.dh_group == b.dh_group && a.data == b.data;
}
bool operator==(const Identification& a, const Identification& b) {
  return a.type == b.type && a.data == b.data;
}
bool operator==(const AuthPayload& a, const AuthPayload& b) {
  return a.method == b.method && a.data == b.data;
}
bool operator==(const NoncePayload& a, const NoncePayload& b) { return a.data == b.data; }
bool operator==(const NotifyPayload& a, const NotifyPayload& b) {
  return std::tie(a.protocol, a.spi, a.type, a.data) == std::tie(b.protocol, b.spi, b.type, b.data);
}
bool operator==(const DeletePayload& a, const DeletePayload& b) {
  return std::tie(a.protocol, a.spi_size, a.spis) == std::tie(b.protocol, b.spi_size, b.spis);
}
bool operator==(const VendorIdPayload& a, const VendorIdPayload& b) { return a.data == b.data; }
bool operator==(const TrafficSelector& a, const TrafficSelector& b) {
  return std::tie(a.type, a.ip_protocol, a.start_port, a.end_port, a.start_address, a.end_address,
                  a.other) == std::tie(b.type, b.ip_protocol, b.start_port, b.end_port,
                                       b.start_address, b.end_address, b.other);
}
bool operator==(const TrafficSelectors& a, const TrafficSelectors& b) {
  return a.selectors == b.selectors;
}
bool operator==(const EncryptedPayload& a, const EncryptedPayload& b) {
  return a.first_inner == b.first_inner && a.body == b.body;
}
bool operator==(const RawPayload& a, const RawPayload& b) {
  return std::tie(a.type, a.critical, a.body) == std::tie(b.type, b.critical, b.body);
}
bool operator==(const Message& a, const Message& b) {
  return a.header == b.header && a.payloads == b.payloads;
}

}  // namespace ikeshift::wire
