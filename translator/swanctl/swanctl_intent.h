// swanctl.conf settings tree -> the vendor-neutral intent (model/intent.h):
// one Tunnel per connection with a fixed IPv4 peer (remote_addrs), IKE
// proposals from `proposals`, ESP from the children's `esp_proposals`,
// selectors from local_ts x remote_ts of every child, keys from the
// secrets.ike* sections whose ids match the connection's, with charon's
// defaults where a key is absent (strongSwan 5.9 swanctl.conf(5)):
//   version 0 (IKEv1 and IKEv2 as responder, IKEv2 as initiator),
//   local_addrs/remote_addrs %any, rekey_time 4h (IKE) and 1h (CHILD),
//   rekey_bytes 0 (no volume limit), dpd_delay 0 (no DPD), mode tunnel,
//   start_action none (answer only), local/remote auth pubkey, id %any
//   (the address for a PSK), local_ts/remote_ts dynamic (the end points),
//   proposals/esp_proposals `default` (charon's compiled-in list: not
//   modelled, reported). Every assumed default is an Info finding; what
//   cannot be expressed in the intent (certificates, IPv6, %any peers) is a
//   Warning or Error finding, never a guess.
#pragma once

#include <cstdint>
#include <string>

#include "model/intent.h"
#include "swanctl/swanctl_model.h"

namespace ikeshift::model {

inline constexpr uint32_t kSwanctlDefaultIkeRekeySeconds = 14400;   // 4h
inline constexpr uint64_t kSwanctlDefaultChildRekeySeconds = 3600;  // 1h
// charon retransmits a DPD request on its retransmission schedule
// (strongswan.conf charon.retransmit_timeout, 4 s by default), not on a
// per-connection retry interval.
inline constexpr uint32_t kSwanctlDpdRetrySeconds = 4;

Intent derive_intent(const swanctl::SwanctlConfig& cfg, const std::string& file);

}  // namespace ikeshift::model
