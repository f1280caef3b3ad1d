// `migrate l2l` for Yamaha RTX: each IKEv1 IPsec tunnel's gateway moves to
// IKEv2 with seed 003's commands, as a line-preserving edit of `show config`:
//  - `ipsec ike version GW 2` (replacing `... 1`, or added after `ipsec tunnel`);
//  - `ipsec ike duration child-sa` / `ike-sa` next to the IKEv1 `ipsec-sa` /
//    `isakmp-sa` durations;
//  - an IKEv1 keepalive (`dpd`, `heartbeat`) becomes `rfc4306` with the same
//    interval and count;
//  - `ipsec ike proposal-limitation GW on`, so the RTX negotiates only the
//    configured algorithms, as the intent says.
// An RTX gateway runs one IKE version: unlike the ASA's parallel migration,
// the tunnel speaks only IKEv2 afterwards, and the finding says so.
#pragma once

#include "asa/migrate_l2l.h"
#include "rtx/rtx_model.h"
#include "text/source_text.h"

namespace ikeshift::rtx {

asa::MigrateResult migrate_l2l(const text::SourceText& src, const ParseResult& parsed);

// The commands to type at the RTX console (in `administrator` mode), with `save`.
std::string render_rtx_patch(const asa::MigrateResult& result, const std::string& file, bool mask);

}  // namespace ikeshift::rtx
