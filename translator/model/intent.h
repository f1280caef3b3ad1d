// The vendor-neutral IPsec intent: what one device's site-to-site VPN
// configuration means, independent of how a dialect spells it.
//
// Each dialect derives it in its own folder: model::derive_intent() has one
// overload per dialect model, declared in asa/asa_intent.h, ios/ios_intent.h
// and rtx/rtx_intent.h. Writers (translator/*/..._writer.h), the validator's
// pair rules and the engine consume it. Everything here is resolved (names,
// objects, groups, that dialect's defaults); what could not be resolved is a
// Finding, never a guess. Spans point into the file the intent came from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/finding.h"
#include "common/secret.h"
#include "model/algorithms.h"
#include "text/source_text.h"

namespace ikeshift::model {

// ASA defaults that apply when the configuration says nothing (asa-facts.md).
// Other dialects have their own (ios/ios_intent.h, rtx/rtx_intent.h); the
// intent always holds the effective value.
inline constexpr uint32_t kDefaultIkeLifetimeSeconds = 86400;
inline constexpr uint64_t kDefaultIpsecLifetimeSeconds = 28800;
inline constexpr uint64_t kDefaultIpsecLifetimeKilobytes = 4608000;
inline constexpr uint32_t kDefaultDpdThresholdSeconds = 10;
inline constexpr uint32_t kDefaultDpdRetrySeconds = 2;

struct AddressRange {  // host byte order, inclusive
  uint32_t first = 0;
  uint32_t last = 0;
  bool operator==(const AddressRange& o) const { return first == o.first && last == o.last; }
  bool operator!=(const AddressRange& o) const { return !(*this == o); }
};

struct TrafficSelector {
  AddressRange addresses;
  uint8_t protocol = 0;  // 0 = any (ASA `ip`)
  uint16_t port_first = 0;
  uint16_t port_last = 65535;
};

// One crypto-ACL permit line (or one element of its object-group expansion).
struct SelectorPair {
  TrafficSelector local;   // ACL source
  TrafficSelector remote;  // ACL destination
  text::SourceSpan span;   // the ACL line
};

// Where one algorithm of a proposal was written (the word; the block header
// when a default was assumed), so findings can point at it.
struct AlgorithmSource {
  const Algorithm* algorithm = nullptr;
  text::SourceSpan span;
};

struct IkeProposal {
  int version = 1;   // 1 or 2
  int priority = 0;  // policy priority; lower is preferred
  std::vector<const Algorithm*> encryption, integrity, prf, dh_groups;  // preference order
  uint32_t lifetime_seconds = kDefaultIkeLifetimeSeconds;  // 0 = no lifetime (`lifetime none`)
  // IKEv1: the policy's authentication (pre-share, rsa-sig, crack). IKEv2 policies
  // carry none: the method is per direction in the tunnel-group (see PskSet).
  std::string authentication;
  text::SourceSpan span;  // the policy header
  text::SourceSpan lifetime_span;        // the lifetime line (invalid = default)
  std::vector<AlgorithmSource> sources;  // every algorithm above, where it is written
};

// An IKEv1 transform-set or an IKEv2 ipsec-proposal.
struct EspProposal {
  std::string name;
  std::vector<const Algorithm*> encryption, integrity;
  std::string mode = "tunnel";  // `transform-set NAME mode transport` makes it "transport"
  text::SourceSpan span;
  std::vector<AlgorithmSource> sources;  // every algorithm above, where it is written
};

// Pre-shared keys, copied from the tunnel-group. Secret never prints itself;
// nothing in the intent reveals a key either.
struct PskSet {
  std::optional<Secret> ikev1;
  std::optional<Secret> ikev2_local;   // what this device signs with
  std::optional<Secret> ikev2_remote;  // what this device expects from the peer
  bool masked = false;     // a key is `*****` (taken from `show run`): not usable
  bool encrypted = false;  // a key is written with `8` (master-passphrase encrypted): not usable
};

struct Dpd {  // isakmp keepalive
  bool enabled = true;
  uint32_t threshold_seconds = kDefaultDpdThresholdSeconds;
  uint32_t retry_seconds = kDefaultDpdRetrySeconds;
  bool reply_only = false;  // `threshold infinite`: answer probes, never send them
};

// An IKE identity (IKEv2 IDi/IDr, IKEv1 ID payload in phase 1).
struct IkeIdentity {
  enum class Type { Address, Fqdn, KeyId };
  Type type = Type::Address;
  // Fqdn / KeyId: the name sent or expected. Address: empty = the tunnel's own
  // address (local) or the peer's address (remote), as the ASA uses them.
  std::string value;
  text::SourceSpan span;  // the line that configures it; invalid = the dialect's default
  bool operator==(const IkeIdentity& o) const { return type == o.type && value == o.value; }
  bool operator!=(const IkeIdentity& o) const { return !(*this == o); }
};

// "address", "fqdn", "key-id" (as the validator and show name the type).
const char* identity_type_name(IkeIdentity::Type t);

// Where the settings of one tunnel are written, for findings (the validator's
// pair rules point into both files). Invalid = not written (a default applies).
struct TunnelSpans {
  std::vector<text::SourceSpan> peers;  // each `set peer` word, in order
  text::SourceSpan local_interface;     // where the map is bound to its interface
  text::SourceSpan local_address;       // that interface's address
  text::SourceSpan match_address;       // the ACL name in `match address`
  text::SourceSpan esp_v1, esp_v2;      // `set ikev1 transform-set` / `set ikev2 ipsec-proposal`
  text::SourceSpan pfs;                 // `set pfs`
  text::SourceSpan lifetime;            // the entry's or the global SA lifetime
  text::SourceSpan phase1_mode;         // `set ikev1 phase1-mode`
  text::SourceSpan tunnel_group;        // the tunnel-group that holds the keys
  text::SourceSpan ikev1_psk, ikev2_local_psk, ikev2_remote_psk;  // the key words
  text::SourceSpan dpd;                 // `isakmp keepalive`
};

// One L2L tunnel: a static crypto-map entry with a peer (ASA, IOS), an IOS
// tunnel interface with `tunnel protection ipsec profile`, or a Yamaha RTX
// `tunnel select N` with an IPsec gateway.
struct Tunnel {
  // The dialect's name for it: crypto map name and sequence (ASA, IOS crypto
  // maps); the tunnel interface and 0 (IOS `interface Tunnel1` -> "Tunnel1");
  // "tunnel" and N (RTX `tunnel select N`).
  std::string map;
  uint32_t sequence = 0;
  std::string local_interface;             // nameif the map is bound to ("" when unbound)
  std::optional<uint32_t> local_address;   // that interface's address
  std::optional<uint32_t> local_netmask;   // and its mask, when the configuration says (writers need it)
  std::vector<uint32_t> peers;             // `set peer` in order (more than one = IKEv1 failover)
  bool ikev1 = false;                      // IKEv1 enabled on the interface and transform-sets set
  bool ikev2 = false;                      // IKEv2 enabled on the interface and ipsec-proposals set
  std::vector<IkeProposal> ikev1_proposals, ikev2_proposals;  // filled when that version is on
  std::vector<EspProposal> esp_v1, esp_v2;                    // in the entry's order
  const Algorithm* pfs_group = nullptr;    // nullptr = no PFS
  uint64_t lifetime_seconds = kDefaultIpsecLifetimeSeconds;
  uint64_t lifetime_kilobytes = kDefaultIpsecLifetimeKilobytes;  // 0 = unlimited
  std::vector<SelectorPair> selectors;
  std::string acl;                         // the match-address ACL name
  PskSet psk;
  Dpd dpd;
  // `crypto ikev2 enable IF` on the map's interface, whether or not this entry
  // names an ipsec-proposal (`ikev2` needs both): the tunnel manager logs
  // 752010 when IKEv2 is enabled but the entry has no proposal.
  bool ikev2_enabled_on_interface = false;
  std::string connection_type = "bidirectional";  // answer-only, originate-only
  bool nat_t = true;
  std::string tunnel_group;                // the tunnel-group that holds the keys ("" when none)
  IkeIdentity local_identity;              // what this device sends (ASA: crypto isakmp identity)
  // What the peer must authenticate as. nullopt: any identity the key matches
  // (the ASA finds an L2L peer's tunnel-group by its address and checks no ID).
  std::optional<IkeIdentity> remote_identity;
  bool ikev1_aggressive_mode = false;      // IKEv1 phase 1 in aggressive mode
  text::SourceSpan span;                   // first line of the crypto-map entry
  // Route based (IOS tunnel protection, RTX tunnel select): the traffic is what
  // is routed into the tunnel interface; selectors then are 0.0.0.0/0 both
  // ways unless the configuration narrows them (RTX ipsec ike local/remote id).
  bool route_based = false;
  TunnelSpans spans;
};

// An addressed interface of the device (ASA: one with a nameif and an IPv4
// address), for labs that rebuild the device's outside networks.
struct Interface {
  std::string name;  // the nameif (IOS/RTX: the interface name)
  uint32_t address = 0;
  uint32_t mask = 0;
  bool shutdown = false;
  text::SourceSpan span;  // the address line
};

struct Intent {
  std::string dialect;  // "asa", "ios", "rtx": which reader derived it
  std::string device;  // hostname
  std::string file;
  std::vector<Interface> interfaces;
  std::vector<Tunnel> tunnels;
  std::vector<Finding> findings;  // in derivation order

  size_t count(Severity s) const;
  bool has_errors() const { return count(Severity::Error) > 0; }
  const Tunnel* tunnel(const std::string& map, uint32_t sequence) const;
  const Interface* interface(const std::string& name) const;
};

}  // namespace ikeshift::model
