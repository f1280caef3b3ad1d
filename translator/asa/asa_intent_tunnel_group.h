// Tunnel-group -> pre-shared keys and DPD of a tunnel (internal to translator/model).
#pragma once

#include "asa/asa_model.h"
#include "model/intent.h"
#include "model/intent_diagnostics.h"

namespace ikeshift::model::detail {

// Finds the tunnel-group of `entry`'s peers (an L2L tunnel-group is named after
// the peer address; the ASA falls back to DefaultL2LGroup) and fills
// tunnel.tunnel_group, tunnel.psk and tunnel.dpd. Without one the DPD defaults stay.
void apply_tunnel_group(const asa::AsaConfig& cfg, const asa::CryptoMapEntry& entry,
                        Tunnel& tunnel, Diagnostics& diag);

}  // namespace ikeshift::model::detail
