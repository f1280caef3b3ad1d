// ASA references that point nowhere: a crypto map entry naming an ACL,
// transform-set, ipsec-proposal or dynamic map that is not defined, a crypto
// map bound to a nameif no interface has, a map bound to nothing, peers that
// are neither addresses nor names, tunnel-groups no crypto map uses and peers
// without one, and IKE versions not enabled where the map is bound.
#include <set>

#include "common/ipv4.h"
#include "validator/rules/rule_helpers.h"
#include "validator/rules/rule_set.h"

namespace ikeshift::validator {

namespace {

using asa::AsaConfig;
using asa::CryptoMapEntry;

std::string entry_label(const CryptoMapEntry& e) {
  return std::string(e.dynamic_map ? "crypto dynamic-map " : "crypto map ") + e.map + " " +
         std::to_string(e.sequence);
}

bool is_static_tunnel(const CryptoMapEntry& e) { return !e.dynamic_map && !e.dynamic_reference; }

const AsaConfig& cfg(const ConfigSubject& s) { return s.asa->config; }

void undefined_acl(const ConfigSubject& s, Emitter& out) {
  for (const CryptoMapEntry& e : cfg(s).crypto_map_entries) {
    if (!e.match_address || cfg(s).access_list(e.match_address->text) != nullptr) continue;
    out.report(entry_label(e) + " matches access-list '" + e.match_address->text +
                   "', which is not defined: the entry protects no traffic",
               "define `access-list " + e.match_address->text +
                   " extended permit ip LOCAL-NET REMOTE-NET`, or fix the name",
               at(s, e.match_address->span));
  }
}

void undefined_transform_set(const ConfigSubject& s, Emitter& out) {
  for (const CryptoMapEntry& e : cfg(s).crypto_map_entries) {
    for (const asa::Word& w : e.ikev1_transform_sets) {
      if (cfg(s).transform_set(w.text) != nullptr) continue;
      out.report(entry_label(e) + " uses transform-set '" + w.text +
                     "', which is not defined: IKEv1 phase 2 cannot agree on ESP",
                 "define `crypto ipsec ikev1 transform-set " + w.text +
                     " esp-aes-256 esp-sha-hmac`, or fix the name",
                 at(s, w.span));
    }
  }
}

void undefined_ipsec_proposal(const ConfigSubject& s, Emitter& out) {
  for (const CryptoMapEntry& e : cfg(s).crypto_map_entries) {
    for (const asa::Word& w : e.ikev2_proposals) {
      if (cfg(s).ipsec_proposal(w.text) != nullptr) continue;
      out.report(entry_label(e) + " uses ipsec-proposal '" + w.text +
                     "', which is not defined: the IKEv2 CHILD SA cannot agree on ESP",
                 "define `crypto ipsec ikev2 ipsec-proposal " + w.text +
                     "` with ` protocol esp encryption aes-256` and ` protocol esp integrity "
                     "sha-256`, or fix the name",
                 at(s, w.span));
    }
  }
}

void undefined_dynamic_map(const ConfigSubject& s, Emitter& out) {
  std::set<std::string> defined;
  for (const CryptoMapEntry& e : cfg(s).crypto_map_entries)
    if (e.dynamic_map) defined.insert(e.map);
  for (const CryptoMapEntry& e : cfg(s).crypto_map_entries) {
    if (!e.dynamic_reference || defined.count(e.dynamic_reference->text)) continue;
    out.report(entry_label(e) + " refers to dynamic map '" + e.dynamic_reference->text +
                   "', which is not defined: peers it should serve are refused",
               "define `crypto dynamic-map " + e.dynamic_reference->text +
                   " 10 set ikev1 transform-set ...` (or ikev2 ipsec-proposal), or fix the name",
               at(s, e.dynamic_reference->span));
  }
}

std::string nameifs(const AsaConfig& c) {
  std::string out;
  for (const asa::Interface& i : c.interfaces)
    if (i.nameif) out += (out.empty() ? "" : ", ") + i.nameif->text;
  return out.empty() ? "none" : out;
}

void map_interface_no_nameif(const ConfigSubject& s, Emitter& out) {
  for (const asa::CryptoMapBinding& b : cfg(s).crypto_map_bindings) {
    if (cfg(s).interface_by_nameif(b.interface.text) != nullptr) continue;
    out.report("crypto map " + b.map.text + " is bound to interface '" + b.interface.text +
                   "', but no interface has that nameif: the map is not applied anywhere",
               "use the nameif of the outside interface (nameifs here: " + nameifs(cfg(s)) +
                   "), or add ` nameif " + b.interface.text + "` to that interface",
               at(s, b.interface.span));
  }
}

void map_not_applied(const ConfigSubject& s, Emitter& out) {
  std::set<std::string> reported;
  for (const CryptoMapEntry& e : cfg(s).crypto_map_entries) {
    if (e.dynamic_map || reported.count(e.map)) continue;
    bool bound = false;
    for (const asa::CryptoMapBinding& b : cfg(s).crypto_map_bindings) bound = bound || b.map.text == e.map;
    if (bound) continue;
    reported.insert(e.map);
    out.report("crypto map " + e.map + " is applied to no interface: none of its entries is active",
               "add `crypto map " + e.map + " interface outside` (your outside nameif)",
               at(s, e.span));
  }
}

void undefined_peer_name(const ConfigSubject& s, Emitter& out) {
  for (const CryptoMapEntry& e : cfg(s).crypto_map_entries) {
    for (const asa::Word& w : e.peers) {
      if (parse_ipv4(w.text) || cfg(s).name_entry(w.text) != nullptr) continue;
      out.report(entry_label(e) + " peer '" + w.text +
                     "' is neither an IPv4 address nor defined by a `name` command",
                 "write the peer's address, or add `name ADDRESS " + w.text + "`", at(s, w.span));
    }
  }
}

// Tunnel-group names a peer word can use: the word and the address it stands for.
std::vector<std::string> group_names_for(const AsaConfig& c, const asa::Word& peer) {
  std::vector<std::string> out{peer.text};
  if (const asa::NameEntry* n = c.name_entry(peer.text)) out.push_back(format_ipv4(n->address));
  return out;
}

void peer_without_tunnel_group(const ConfigSubject& s, Emitter& out) {
  const AsaConfig& c = cfg(s);
  if (c.tunnel_group("DefaultL2LGroup") != nullptr) return;  // the ASA falls back to it
  for (const CryptoMapEntry& e : c.crypto_map_entries) {
    if (!is_static_tunnel(e)) continue;
    for (const asa::Word& w : e.peers) {
      bool found = false;
      for (const std::string& n : group_names_for(c, w)) found = found || c.tunnel_group(n) != nullptr;
      if (found) continue;
      out.report(entry_label(e) + " peer " + w.text +
                     " has no tunnel-group: there is no pre-shared key to authenticate with",
                 "add `tunnel-group " + w.text + " type ipsec-l2l` and its ipsec-attributes with "
                 "the keys",
                 at(s, w.span));
    }
  }
}

void unused_tunnel_group(const ConfigSubject& s, Emitter& out) {
  const AsaConfig& c = cfg(s);
  std::set<std::string> used;
  for (const CryptoMapEntry& e : c.crypto_map_entries) {
    for (const asa::Word& w : e.peers)
      for (const std::string& n : group_names_for(c, w)) used.insert(n);
  }
  for (const asa::TunnelGroup& g : c.tunnel_groups) {
    if (!g.is_l2l() || !parse_ipv4(g.name) || used.count(g.name)) continue;
    out.report("L2L tunnel-group " + g.name +
                   " is for a peer that no crypto map entry names: it is never used",
               "add the peer to a crypto map entry (`set peer " + g.name +
                   "`), fix the address, or remove the tunnel-group (if a dynamic map serves "
                   "this peer, disable this rule in .ikeshift.yaml)",
               at(s, g.span));
  }
}

void ike_not_enabled(const ConfigSubject& s, Emitter& out) {
  const AsaConfig& c = cfg(s);
  for (const CryptoMapEntry& e : c.crypto_map_entries) {
    if (e.dynamic_map) continue;
    for (const asa::CryptoMapBinding& b : c.crypto_map_bindings) {
      if (b.map.text != e.map || c.interface_by_nameif(b.interface.text) == nullptr) continue;
      const std::string& itf = b.interface.text;
      if (!e.ikev2_proposals.empty() && !c.ike_enabled(2, itf)) {
        out.report(entry_label(e) + " has IKEv2 ipsec-proposals, but IKEv2 is not enabled on "
                       "interface " + itf + ": the ASA never tries IKEv2 for this tunnel",
                   "add `crypto ikev2 enable " + itf + "`",
                   at(s, e.ikev2_proposals.front().span),
                   {at(s, b.interface.span, "the map is bound here")});
      }
      if (!e.ikev1_transform_sets.empty() && !c.ike_enabled(1, itf)) {
        out.report(entry_label(e) + " has IKEv1 transform-sets, but IKEv1 is not enabled on "
                       "interface " + itf + ": IKEv1 (and the fallback to it) cannot run",
                   "add `crypto ikev1 enable " + itf + "`, or remove the transform-sets",
                   at(s, e.ikev1_transform_sets.front().span),
                   {at(s, b.interface.span, "the map is bound here")});
      }
    }
  }
}

}  // namespace

std::vector<ConfigRule> asa_reference_rules() {
  const Severity E = Severity::Error;
  const Severity W = Severity::Warning;
  return {
      {{"undefined-acl", "references", E, Scope::Config, "ASA",
        "a crypto map entry matches an access-list that is not defined",
        "Without its crypto ACL the entry selects no traffic: the tunnel never comes up and "
        "traffic meant for it leaves in clear or is dropped.",
        "Define the access-list or correct the name in `match address`."},
       undefined_acl},
      {{"undefined-transform-set", "references", E, Scope::Config, "ASA",
        "a crypto map entry uses an IKEv1 transform-set that is not defined",
        "IKEv1 quick mode has no ESP proposal to offer or accept for this entry.",
        "Define `crypto ipsec ikev1 transform-set NAME ...` or correct the name."},
       undefined_transform_set},
      {{"undefined-ipsec-proposal", "references", E, Scope::Config, "ASA",
        "a crypto map entry uses an IKEv2 ipsec-proposal that is not defined",
        "The IKEv2 CHILD SA has no ESP proposal, so IKEv2 fails (752010) and the ASA falls "
        "back to IKEv1, or the tunnel stays down.",
        "Define `crypto ipsec ikev2 ipsec-proposal NAME` or correct the name."},
       undefined_ipsec_proposal},
      {{"undefined-dynamic-map", "references", E, Scope::Config, "ASA",
        "a crypto map entry refers to a dynamic map that is not defined",
        "Peers the dynamic map should serve (dynamic addresses, remote access) are refused.",
        "Define `crypto dynamic-map NAME SEQ ...` or correct the name in `ipsec-isakmp dynamic`."},
       undefined_dynamic_map},
      {{"map-interface-no-nameif", "references", E, Scope::Config, "ASA",
        "a crypto map is bound to an interface name that no interface has as nameif",
        "`crypto map M interface IF` names the interface by its nameif; a wrong name applies the "
        "map nowhere, so none of its tunnels can come up.",
        "Use the nameif of the outside interface, or give the interface that nameif."},
       map_interface_no_nameif},
      {{"crypto-map-not-applied", "references", W, Scope::Config, "ASA",
        "a crypto map has entries but is applied to no interface",
        "An unapplied crypto map is inactive: its tunnels exist only on paper.",
        "Add `crypto map M interface outside`, or remove the map."},
       map_not_applied},
      {{"undefined-peer-name", "references", E, Scope::Config, "ASA",
        "a crypto map peer is neither an IPv4 address nor a `name`",
        "The ASA cannot resolve the peer, so it has nobody to negotiate with.",
        "Write the address, or define it with `name ADDRESS NAME`."},
       undefined_peer_name},
      {{"peer-without-tunnel-group", "references", W, Scope::Config, "ASA",
        "a crypto map peer has no tunnel-group (and there is no DefaultL2LGroup)",
        "The tunnel-group holds the pre-shared keys and DPD settings of an L2L peer; without "
        "one the ASA has no key for it and authentication fails.",
        "Add `tunnel-group PEER type ipsec-l2l` with `ipsec-attributes` and the keys."},
       peer_without_tunnel_group},
      {{"unused-tunnel-group", "references", W, Scope::Config, "ASA",
        "an L2L tunnel-group is named after a peer that no crypto map entry uses",
        "Usually a typo in the peer address or a tunnel left behind; either way, its keys "
        "authenticate nobody.",
        "Fix the address (in the tunnel-group or in `set peer`) or remove the tunnel-group."},
       unused_tunnel_group},
      {{"ike-not-enabled", "references", E, Scope::Config, "ASA",
        "a crypto map entry uses an IKE version that is not enabled on the map's interface",
        "An entry with IKEv2 ipsec-proposals needs `crypto ikev2 enable IF` on the interface "
        "its map is bound to, or the ASA never tries IKEv2 (and a migration achieved nothing); "
        "likewise IKEv1 with `crypto ikev1 enable IF`.",
        "Add `crypto ikev2 enable IF` (or `crypto ikev1 enable IF`)."},
       ike_not_enabled},
  };
}

}  // namespace ikeshift::validator
