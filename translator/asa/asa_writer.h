// The neutral intent -> an ASA configuration (8.4+ syntax, as `show
// running-config` prints it): interface, crypto ACLs, IKEv1 transform-sets
// and/or IKEv2 ipsec-proposals, crypto map entries, IKE policies, `crypto
// ikev1|ikev2 enable`, L2L tunnel-groups with their keys and keepalive. Names
// come from the intent when it has ASA-like ones, else they are made up
// (`outside_map 10`, `outside_cryptomap_10`) and said so nowhere but here.
#pragma once

#include "model/intent.h"
#include "translate/writer.h"

namespace ikeshift::asa {

translate::WriteResult write_asa(const model::Intent& intent, const translate::WriterOptions& options);

}  // namespace ikeshift::asa
