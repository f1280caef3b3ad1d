// `translate --ike v2|v1|keep`: which IKE versions the written configuration
// uses. v2 turns IKEv1-only tunnels into IKEv2 ones the way `migrate l2l`
// does (the IKEv1 policies become IKEv2 proposals, the transform-sets ESP
// proposals, the IKEv1 key both IKEv2 keys) and drops IKEv1; v1 does the
// reverse where IKEv1 can express it (one algorithm of each kind per policy,
// no AES-GCM in phase 1, one key for both directions) and says where not.
#pragma once

#include <vector>

#include "common/finding.h"
#include "model/intent.h"

namespace ikeshift::translate {

enum class IkeChoice { Keep, V2, V1 };

model::Intent choose_ike(const model::Intent& in, IkeChoice choice, std::vector<Finding>& findings);

}  // namespace ikeshift::translate
