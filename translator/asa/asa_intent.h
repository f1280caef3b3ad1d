// ASA dialect model -> the vendor-neutral intent (model/intent.h).
#pragma once

#include <string>

#include "asa/asa_model.h"
#include "model/intent.h"

namespace ikeshift::model {

// Derives the intent of every L2L tunnel in `cfg`: one Tunnel per static
// crypto map entry with a peer, ASA defaults applied. `file` names the input
// in findings.
Intent derive_intent(const asa::AsaConfig& cfg, const std::string& file);

}  // namespace ikeshift::model
