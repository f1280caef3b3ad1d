// `migrate l2l` for Cisco IOS: every IKEv1 site-to-site tunnel (crypto map
// entry with a peer, or tunnel interface with an ipsec profile) gets IKEv2
// next to IKEv1, as a line-preserving edit of the original: untouched lines
// stay byte-identical, IKEv1 stays as it is. Added, through the registry:
//  - `crypto ikev2 proposal IKEV2-PROPOSAL-<prio>` per `crypto isakmp policy`
//    (same encryption, hash as integrity and PRF, same group);
//  - `crypto ikev2 policy IKEV2-POLICY` naming them (when none exists);
//  - `crypto ikev2 keyring IKEV2-KEYRING` with one peer per tunnel peer, its
//    IKEv1 key copied (as written: plain, 6 or 7);
//  - `crypto ikev2 profile IKEV2-PROFILE-<n>` per tunnel (match identity remote
//    address, authentication pre-share both ways, the keyring, DPD from the
//    isakmp keepalive, the isakmp policy's lifetime);
//  - ` set ikev2-profile IKEV2-PROFILE-<n>` at the end of the crypto map
//    entry or ipsec profile.
// IOS then initiates IKEv2 and still answers IKEv1, so the peer can move later.
#pragma once

#include "asa/migrate_l2l.h"
#include "ios/ios_model.h"
#include "text/source_text.h"

namespace ikeshift::ios {

asa::MigrateResult migrate_l2l(const text::SourceText& src, const ParseResult& parsed);

}  // namespace ikeshift::ios
