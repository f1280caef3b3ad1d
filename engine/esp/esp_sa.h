// One installed CHILD SA (IKEv1: IPsec SA pair) as the data plane holds it:
// what the IKE engine negotiated (copied out of ChildSaInstall), the keyed
// ciphers of both directions, the outbound sequence number, the inbound
// anti-replay window and the counters `show crypto ipsec sa` prints.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "dataplane/child_sa.h"
#include "esp/esp_cipher.h"
#include "esp/replay_window.h"
#include "io/clock.h"
#include "model/intent.h"

namespace ikeshift::engine::esp {

// Where the ESP packets of an SA travel, host byte order. udp: RFC 3948
// encapsulation between the ports; else raw ESP (IP protocol 50).
struct OuterPath {
  bool udp = false;
  uint32_t local = 0, peer = 0;
  uint16_t local_port = 0, peer_port = 0;
};

// The ASA's per-SA counters (`show crypto ipsec sa`), plus the failures
// attributed to this SA.
struct SaCounters {
  uint64_t encaps = 0, encrypt = 0, digest = 0;  // outbound packets
  uint64_t decaps = 0, decrypt = 0, verify = 0;  // inbound packets accepted
  uint64_t bytes_out = 0, bytes_in = 0;          // inner (protected) bytes
  uint64_t replay_failures = 0;                  // anti-replay window
  uint64_t integrity_failures = 0;               // ICV
  uint64_t padding_failures = 0;                 // padding / trailer
  uint64_t selector_failures = 0;                // inner packet outside the selectors
  uint64_t send_errors = 0;
  uint64_t tfc_received = 0;                     // dummy packets (next header 59)
};

struct EspSa {
  // As negotiated.
  int ike_version = 2;
  uint32_t ike_sa = 0;
  std::string map;
  uint32_t sequence = 0;
  std::string tunnel_group;
  uint32_t spi_in = 0, spi_out = 0;
  dataplane::EspTransform transform;
  model::TrafficSelector local, remote;
  OuterPath path;
  uint64_t lifetime_seconds = 0, lifetime_kilobytes = 0;
  io::TimePoint installed_at{};
  io::TimePoint last_sent{};  // the last ESP packet (or NAT-keepalive) towards the peer

  // Keyed once at install.
  std::unique_ptr<SaCipher> in, out;
  ReplayWindow replay;
  uint64_t next_sequence = 1;  // outbound; 0 is never sent

  size_t spd_entry = 0;  // the crypto-ACL entry it serves
  size_t tunnel = 0;
  SaCounters counters;
  bool soft_reported = false;   // soft lifetime (or sequence) limit passed, rekey asked for
  bool hard_reported = false;
  bool outbound_dead = false;   // hard kB limit or sequence space used up
  bool inbound_dead = false;    // hard kB limit
};

}  // namespace ikeshift::engine::esp
