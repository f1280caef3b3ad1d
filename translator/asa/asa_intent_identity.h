// The local IKE identity of an ASA (internal to the ASA intent derivation).
#pragma once

#include "asa/asa_model.h"
#include "model/intent.h"
#include "model/intent_diagnostics.h"

namespace ikeshift::model::detail {

// `crypto isakmp identity` is global on the ASA and applies to both IKE
// versions: address and auto (with pre-shared keys) send the interface
// address, hostname sends the FQDN `hostname.domain-name`, key-id its string.
IkeIdentity derive_local_identity(const asa::AsaConfig& cfg, Diagnostics& diag);

}  // namespace ikeshift::model::detail
