// The neutral intent -> a Cisco IOS / IOS-XE configuration: IKEv2 proposals,
// policy, keyring, profiles, transform-sets, and per tunnel either a crypto
// map entry (policy based, on the outside interface) or an ipsec profile with
// a tunnel interface (`tunnel protection ipsec profile`, VTI or GRE); IKEv1
// as isakmp policies and keys. IOS defaults are written out where the intent
// differs (SA lifetime, DPD).
#pragma once

#include "model/intent.h"
#include "translate/writer.h"

namespace ikeshift::ios {

translate::WriteResult write_ios(const model::Intent& intent, const translate::WriterOptions& options);

}  // namespace ikeshift::ios
