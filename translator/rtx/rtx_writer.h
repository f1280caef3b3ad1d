// The neutral intent -> Yamaha RTX commands (seed 003's IKEv2 set): one
// `tunnel select N` per tunnel with its `ipsec tunnel`, `ipsec sa policy` and
// the gateway's `ipsec ike ...` settings (version, keys, algorithms, names,
// ids, keepalive, PFS, durations, NAT traversal, proposal-limitation on so
// only the written algorithms are negotiated). The RTX has one IKE
// algorithm of each kind per gateway, one ESP proposal per policy, one key
// for both directions and one selector pair: whatever does not fit is a finding.
#pragma once

#include "model/intent.h"
#include "translate/writer.h"

namespace ikeshift::rtx {

translate::WriteResult write_rtx(const model::Intent& intent, const translate::WriterOptions& options);

}  // namespace ikeshift::rtx
