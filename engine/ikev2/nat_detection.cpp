// NAT detection (RFC 7296 2.23) for the core: NAT_DETECTION_SOURCE_IP and
// _DESTINATION_IP in IKE_SA_INIT, and what the peer's say about the path.
#include "ikev2/core.h"
#include "ikev2/wire_convert.h"

namespace ikeshift::engine::ikev2 {

// With forced UDP encapsulation the source hash is over an address we do not
// have, so the peer sees a NAT.
void Ikev2Engine::Core::add_nat_detection(std::vector<wire::Payload>& payloads, const IkeSa& sa, uint64_t spi_r) {
  // `crypto map M N set nat-t-disable` (or `no crypto isakmp nat-traversal`):
  // no NAT detection, so neither end floats to 4500 and ESP stays raw.
  if (!peers[sa.peer].tunnel.nat_t) return;
  io::Endpoint source = sa.local;
  if (options.force_udp_encapsulation) source = io::Endpoint{~sa.local.address, 0};
  wire::NotifyPayload src, dst;
  src.type = wire::NotifyType::NatDetectionSourceIp;
  src.data = nat_detection_hash(deps.crypto, sa.spi_i, spi_r, source);
  dst.type = wire::NotifyType::NatDetectionDestinationIp;
  dst.data = nat_detection_hash(deps.crypto, sa.spi_i, spi_r, sa.remote);
  payloads.push_back(std::move(src));
  payloads.push_back(std::move(dst));
}

// The peer hashed the addresses it sent from and to. A source hash that does
// not match where the datagram came from means the peer is behind a NAT
// (strongSwan's userspace data path always claims so, to get UDP-encapsulated
// ESP); a destination hash that does not match our address means we are.
void Ikev2Engine::Core::detect_nat(IkeSa& sa, const io::Datagram& d, const wire::Message& m, uint64_t spi_r_hashed) {
  if (!peers[sa.peer].tunnel.nat_t) return;  // NAT-T disabled for this entry (see add_nat_detection)
  bool any_source = false, source_ok = false, any_dest = false, dest_ok = false;
  wire::Bytes from_hash = nat_detection_hash(deps.crypto, sa.spi_i, spi_r_hashed, d.from);
  wire::Bytes to_hash = nat_detection_hash(deps.crypto, sa.spi_i, spi_r_hashed, d.to);
  for (const auto& p : m.payloads) {
    const auto* n = std::get_if<wire::NotifyPayload>(&p);
    if (n == nullptr) continue;
    if (n->type == wire::NotifyType::NatDetectionSourceIp) {
      any_source = true;
      source_ok = source_ok || n->data == from_hash;
    } else if (n->type == wire::NotifyType::NatDetectionDestinationIp) {
      any_dest = true;
      dest_ok = dest_ok || n->data == to_hash;
    }
  }
  sa.remote_behind_nat = any_source && !source_ok;
  sa.local_behind_nat = (any_dest && !dest_ok) || options.force_udp_encapsulation;
  if (sa.remote_behind_nat || sa.local_behind_nat) {
    emit(events::NatDetected{ref(sa), sa.local_behind_nat, sa.remote_behind_nat});
  }
}

}  // namespace ikeshift::engine::ikev2
