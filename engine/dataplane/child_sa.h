// The contract between the IKE engines (IKEv2 and IKEv1) and the ESP data
// plane: what a negotiated CHILD SA (IKEv1: IPsec SA pair) hands to the data
// plane, and what the data plane reports back to the control plane.
//
// Version-neutral on purpose: IKEv2's CREATE_CHILD_SA/IKE_AUTH and IKEv1's
// Quick Mode install SAs through the same sink, so engine/esp/ never depends
// on either protocol. Transforms are named by their IKEv2 IANA ids (RFC 7296
// 3.3.2, as the algorithm registry in translator/model/algorithms.h knows
// them); IKEv1 maps its IPsec DOI ids onto these before installing.
#pragma once

#include <cstdint>
#include <string>

#include "crypto/keymat.h"
#include "crypto/secure_bytes.h"
#include "model/intent.h"

namespace ikeshift::engine::dataplane {

// The ESP transform of one SA, as IKEv2 IANA ids.
struct EspTransform {
  uint16_t encryption_id = 0;    // ENCR_* (3 = 3DES, 12 = AES-CBC, 20 = AES-GCM-16, 11 = NULL)
  uint16_t encryption_bits = 0;  // key length attribute (AES: 128/192/256; 0 when fixed)
  uint16_t integrity_id = 0;     // AUTH_* (2 = HMAC-SHA1-96, 12 = HMAC-SHA2-256-128, ...); 0 for AEAD
  bool esn = false;              // extended sequence numbers
};

struct ChildSaInstall {
  int ike_version = 2;
  uint32_t ike_sa = 0;  // the owning engine's IKE SA id
  // The crypto map entry the SA belongs to (for show, counters and KEY_ACQUIRE).
  std::string map;
  uint32_t sequence = 0;
  // The tunnel-group of the peer, for logs ("user=" of the ASA's 602303);
  // empty: the data plane names the peer by its address.
  std::string tunnel_group;

  uint32_t spi_in = 0;   // chosen by this end; the peer sends ESP with it
  uint32_t spi_out = 0;  // chosen by the peer; this end sends ESP with it
  EspTransform transform;
  bool tunnel_mode = true;  // transport mode only when the transform-set says so

  // The selectors as this end sees them: local = protected traffic behind this
  // device, remote = behind the peer.
  model::TrafficSelector local, remote;

  // Outer addresses and ports, host byte order. udp_encapsulation: ESP in UDP
  // (RFC 3948) between these ports (normally 4500/4500); else raw ESP (IP 50).
  uint32_t local_address = 0, peer_address = 0;
  bool udp_encapsulation = false;
  uint16_t local_port = 0, peer_port = 0;

  // Lifetimes from `set security-association lifetime` (0 = unlimited). The
  // data plane counts bytes; the engine owns the seconds timer.
  uint64_t lifetime_seconds = 0;
  uint64_t lifetime_kilobytes = 0;

  // Keys, valid only during install(): the data plane copies what it keeps
  // into its own wiped buffers. AES-GCM keys include the 4-byte salt.
  crypto::ByteSpan encr_in, integ_in, encr_out, integ_out;

  // The outer path from the IKE SA's current end points: ESP follows IKE to
  // UDP 4500 once NAT-T floated (RFC 3948), else raw ESP (ports unused).
  void set_outer_path(uint32_t local_ip, uint16_t local_ike_port, uint32_t peer_ip, uint16_t peer_ike_port) {
    local_address = local_ip;
    peer_address = peer_ip;
    udp_encapsulation = local_ike_port == 4500;
    local_port = udp_encapsulation ? local_ike_port : 0;
    peer_port = udp_encapsulation ? peer_ike_port : 0;
  }

  void set_keys(const crypto::DirectionalKeys& k) {
    encr_in = k.encr_in;
    integ_in = k.integ_in;
    encr_out = k.encr_out;
    integ_out = k.integ_out;
  }
};

// Implemented by the data plane (engine/esp/) or by a recorder in tests.
class ChildSaSink {
 public:
  virtual ~ChildSaSink() = default;
  virtual void install(const ChildSaInstall& sa) = 0;
  // The SA with this inbound SPI is gone (deleted by either side, rekeyed
  // and retired, or its IKE SA died). `ike_version` disambiguates the engines.
  virtual void remove(int ike_version, uint32_t ike_sa, uint32_t spi_in) = 0;
};

}  // namespace ikeshift::engine::dataplane
