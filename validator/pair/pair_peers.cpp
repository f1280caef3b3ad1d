// Who and what: each peer's `set peer` reaches the other's outside address,
// every tunnel that points at the other device has a partner there, and the
// crypto ACLs are mirror images (seed 001: the responder's proxy IDs are the
// initiator's reversed).
#include <map>
#include <set>
#include <tuple>

#include "common/ipv4.h"
#include "validator/rules/rule_helpers.h"
#include "validator/rules/rule_set.h"

namespace ikeshift::validator {

namespace {

std::string peers_text(const model::Tunnel& t) {
  std::string out;
  for (uint32_t p : t.peers) out += (out.empty() ? "" : " ") + format_ipv4(p);
  return out.empty() ? "(none)" : out;
}

void no_tunnel(const PairSubject& p, Emitter& out) {
  const ConfigSubject& a = *p.a;
  const ConfigSubject& b = *p.b;
  if (p.pairs.empty() && p.a_unpaired.empty() && p.b_unpaired.empty()) {
    out.report(device_label(a) + " and " + device_label(b) +
                   " have no tunnel to each other: no crypto map entry of one names an outside "
                   "address of the other, and no crypto ACLs mirror each other",
               "check that these two files are the two ends of one tunnel",
               at(a, a.intent->tunnels.empty() ? text::SourceSpan{} : a.intent->tunnels.front().span),
               {at(b, b.intent->tunnels.empty() ? text::SourceSpan{} : b.intent->tunnels.front().span,
                   device_label(b))});
    return;
  }
  auto orphan = [&](const ConfigSubject& self, const ConfigSubject& other, const model::Tunnel* t) {
    out.report(tunnel_label(self, *t) + " of " + device_label(self) + " points at " + device_label(other) +
                   " (peer " + peers_text(*t) + "), but " + device_label(other) +
                   " has no crypto map entry for it: the tunnel cannot come up",
               "add the mirror entry on " + device_label(other) +
                   " (peer = this device's outside address, mirrored ACL)",
               at(self, first_valid({t->spans.peers.empty() ? text::SourceSpan{} : t->spans.peers.front(),
                                     t->span})));
  };
  for (const model::Tunnel* t : p.a_unpaired) orphan(a, b, t);
  for (const model::Tunnel* t : p.b_unpaired) orphan(b, a, t);
}

void peer_address(const PairSubject& p, Emitter& out) {
  for (const TunnelPair& tp : p.pairs) {
    auto check = [&](const ConfigSubject& self, const model::Tunnel& t, const ConfigSubject& other,
                     const model::Tunnel& o, bool reaches) {
      if (reaches) {
        // IKEv2 uses only the first peer: reaching the other through a backup peer is not enough.
        if (t.ikev2 && o.local_address && !t.peers.empty() && t.peers.front() != *o.local_address) {
          out.report(tunnel_label(self, t) + " of " + device_label(self) + " reaches " + device_label(other) +
                         " (" + format_ipv4(*o.local_address) + ") only as a backup peer, which IKEv2 "
                         "never tries (one peer per entry)",
                     "put " + format_ipv4(*o.local_address) + " first in `set peer`",
                     at(self, t.spans.peers.empty() ? t.span : t.spans.peers.front()),
                     {at(other, first_valid({o.spans.local_address, o.span}),
                         device_label(other) + "'s outside address")});
        }
        return;
      }
      const std::string want = o.local_address ? format_ipv4(*o.local_address) : std::string("unknown");
      out.report(tunnel_label(self, t) + " of " + device_label(self) + " sets peer " + peers_text(t) +
                     ", which is not " + device_label(other) + "'s outside address " + want +
                     " (interface " + (o.local_interface.empty() ? "?" : o.local_interface) + " of " +
                     tunnel_label(other, o) + ")",
                 "set the peer to " + want +
                     " (if a NAT device translates it, the peer is the translated address: disable "
                     "this rule for that pair)",
                 at(self, t.spans.peers.empty() ? t.span : t.spans.peers.front()),
                 {at(other, first_valid({o.spans.local_address, o.spans.local_interface, o.span}),
                     device_label(other) + "'s outside address")});
    };
    check(*p.a, *tp.a, *p.b, *tp.b, tp.a_reaches_b);
    check(*p.b, *tp.b, *p.a, *tp.a, tp.b_reaches_a);
  }
}

using Key = std::tuple<uint32_t, uint32_t, uint8_t, uint16_t, uint16_t, uint32_t, uint32_t, uint16_t, uint16_t>;

Key key(const model::TrafficSelector& l, const model::TrafficSelector& r) {
  return {l.addresses.first, l.addresses.last, l.protocol, l.port_first, l.port_last,
          r.addresses.first, r.addresses.last, r.port_first, r.port_last};
}

// "access-list VPN" (ASA, IOS), "the traffic selectors of tunnel select 1"
// (RTX ids, swanctl.conf local_ts/remote_ts): what a dialect calls its proxy IDs.
std::string acl_label(const ConfigSubject& s, const model::Tunnel& t) {
  return t.acl.empty() ? "the traffic selectors of " + tunnel_label(s, t) : "access-list " + t.acl;
}

void acl_mirror(const PairSubject& p, Emitter& out) {
  for (const TunnelPair& tp : p.pairs) {
    const model::Tunnel& ta = *tp.a;
    const model::Tunnel& tb = *tp.b;
    if (ta.selectors.empty() || tb.selectors.empty()) continue;  // reported by single-config rules
    if (selectors_mirror(ta.selectors, tb.selectors)) continue;
    // Seed 001: the same ACL on both sides instead of its mirror image.
    std::set<Key> sa, sb_same, sb_mirror;
    for (const auto& s : ta.selectors) sa.insert(key(s.local, s.remote));
    for (const auto& s : tb.selectors) {
      sb_same.insert(key(s.local, s.remote));
      sb_mirror.insert(key(s.remote, s.local));
    }
    const Location b_acl = at(*p.b, first_valid({tb.spans.match_address, tb.span}),
                              device_label(*p.b) + "'s " + acl_label(*p.b, tb));
    if (sa == sb_same) {
      out.report(acl_label(*p.a, ta) + " of " + device_label(*p.a) + " and " + acl_label(*p.b, tb) + " of " +
                     device_label(*p.b) + " are the same, not mirror images: each side's local "
                     "network must be the other's remote network (proxy IDs reversed)",
                 "on " + device_label(*p.b) + ", swap source and destination in " + acl_label(*p.b, tb),
                 at(*p.a, first_valid({ta.spans.match_address, ta.span})), {b_acl});
      continue;
    }
    // Otherwise name each line that has no mirror, on either side (once per line).
    auto unmatched = [&](const ConfigSubject& self, const model::Tunnel& t, const std::set<Key>& other,
                         bool mirror, const ConfigSubject& peer, const model::Tunnel& pt) {
      std::set<uint32_t> lines;
      for (const auto& s : t.selectors) {
        const Key k = mirror ? key(s.local, s.remote) : key(s.remote, s.local);
        if (other.count(k) || !lines.insert(s.span.line).second) continue;
        model::SelectorPair reversed;
        reversed.local = s.remote;
        reversed.remote = s.local;
        out.report(acl_label(self, t) + " of " + device_label(self) + " protects " +
                       format_selector(s) + ", but " + acl_label(peer, pt) + " of " + device_label(peer) +
                       " has no mirror line (" + format_selector(reversed) +
                       "): that traffic is refused (TS_UNACCEPTABLE / no proposal chosen)",
                   "add the mirror line on " + device_label(peer) + ", or remove this one",
                   at(self, s.span),
                   {at(peer, first_valid({pt.spans.match_address, pt.span}),
                       device_label(peer) + "'s " + acl_label(peer, pt))});
      }
    };
    // A's keys compared with B's mirrored set; B's keys (reversed) with A's set.
    unmatched(*p.a, ta, sb_mirror, true, *p.b, tb);
    unmatched(*p.b, tb, sa, false, *p.a, ta);
  }
}

}  // namespace

std::vector<PairRule> pair_peer_rules() {
  const Severity E = Severity::Error;
  return {
      {{"pair-no-tunnel", "pair", E, Scope::Pair, "any dialect",
        "the two configurations have no tunnel to each other, or one has a tunnel the other lacks",
        "A tunnel needs a crypto map entry at both ends; an entry that points at the peer with "
        "no partner there never comes up.",
        "Add the missing entry on the other device, or check that the right files are paired."},
       no_tunnel},
      {{"pair-peer-address", "pair", E, Scope::Pair, "any dialect",
        "a peer's `set peer` is not the other peer's outside address",
        "Each side must name the address the other sends IKE from (the interface its crypto map "
        "is bound to); otherwise it negotiates with nobody, or with the wrong box.",
        "Set the peer to the other side's outside address (or its NAT address)."},
       peer_address},
      {{"pair-acl-mirror", "pair", E, Scope::Pair, "any dialect",
        "the two crypto ACLs are not mirror images",
        "Each side's crypto ACL is its proxy IDs (traffic selectors): the responder accepts only "
        "the mirror of its own (seed 001), so a line without a mirror fails phase 2 / CHILD SA.",
        "Make each ACL line on one side the source/destination swap of a line on the other."},
       acl_mirror},
  };
}

}  // namespace ikeshift::validator
