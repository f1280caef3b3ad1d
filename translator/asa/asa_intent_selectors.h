// Crypto ACL -> traffic selector pairs (internal to translator/model).
#pragma once

#include <vector>

#include "asa/asa_model.h"
#include "model/intent.h"
#include "model/intent_diagnostics.h"

namespace ikeshift::model::detail {

// One SelectorPair per permit line, or the cross product of its object-group
// members and split port ranges. A line with any unresolvable part yields no
// pairs and an Error finding (a partial expansion would silently narrow it).
std::vector<SelectorPair> derive_selectors(const asa::AsaConfig& cfg, const asa::AccessList& acl,
                                           Diagnostics& diag);

}  // namespace ikeshift::model::detail
