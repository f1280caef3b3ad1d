// What the two ends negotiate: a common IKE version, an IKE proposal and an
// ESP proposal both accept (IKEv1 and IKEv2; the first common one is named, or
// both lists are shown), and the same PFS group.
#include "validator/pair/proposal_match.h"
#include "validator/rules/rule_helpers.h"
#include "validator/rules/rule_set.h"

namespace ikeshift::validator {

namespace {

using model::Dialect;

std::string versions(const model::Tunnel& t) {
  if (t.ikev1 && t.ikev2) return "IKEv2 and IKEv1";
  if (t.ikev2) return "IKEv2 only";
  if (t.ikev1) return "IKEv1 only";
  return "no IKE version";
}

void no_common_version(const PairSubject& p, Emitter& out) {
  for (const TunnelPair& tp : p.pairs) {
    const model::Tunnel& a = *tp.a;
    const model::Tunnel& b = *tp.b;
    if ((a.ikev1 && b.ikev1) || (a.ikev2 && b.ikev2)) continue;
    if ((!a.ikev1 && !a.ikev2) || (!b.ikev1 && !b.ikev2)) continue;  // single-config rules say why
    out.report(tunnel_label(*p.a, a) + " of " + device_label(*p.a) + " runs " + versions(a) + ", " +
                   tunnel_label(*p.b, b) + " of " + device_label(*p.b) + " runs " + versions(b) +
                   ": no IKE version in common, the tunnel cannot come up",
               "enable the same IKE version on both (migrate both with `ikeshift migrate l2l`)",
               at(*p.a, a.span), {at(*p.b, b.span, device_label(*p.b) + "'s entry")});
  }
}

void ikev2_one_sided(const PairSubject& p, Emitter& out) {
  for (const TunnelPair& tp : p.pairs) {
    auto check = [&](const ConfigSubject& self, const model::Tunnel& t, const ConfigSubject& other,
                     const model::Tunnel& o) {
      if (!t.ikev2 || o.ikev2 || !(t.ikev1 && o.ikev1)) return;
      out.report(tunnel_label(self, t) + " of " + device_label(self) + " offers IKEv2, but " + device_label(other) +
                     " runs IKEv1 only on " + tunnel_label(other, o) +
                     ": every setup tries IKEv2 first, fails, and falls back to IKEv1 (752012, 752014)",
                 "migrate " + device_label(other) + " too (`ikeshift migrate l2l`), or expect IKEv1",
                 at(self, first_valid({t.spans.esp_v2, t.span})),
                 {at(other, o.span, device_label(other) + "'s entry")});
    };
    check(*p.a, *tp.a, *p.b, *tp.b);
    check(*p.b, *tp.b, *p.a, *tp.a);
  }
}

std::string ike_list(const std::vector<model::IkeProposal>& list, Dialect d) {
  std::string out;
  for (const model::IkeProposal& p : list) {
    out += (out.empty() ? "" : "; ") + std::string("policy ") + std::to_string(p.priority) + " " +
           spelled_list(p.encryption, d) + "/" + spelled_list(p.integrity, d) + "/prf " +
           spelled_list(p.prf, d) + "/group " + spelled_list(p.dh_groups, d);
    if (p.version == 1) out += "/" + p.authentication;
  }
  return out.empty() ? "(none)" : out;
}

std::string esp_list(const std::vector<model::EspProposal>& list, Dialect d) {
  std::string out;
  for (const model::EspProposal& p : list) {
    out += (out.empty() ? "" : "; ") + p.name + " " + spelled_list(p.encryption, d) + "/" +
           spelled_list(p.integrity, d);
    if (p.mode != "tunnel") out += " (" + p.mode + ")";
  }
  return out.empty() ? "(none)" : out;
}

void ike_proposals(const PairSubject& p, Emitter& out) {
  for (const TunnelPair& tp : p.pairs) {
    const model::Tunnel& a = *tp.a;
    const model::Tunnel& b = *tp.b;
    for (int v = 1; v <= 2; ++v) {
      const bool both = v == 1 ? (a.ikev1 && b.ikev1) : (a.ikev2 && b.ikev2);
      const auto& la = v == 1 ? a.ikev1_proposals : a.ikev2_proposals;
      const auto& lb = v == 1 ? b.ikev1_proposals : b.ikev2_proposals;
      if (!both || la.empty() || lb.empty()) continue;  // no-complete-ike-policy says why
      if (match_ike(la, lb, v)) continue;
      const Dialect da = v == 1 ? p.a->spelling.ike_v1 : p.a->spelling.ike_v2;
      const Dialect db = v == 1 ? p.b->spelling.ike_v1 : p.b->spelling.ike_v2;
      out.report("no IKEv" + std::to_string(v) + " proposal in common between " + device_label(*p.a) +
                     " and " + device_label(*p.b) + " (" + tunnel_label(*p.a, a) + "): " + device_label(*p.a) +
                     " offers " + ike_list(la, da) + "; " + device_label(*p.b) + " accepts " +
                     ike_list(lb, db),
                 v == 1 ? "give both an IKEv1 policy with the same encryption, hash, group and "
                          "authentication"
                        : "give both an IKEv2 policy that shares an encryption, integrity (unless "
                          "AES-GCM), PRF and DH group",
                 at(*p.a, la.front().span), {at(*p.b, lb.front().span, device_label(*p.b) + "'s policies")});
    }
  }
}

void esp_proposals(const PairSubject& p, Emitter& out) {
  for (const TunnelPair& tp : p.pairs) {
    const model::Tunnel& a = *tp.a;
    const model::Tunnel& b = *tp.b;
    for (int v = 1; v <= 2; ++v) {
      const bool both = v == 1 ? (a.ikev1 && b.ikev1) : (a.ikev2 && b.ikev2);
      const auto& la = v == 1 ? a.esp_v1 : a.esp_v2;
      const auto& lb = v == 1 ? b.esp_v1 : b.esp_v2;
      if (!both || la.empty() || lb.empty()) continue;
      if (match_esp(la, lb, v)) continue;
      const Dialect da = v == 1 ? p.a->spelling.esp_v1 : p.a->spelling.esp_v2;
      const Dialect db = v == 1 ? p.b->spelling.esp_v1 : p.b->spelling.esp_v2;
      const std::string what = v == 1 ? "transform-set" : "ipsec-proposal";
      out.report("no IKEv" + std::to_string(v) + " ESP proposal (" + what + ") in common between " +
                     tunnel_label(*p.a, a) + " of " + device_label(*p.a) + " (" + esp_list(la, da) + ") and " +
                     tunnel_label(*p.b, b) + " of " + device_label(*p.b) + " (" + esp_list(lb, db) +
                     "): phase 2 / the CHILD SA fails with NO_PROPOSAL_CHOSEN",
                 "give both a " + what + " with the same encryption and integrity (and mode)",
                 at(*p.a, first_valid({v == 1 ? a.spans.esp_v1 : a.spans.esp_v2, a.span})),
                 {at(*p.b, first_valid({v == 1 ? b.spans.esp_v1 : b.spans.esp_v2, b.span}),
                     device_label(*p.b) + "'s " + what + "s")});
    }
  }
}

void pfs(const PairSubject& p, Emitter& out) {
  for (const TunnelPair& tp : p.pairs) {
    const model::Tunnel& a = *tp.a;
    const model::Tunnel& b = *tp.b;
    if (a.pfs_group == b.pfs_group) continue;
    auto name = [](const ConfigSubject& s, const model::Tunnel& t) {
      return t.pfs_group == nullptr ? std::string("no PFS") : "PFS " + spelled(*t.pfs_group, s.spelling.pfs);
    };
    const bool v2 = a.ikev2 && b.ikev2;
    out.report(tunnel_label(*p.a, a) + " of " + device_label(*p.a) + " has " + name(*p.a, a) + ", " +
                   tunnel_label(*p.b, b) + " of " + device_label(*p.b) + " has " + name(*p.b, b) +
                   (v2 ? ": the first CHILD SA comes up (IKE_AUTH carries no KE), but the first "
                         "CHILD SA rekey fails"
                       : ": IKEv1 quick mode fails when the responder requires PFS the initiator "
                         "does not offer (or another group)"),
               "set the same `set pfs` group on both (or none on both)",
               at(*p.a, first_valid({a.spans.pfs, a.span})),
               {at(*p.b, first_valid({b.spans.pfs, b.span}), device_label(*p.b) + "'s PFS setting")});
  }
}

}  // namespace

std::vector<PairRule> pair_proposal_rules() {
  const Severity E = Severity::Error;
  return {
      {{"pair-no-common-ike-version", "pair", E, Scope::Pair, "any dialect",
        "the two ends of a tunnel have no IKE version in common",
        "One side runs only IKEv1 and the other only IKEv2: nothing can be negotiated.",
        "Enable the same IKE version on both ends."},
       no_common_version},
      {{"pair-ikev2-one-sided", "pair", Severity::Warning, Scope::Pair, "any dialect",
        "one end offers IKEv2 and the other runs only IKEv1",
        "The tunnel still comes up, over IKEv1, after a failed IKEv2 attempt on every setup "
        "(tunnel manager 752003, 752012, 752014): the migration is half done.",
        "Migrate the other end too."},
       ikev2_one_sided},
      {{"pair-ike-proposals", "pair", E, Scope::Pair, "any dialect",
        "the IKE proposals of the two ends do not intersect (IKEv1 or IKEv2)",
        "The IKE SA needs one proposal both accept: for IKEv2 a common encryption, integrity "
        "(unless AEAD), PRF and DH group; for IKEv1 one policy with the same encryption, hash, "
        "group and authentication.",
        "Give both ends a common IKE policy."},
       ike_proposals},
      {{"pair-esp-proposals", "pair", E, Scope::Pair, "any dialect",
        "the ESP proposals (transform-sets / ipsec-proposals) of the two ends do not intersect",
        "Phase 2 (IKEv1) or the CHILD SA (IKEv2) needs one ESP proposal both accept.",
        "Give both ends a common transform-set / ipsec-proposal."},
       esp_proposals},
      {{"pair-pfs", "pair", E, Scope::Pair, "any dialect",
        "the two ends disagree on PFS",
        "With IKEv1 quick mode fails; with IKEv2 the first CHILD SA comes up and the first "
        "rekey fails (a tunnel that drops after the IPsec lifetime).",
        "Set the same `set pfs` group on both ends."},
       pfs},
  };
}

}  // namespace ikeshift::validator
