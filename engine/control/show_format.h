// The text of `ikeshift engine show ikev2-sa [detail]` and `show ipsec-sa`,
// modelled on what an ASA prints for `show crypto ikev2 sa [detail]` and
// `show crypto ipsec sa` (seed 004, and real ASA outputs quoted in
// show_format.cpp). The functions take plain data, not the engine, so every
// line can be tested without sockets or an IKE exchange; show_data.h builds
// the data from the engine.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "io/endpoint.h"
#include "model/algorithms.h"
#include "model/intent.h"

namespace ikeshift::engine::control {

// Registry entries of what was negotiated; nullptr when not (yet) agreed or
// not part of the suite (integrity of an AEAD cipher, the CHILD SA's PRF).
struct ShowAlgorithms {
  const model::Algorithm* encryption = nullptr;
  const model::Algorithm* integrity = nullptr;
  const model::Algorithm* prf = nullptr;
  const model::Algorithm* dh_group = nullptr;
};

// What the ESP data plane counted for one CHILD SA (ASA `show crypto ipsec
// sa`); absent when the daemon runs without --data-plane.
struct ShowEspTraffic {
  uint64_t encaps = 0, encrypt = 0, digest = 0;
  uint64_t decaps = 0, decrypt = 0, verify = 0;
  uint64_t replay_failures = 0, integrity_failures = 0, padding_failures = 0, selector_failures = 0;
  uint64_t send_errors = 0, tfc_received = 0;
  uint64_t bytes_in = 0, bytes_out = 0;
  uint64_t remaining_kilobytes_in = 0, remaining_kilobytes_out = 0;
  size_t iv_size = 0;
  uint64_t replay_bitmap = 0;
  bool udp_encapsulation = false;
};

struct ShowChildSa {
  uint32_t spi_in = 0;   // chosen by this end
  uint32_t spi_out = 0;  // chosen by the peer
  model::TrafficSelector local, remote;
  ShowAlgorithms algorithms;
  uint64_t lifetime_seconds = 0;    // configured (crypto map / default)
  uint64_t lifetime_kilobytes = 0;  // 0 = unlimited
  uint64_t active_seconds = 0;      // since the CHILD SA was installed
  bool pfs = false;
  std::optional<ShowEspTraffic> traffic;
};

enum class ShowStatus { Ready, Negotiating, Failed };

// One IKE SA with what `show` needs of its tunnel.
struct ShowIkeSa {
  int ike_version = 2;      // `show ipsec-sa` lists IKEv1 IPsec SAs through this type too
  uint32_t session_id = 0;  // the ASA's Session-id: one per peer session
  uint32_t tunnel_id = 0;   // the ASA's Tunnel-id: one per IKE SA
  ShowStatus status = ShowStatus::Negotiating;
  bool initiator = false;
  io::Endpoint local, remote;
  ShowAlgorithms algorithms;
  uint32_t lifetime_seconds = 0;  // IKE SA lifetime of the matching policy
  uint64_t active_seconds = 0;    // since the SA came up (0 while negotiating)
  std::string failure;            // why it failed (status Failed)
  uint64_t local_spi = 0, remote_spi = 0;
  std::string local_id, remote_id;  // IKE identities (IPv4 address IDs today)
  bool dpd_enabled = false;
  uint32_t dpd_threshold_seconds = 0, dpd_retry_seconds = 0;
  bool nat_detected = false;
  std::vector<ShowChildSa> children;

  // The crypto map entry and its interface, for `show ipsec-sa`.
  std::string interface_name;  // nameif ("" when unknown)
  std::string map;
  uint32_t sequence = 0;
  std::string acl;
};

// One ISAKMP SA (IKEv1) as `show crypto ikev1 sa [detail]` presents it.
struct ShowIkev1Sa {
  uint32_t id = 0;
  uint32_t peer_address = 0;
  bool initiator = false;
  std::string state;    // MM_ACTIVE, AM_ACTIVE, MM_WAIT_MSG2 ...
  bool active = false;  // established
  bool rekey = false;   // replacing an older ISAKMP SA that still exists
  const model::Algorithm* encryption = nullptr;
  const model::Algorithm* hash = nullptr;  // the integrity entry of the IKEv1 hash (sha, md5, sha256 ...)
  uint64_t lifetime_seconds = 0;
  uint64_t remaining_seconds = 0;
  std::string failure;  // a negotiation that failed: why
};

// `show crypto ikev1 sa [detail]` (seed 004; real ASA 8.4+ output for the
// detail lines). "There are no IKEv1 SAs\n" when empty.
std::string format_ikev1_sa(const std::vector<ShowIkev1Sa>& sas, bool detail);

// `show crypto ikev2 sa [detail]`. "There are no IKEv2 SAs\n" when empty.
std::string format_ikev2_sa(const std::vector<ShowIkeSa>& sas, bool detail);

// `show crypto ipsec sa`. "There are no ipsec sas\n" when no CHILD SA exists.
std::string format_ipsec_sa(const std::vector<ShowIkeSa>& sas);

// Pieces, exposed for tests and other outputs.
// "Encr: AES-CBC, keysize: 256, Hash: SHA256, DH Grp:14" (the first part of
// the ASA's algorithm line, without the Auth fields).
std::string asa_ike_algorithms(const ShowAlgorithms& a);
// "10.10.10.0/0 - 10.10.10.255/65535"
std::string asa_selector(const model::TrafficSelector& ts);
// "esp-3des esp-sha-hmac" (the ASA's transform line of `show crypto ipsec sa`).
std::string asa_esp_transform(const ShowAlgorithms& a);

}  // namespace ikeshift::engine::control
