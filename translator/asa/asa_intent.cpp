// ASA dialect model -> neutral intent: one Tunnel per static crypto-map entry
// with a peer. The pieces (proposals, selectors, tunnel-group, identity) live
// in the asa_intent_*.cpp files next to this one; this file wires them per map entry.
#include "asa/asa_intent.h"

#include <algorithm>
#include <cctype>

#include "common/ipv4.h"
#include "common/text_case.h"
#include "model/intent_diagnostics.h"
#include "asa/asa_intent_proposals.h"
#include "asa/asa_intent_selectors.h"
#include "asa/asa_intent_identity.h"
#include "asa/asa_intent_tunnel_group.h"

namespace ikeshift::model {

namespace {

using detail::Diagnostics;

std::string entry_label(const asa::CryptoMapEntry& e) {
  return "crypto map " + e.map + " " + std::to_string(e.sequence);
}


// Global proposals, derived once so that a bad policy is reported once.
// What the ASA configures once for every tunnel, derived once so that a bad
// global line is reported once.
struct GlobalProposals {
  std::vector<IkeProposal> ikev1;
  std::vector<IkeProposal> ikev2;
  IkeIdentity local_identity;
};

void resolve_peers(const asa::AsaConfig& cfg, const asa::CryptoMapEntry& e, Tunnel& t,
                   Diagnostics& diag) {
  for (const asa::Word& w : e.peers) {
    t.spans.peers.push_back(w.span);
    if (auto ip = parse_ipv4(w.text)) {
      t.peers.push_back(*ip);
    } else if (const asa::NameEntry* n = cfg.name_entry(w.text)) {
      t.peers.push_back(n->address);
    } else {
      diag.error("INTENT-UNRESOLVED-PEER",
                 entry_label(e) + " peer '" + w.text + "' is neither an IPv4 address nor a `name`",
                 "write the peer's address or add `name ADDRESS " + w.text + "`", w.span);
    }
  }
}

void resolve_interface(const asa::AsaConfig& cfg, const asa::CryptoMapEntry& e, Tunnel& t,
                       Diagnostics& diag) {
  const auto binding = std::find_if(
      cfg.crypto_map_bindings.begin(), cfg.crypto_map_bindings.end(),
      [&](const asa::CryptoMapBinding& b) { return b.map.text == e.map; });
  if (binding == cfg.crypto_map_bindings.end()) {
    diag.warning("INTENT-MAP-NOT-BOUND",
                 "crypto map " + e.map + " is not applied to an interface, so " + entry_label(e) +
                     " is inactive",
                 "add `crypto map " + e.map + " interface outside` (your outside nameif)", e.span);
    return;
  }
  t.local_interface = binding->interface.text;
  t.spans.local_interface = binding->interface.span;
  const asa::Interface* iface = cfg.interface_by_nameif(t.local_interface);
  if (iface == nullptr) {
    diag.error("INTENT-UNDEFINED-INTERFACE",
               "crypto map " + e.map + " is bound to interface '" + t.local_interface +
                   "', which no interface has as nameif",
               "fix the nameif in `crypto map " + e.map + " interface`", binding->interface.span);
    return;
  }
  t.local_address = iface->address;
  t.local_netmask = iface->mask;
  t.spans.local_address = iface->address_span;
}

void derive_esp(const asa::AsaConfig& cfg, const asa::CryptoMapEntry& e, Tunnel& t,
                Diagnostics& diag) {
  if (!e.ikev1_transform_sets.empty()) t.spans.esp_v1 = e.ikev1_transform_sets.front().span;
  if (!e.ikev2_proposals.empty()) t.spans.esp_v2 = e.ikev2_proposals.front().span;
  for (const asa::Word& w : e.ikev1_transform_sets) {
    const asa::TransformSet* ts = cfg.transform_set(w.text);
    if (ts == nullptr) {
      diag.error("INTENT-UNDEFINED-TRANSFORM-SET",
                 entry_label(e) + " uses transform-set '" + w.text + "', which is not defined",
                 "define `crypto ipsec ikev1 transform-set " + w.text + " ...`", w.span);
    } else if (auto p = detail::derive_transform_set(*ts, diag)) {
      t.esp_v1.push_back(std::move(*p));
    }
  }
  for (const asa::Word& w : e.ikev2_proposals) {
    const asa::IpsecProposal* ip = cfg.ipsec_proposal(w.text);
    if (ip == nullptr) {
      diag.error("INTENT-UNDEFINED-IPSEC-PROPOSAL",
                 entry_label(e) + " uses ipsec-proposal '" + w.text + "', which is not defined",
                 "define `crypto ipsec ikev2 ipsec-proposal " + w.text + "`", w.span);
    } else if (auto p = detail::derive_ipsec_proposal(*ip, diag)) {
      // An ipsec-proposal has no mode; the entry's `set ikev2 mode` gives it.
      if (e.ikev2_mode && lower_ascii(e.ikev2_mode->text) == "transport") p->mode = "transport";
      t.esp_v2.push_back(std::move(*p));
    }
  }
}

// IKE version `version` is usable when the map's interface enables it and the
// entry names ESP proposals for it; both halves missing is just "not used".
bool version_enabled(const asa::AsaConfig& cfg, const asa::CryptoMapEntry& e, const Tunnel& t,
                     int version, bool has_esp, Diagnostics& diag) {
  if (!has_esp) return false;
  if (t.local_interface.empty()) return false;  // already reported: map not bound
  if (cfg.ike_enabled(version, t.local_interface)) return true;
  const std::string v = std::to_string(version);
  diag.warning("INTENT-IKE-NOT-ENABLED",
               entry_label(e) + " has IKEv" + v + " proposals but IKEv" + v +
                   " is not enabled on interface '" + t.local_interface + "'",
               "add `crypto ikev" + v + " enable " + t.local_interface + "`", e.span);
  return false;
}

void derive_ike(const asa::AsaConfig& cfg, const asa::CryptoMapEntry& e,
                const GlobalProposals& global, Tunnel& t, Diagnostics& diag) {
  t.ikev2_enabled_on_interface = !t.local_interface.empty() && cfg.ike_enabled(2, t.local_interface);
  t.ikev1 = version_enabled(cfg, e, t, 1, !e.ikev1_transform_sets.empty(), diag);
  t.ikev2 = version_enabled(cfg, e, t, 2, !e.ikev2_proposals.empty(), diag);
  if (t.ikev1) {
    t.ikev1_proposals = global.ikev1;
    if (t.ikev1_proposals.empty()) {
      diag.error("INTENT-NO-IKE-POLICY",
                 entry_label(e) + " uses IKEv1 but no usable `crypto ikev1 policy` exists",
                 "add a crypto ikev1 policy (authentication, encryption, hash, group, lifetime)",
                 e.span);
    }
  }
  if (t.ikev2) {
    t.ikev2_proposals = global.ikev2;
    if (t.ikev2_proposals.empty()) {
      diag.error("INTENT-NO-IKE-POLICY",
                 entry_label(e) + " uses IKEv2 but no usable `crypto ikev2 policy` exists",
                 "add a crypto ikev2 policy (encryption, integrity, group, prf, lifetime)", e.span);
    }
  }
  if (!t.ikev1 && !t.ikev2 && !t.local_interface.empty()) {
    diag.error("INTENT-NO-IKE-VERSION",
               entry_label(e) + " can use neither IKEv1 nor IKEv2",
               "set an ikev1 transform-set or an ikev2 ipsec-proposal and enable that IKE "
               "version on the interface",
               e.span);
  }
}

void derive_pfs(const asa::CryptoMapEntry& e, Tunnel& t, Diagnostics& diag) {
  if (!e.has_pfs) return;
  t.spans.pfs = e.pfs_group ? e.pfs_group->span : e.pfs_line;
  if (!e.pfs_group) {
    // `set pfs` without a group means group 2 on the ASA.
    t.pfs_group = find_algorithm(TransformType::DhGroup, Dialect::AsaPfs, "group2");
    return;
  }
  t.pfs_group = detail::lookup_algorithm(TransformType::DhGroup, Dialect::AsaPfs, *e.pfs_group,
                                         "PFS group", diag);
}

void derive_tunnel_selectors(const asa::AsaConfig& cfg, const asa::CryptoMapEntry& e, Tunnel& t,
                             Diagnostics& diag) {
  if (!e.match_address) {
    diag.error("INTENT-NO-MATCH-ADDRESS", entry_label(e) + " has no match address",
               "add `crypto map " + e.map + " " + std::to_string(e.sequence) +
                   " match address ACL`",
               e.span);
    return;
  }
  t.acl = e.match_address->text;
  t.spans.match_address = e.match_address->span;
  const asa::AccessList* acl = cfg.access_list(t.acl);
  if (acl == nullptr) {
    diag.error("INTENT-UNDEFINED-ACL",
               entry_label(e) + " matches access-list '" + t.acl + "', which is not defined",
               "define `access-list " + t.acl + " extended permit ...`", e.match_address->span);
    return;
  }
  t.selectors = detail::derive_selectors(cfg, *acl, diag);
  if (t.selectors.empty()) {
    diag.error("INTENT-NO-SELECTORS",
               "access-list '" + t.acl + "' of " + entry_label(e) + " yields no traffic selector",
               "add a permit line for the protected traffic", e.match_address->span);
  }
}

Tunnel derive_tunnel(const asa::AsaConfig& cfg, const asa::CryptoMapEntry& e,
                     const GlobalProposals& global, Diagnostics& diag) {
  Tunnel t;
  t.map = e.map;
  t.sequence = e.sequence;
  t.span = e.span;
  resolve_peers(cfg, e, t, diag);
  resolve_interface(cfg, e, t, diag);
  derive_esp(cfg, e, t, diag);
  derive_ike(cfg, e, global, t, diag);
  derive_pfs(e, t, diag);
  t.lifetime_seconds = e.lifetime.seconds.value_or(
      cfg.ipsec.sa_lifetime_seconds.value_or(kDefaultIpsecLifetimeSeconds));
  t.lifetime_kilobytes = e.lifetime.kilobytes.value_or(
      cfg.ipsec.sa_lifetime_kilobytes.value_or(kDefaultIpsecLifetimeKilobytes));
  t.spans.lifetime = e.lifetime.span.valid() ? e.lifetime.span : cfg.ipsec.sa_lifetime_span;
  if (e.phase1_mode) {
    t.ikev1_aggressive_mode = iequals(e.phase1_mode->text, "aggressive");
    t.spans.phase1_mode = e.phase1_mode->span;
  }
  derive_tunnel_selectors(cfg, e, t, diag);
  detail::apply_tunnel_group(cfg, e, t, diag);
  if (e.connection_type) t.connection_type = lower_ascii(e.connection_type->text);
  t.nat_t = !e.nat_t_disable && !cfg.isakmp_nat_traversal_disabled;
  t.local_identity = global.local_identity;
  return t;
}

}  // namespace

Intent derive_intent(const asa::AsaConfig& cfg, const std::string& file) {
  Intent intent;
  intent.dialect = "asa";
  intent.file = file;
  if (cfg.hostname) intent.device = cfg.hostname->text;
  for (const asa::Interface& i : cfg.interfaces) {
    if (!i.nameif || !i.address || !i.mask) continue;
    intent.interfaces.push_back(Interface{i.nameif->text, *i.address, *i.mask, i.shutdown, i.address_span});
  }
  Diagnostics diag(file, intent.findings);

  GlobalProposals global;
  global.ikev1 = detail::derive_ikev1_proposals(cfg, diag);
  global.ikev2 = detail::derive_ikev2_proposals(cfg, diag);
  global.local_identity = detail::derive_local_identity(cfg, diag);

  for (const asa::CryptoMapEntry& e : cfg.crypto_map_entries) {
    if (e.dynamic_map || e.dynamic_reference) {
      diag.info("INTENT-DYNAMIC-MAP",
                (e.dynamic_map ? "crypto dynamic-map " + e.map + " " + std::to_string(e.sequence)
                               : entry_label(e) + " (ipsec-isakmp dynamic)") +
                    " serves peers with unknown addresses; it is not a site-to-site tunnel",
                "", e.span);
      continue;
    }
    if (e.peers.empty()) {
      diag.warning("INTENT-NO-PEER", entry_label(e) + " has no peer and is incomplete",
                   "add `crypto map " + e.map + " " + std::to_string(e.sequence) +
                       " set peer ADDRESS`",
                   e.span);
      continue;
    }
    intent.tunnels.push_back(derive_tunnel(cfg, e, global, diag));
  }
  return intent;
}

}  // namespace ikeshift::model
