// Port-4500 demultiplexing (see non_esp_marker.h).
#include "wire/non_esp_marker.h"

#include <algorithm>

namespace ikeshift::wire {
namespace {

constexpr size_t kMarkerSize = 4;
constexpr uint8_t kKeepalive = 0xFF;
// An ESP header is SPI (4) + sequence number (4); anything shorter that is
// not a keepalive cannot be ESP.
constexpr size_t kMinEsp = 8;

bool starts_with_marker(ByteView d) {
  return d.size() >= kMarkerSize && d.data()[0] == 0 && d.data()[1] == 0 && d.data()[2] == 0 && d.data()[3] == 0;
}

}  // namespace

Udp4500Packet classify_udp4500(ByteView datagram) {
  if (datagram.size() == 1 && datagram.data()[0] == kKeepalive) return {Udp4500Kind::NatKeepalive, datagram};
  if (starts_with_marker(datagram))
    return {Udp4500Kind::Ike, datagram.subview(kMarkerSize, datagram.size() - kMarkerSize)};
  if (datagram.size() >= kMinEsp) return {Udp4500Kind::Esp, datagram};
  return {Udp4500Kind::Invalid, ByteView()};
}

ByteView strip_non_esp_marker(ByteView datagram) {
  if (!starts_with_marker(datagram)) return ByteView();
  return datagram.subview(kMarkerSize, datagram.size() - kMarkerSize);
}

Bytes add_non_esp_marker(ByteView ike_message) {
  // Sized once and copied into: the marker is the zero-initialised prefix.
  Bytes out(kMarkerSize + ike_message.size(), 0);
  std::copy(ike_message.begin(), ike_message.end(), out.begin() + kMarkerSize);
  return out;
}

}  // namespace ikeshift::wire
