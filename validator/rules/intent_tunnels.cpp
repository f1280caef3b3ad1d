// Tunnel rules on the intent (every dialect): several peers on an IKEv2 tunnel,
// a tunnel whose IKE version has no complete policy, lifetimes outside what the
// device accepts, and what the intent derivation itself could not resolve.
#include <set>

#include "validator/rules/rule_helpers.h"
#include "validator/rules/rule_set.h"

namespace ikeshift::validator {

namespace {

void multiple_peers(const ConfigSubject& s, Emitter& out) {
  for (const model::Tunnel& t : s.intent->tunnels) {
    if (!t.ikev2 || t.peers.size() < 2) continue;
    const text::SourceSpan second = t.spans.peers.size() > 1 ? t.spans.peers[1] : t.span;
    out.report(tunnel_label(s, t) + " has " + std::to_string(t.peers.size()) +
                   " peers but uses IKEv2: IKEv2 on the ASA uses one peer per entry (CSCud22276), "
                   "so only the first is tried over IKEv2 and the others only over IKEv1",
               "give each peer its own crypto map entry (sequence number) for IKEv2",
               at(s, second));
  }
}

void no_complete_policy(const ConfigSubject& s, Emitter& out) {
  for (const model::Tunnel& t : s.intent->tunnels) {
    for (int v = 1; v <= 2; ++v) {
      const bool used = v == 1 ? t.ikev1 : t.ikev2;
      const auto& proposals = v == 1 ? t.ikev1_proposals : t.ikev2_proposals;
      if (!used || !proposals.empty()) continue;
      const std::string n = std::to_string(v);
      out.report(tunnel_label(s, t) + " uses IKEv" + n + ", but there is no complete IKEv" + n +
                     " policy to negotiate the IKE SA with",
                 "add a complete IKEv" + n + " policy (encryption, integrity, DH group" +
                     (v == 2 ? ", PRF" : ", authentication") + ", lifetime)",
                 at(s, first_valid({v == 1 ? t.spans.esp_v1 : t.spans.esp_v2, t.span})));
    }
  }
}

void lifetimes(const ConfigSubject& s, Emitter& out) {
  const DeviceLimits& l = s.limits;
  std::set<std::pair<uint32_t, uint32_t>> seen;
  for (const model::Tunnel& t : s.intent->tunnels) {
    for (const auto* list : {&t.ikev1_proposals, &t.ikev2_proposals}) {
      for (const model::IkeProposal& p : *list) {
        if (p.lifetime_seconds == 0) continue;  // `lifetime none` (IKEv1)
        if (p.lifetime_seconds >= l.ike_lifetime_min && p.lifetime_seconds <= l.ike_lifetime_max) continue;
        if (!seen.insert({p.lifetime_span.line, p.lifetime_span.col}).second) continue;
        out.report("IKEv" + std::to_string(p.version) + " policy " + std::to_string(p.priority) +
                       " lifetime " + std::to_string(p.lifetime_seconds) +
                       " s is outside the accepted range " + std::to_string(l.ike_lifetime_min) +
                       "-" + std::to_string(l.ike_lifetime_max) + " s",
                   "use a lifetime in range, e.g. 86400 (the default)",
                   at(s, first_valid({p.lifetime_span, p.span})));
      }
    }
    const text::SourceSpan where = first_valid({t.spans.lifetime, t.span});
    if (!seen.insert({where.line, where.col}).second) continue;
    if (t.lifetime_seconds < l.ipsec_seconds_min || t.lifetime_seconds > l.ipsec_seconds_max) {
      out.report(tunnel_label(s, t) + " IPsec SA lifetime " + std::to_string(t.lifetime_seconds) +
                     " s is outside the accepted range " + std::to_string(l.ipsec_seconds_min) + "-" +
                     std::to_string(l.ipsec_seconds_max) + " s",
                 "use a lifetime in range, e.g. 28800 (the default)", at(s, where));
    }
    if (t.lifetime_kilobytes != 0 &&
        (t.lifetime_kilobytes < l.ipsec_kilobytes_min || t.lifetime_kilobytes > l.ipsec_kilobytes_max)) {
      out.report(tunnel_label(s, t) + " IPsec SA lifetime " + std::to_string(t.lifetime_kilobytes) +
                     " kilobytes is outside the accepted range " + std::to_string(l.ipsec_kilobytes_min) +
                     "-" + std::to_string(l.ipsec_kilobytes_max) + " kilobytes",
                 "use a volume in range, e.g. 4608000 (the default), or `unlimited`", at(s, where));
    }
  }
}

// Intent findings that a dialect's own rule already reports in more detail:
// relayed by neither rule below. ASA derivation codes are covered by the ASA
// rules, IOS completeness codes by the IOS rules; the other dialects have no
// rule for them, so their findings are relayed.
const std::set<std::string>& covered_codes(Dialect d) {
  // no-complete-ike-policy says this one for every dialect.
  static const std::set<std::string> none = {"INTENT-NO-IKE-POLICY"};
  static const std::set<std::string> ios = {"INTENT-IKEV2-PROPOSAL-INCOMPLETE", "INTENT-IKEV2-POLICY-INCOMPLETE",
                                            "INTENT-IKEV2-PROFILE-INCOMPLETE", "INTENT-NO-IKE-POLICY"};
  if (d == Dialect::Ios) return ios;
  if (d != Dialect::Asa) return none;
  static const std::set<std::string> codes = {
      "INTENT-UNDEFINED-ACL", "INTENT-UNDEFINED-TRANSFORM-SET", "INTENT-UNDEFINED-IPSEC-PROPOSAL",
      "INTENT-UNDEFINED-INTERFACE", "INTENT-MAP-NOT-BOUND", "INTENT-IKE-NOT-ENABLED",
      "INTENT-NO-PEER", "INTENT-NO-MATCH-ADDRESS", "INTENT-UNRESOLVED-PEER",
      "INTENT-NO-TUNNEL-GROUP", "INTENT-PSK-MASKED", "INTENT-NO-IKE-POLICY",
      "INTENT-IKEV2-POLICY-INCOMPLETE", "INTENT-EMPTY-IPSEC-PROPOSAL", "INTENT-DYNAMIC-MAP",
      "INTENT-NO-IKE-VERSION"};
  return codes;
}

// What an ACL refers to that is not defined: names, objects, object-groups.
const std::set<std::string>& acl_reference_codes() {
  static const std::set<std::string> codes = {"INTENT-UNDEFINED-NAME", "INTENT-UNDEFINED-OBJECT",
                                              "INTENT-UNDEFINED-OBJECT-GROUP"};
  return codes;
}

void relay(const ConfigSubject& s, Emitter& out, bool acl_references) {
  for (const Finding& f : s.intent->findings) {
    if (covered_codes(s.dialect).count(f.code)) continue;
    if (acl_reference_codes().count(f.code) != acl_references) continue;
    std::string message = f.message;
    if (!acl_references) message += " (" + f.code + ")";
    out.report_as(f.severity, message, f.hint, at(s, f.where.span));
  }
}

void unrecognised_line(const ConfigSubject& s, Emitter& out) {
  if (s.unknown == nullptr) return;
  for (const UnknownLine& u : *s.unknown) {
    out.report("line not understood (kept verbatim, but no rule checks it): " + u.reason,
               "check the spelling: a mistyped VPN command is silently missing from the tunnel "
               "the device builds",
               at(s, u.span));
  }
}

void acl_reference(const ConfigSubject& s, Emitter& out) { relay(s, out, true); }
void model_derivation(const ConfigSubject& s, Emitter& out) { relay(s, out, false); }

}  // namespace

std::vector<ConfigRule> intent_tunnel_rules() {
  return {
      {{"multiple-peers-ikev2", "completeness", Severity::Warning, Scope::Config, "any dialect",
        "an IKEv2 tunnel lists several peers",
        "Several peers in one entry is IKEv1 failover; IKEv2 on the ASA uses one peer per entry "
        "(CSCud22276), so the backup peers are never tried over IKEv2 (seed 004).",
        "Give each peer its own crypto map entry."},
       multiple_peers},
      {{"no-complete-ike-policy", "completeness", Severity::Error, Scope::Config, "any dialect",
        "a tunnel uses an IKE version for which no complete IKE policy exists",
        "The IKE SA needs at least one complete policy (proposal) of its version; without one "
        "the exchange fails with NO_PROPOSAL_CHOSEN before anything is authenticated.",
        "Add a complete policy for that IKE version."},
       no_complete_policy},
      {{"lifetime-out-of-range", "limits", Severity::Error, Scope::Config, "any dialect",
        "an IKE or IPsec SA lifetime outside what the device accepts",
        "The device refuses a value outside its range when the configuration is pasted, so the "
        "default silently applies. ASA: IKE 120-2147483647 s, IPsec SA 120-2147483647 s and "
        "10-2147483647 KB; IOS: IKE 60-86400 s, SA 120-2592000 s and 2560-4294967295 KB; RTX "
        "(`ipsec ike duration`): 300-691200 s and 100-100000 KB; swanctl.conf: no limit.",
        "Use a value in range."},
       lifetimes},
      {{"undefined-acl-reference", "references", Severity::Error, Scope::Config, "any dialect",
        "a crypto ACL refers to a name, network object or object-group that is not defined",
        "The ACL line cannot be expanded into traffic selectors, so the traffic it describes is "
        "not protected (and the peer's mirror ACL no longer matches).",
        "Define the name/object/object-group, or fix the reference."},
       acl_reference},
      {{"model-derivation", "references", Severity::Warning, Scope::Config, "any dialect",
        "what the intent derivation could not resolve or had to assume (unknown algorithms, ports, "
        "defaults assumed, encrypted keys...)",
        "Each such finding keeps its own severity and code (INTENT-...): the tunnel the device "
        "builds may differ from what the configuration seems to say.",
        "Follow the finding's hint."},
       model_derivation},
      {{"unrecognised-line", "references", Severity::Warning, Scope::Config, "any dialect",
        "a line the reader does not understand",
        "A mistyped VPN command is kept in the file but means nothing to the rules (and may mean "
        "nothing to the device): `set peeer` leaves the entry without a peer, `remote_adrs` leaves a "
        "strongSwan connection without its peer.",
        "Correct the line; `ikeshift migrate l2l --report-unknown` lists them too."},
       unrecognised_line},
  };
}

}  // namespace ikeshift::validator
