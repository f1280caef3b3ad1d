// Cisco IOS completeness rules (seed 002): what IOS itself refuses to use when
// a block is incomplete, with the texts IOS prints when the block is entered.
// An IKEv2 proposal needs an encryption other than AES-GCM, an integrity
// algorithm and a DH group, or AES-GCM, a PRF and a DH group; a policy needs
// at least one complete proposal; a profile needs a local and a remote
// authentication method and a match statement. The proposal check is the
// dialect-neutral one the ASA rules use (proposal_completeness.h).
#include "validator/rules/proposal_completeness.h"
#include "validator/rules/rule_helpers.h"
#include "validator/rules/rule_set.h"

namespace ikeshift::validator {

namespace {

constexpr char kProposalText[] =
    "IKEv2 proposal MUST either have a set of an encryption algorithm other than aes-gcm, an integrity "
    "algorithm and a DH group configured or encryption algorithm aes-gcm, a prf algorithm and a DH group "
    "configured";
constexpr char kPolicyText[] = "IKEv2 policy MUST have atleast one complete proposal attached";
constexpr char kProfileText[] =
    "IKEv2 profile MUST have: 1. A local and a remote authentication method. 2. A match identity or a match "
    "certificate or match any statement.";

// The parts of a proposal as the registry knows them; unknown words are left
// out (model-derivation reports them), so they count as missing here too.
ProposalParts parts(const ios::Ikev2Proposal& p) {
  ProposalParts out;
  auto add = [](model::TransformType t, const std::vector<Word>& words, std::vector<const model::Algorithm*>& into) {
    for (const Word& w : words)
      if (const model::Algorithm* a = model::find_algorithm(t, model::Dialect::IosIkev2, w.text)) into.push_back(a);
  };
  add(model::TransformType::Encryption, p.encryption, out.encryption);
  add(model::TransformType::Integrity, p.integrity, out.integrity);
  add(model::TransformType::Prf, p.prf, out.prf);
  add(model::TransformType::DhGroup, p.group, out.groups);
  return out;
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i == 0 ? "" : i + 1 == v.size() ? " and " : ", ") + v[i];
  return s;
}

void proposal_incomplete(const ConfigSubject& s, Emitter& out) {
  for (const ios::Ikev2Proposal& p : s.ios->config.ikev2_proposals) {
    const std::vector<std::string> missing = missing_in_ike_proposal(parts(p));
    if (missing.empty()) continue;
    out.report("crypto ikev2 proposal " + p.name.text + " lacks " + joined(missing) + ": \"" + kProposalText +
                   "\" (IOS does not use it)",
               "add the missing ` encryption`, ` integrity` (or ` prf` with aes-gcm) and ` group` lines",
               at(s, p.block.span));
  }
}

void policy_incomplete(const ConfigSubject& s, Emitter& out) {
  const ios::IosConfig& c = s.ios->config;
  for (const ios::Ikev2Policy& pol : c.ikev2_policies) {
    bool complete = false;
    for (const Word& name : pol.proposals) {
      const ios::Ikev2Proposal* p = c.ikev2_proposal(name.text);
      complete = complete || (p != nullptr && missing_in_ike_proposal(parts(*p)).empty());
    }
    if (complete) continue;
    std::vector<Location> related;
    for (const Word& name : pol.proposals) related.push_back(at(s, name.span, "proposal " + name.text));
    out.report("crypto ikev2 policy " + pol.name.text + " has no complete proposal attached: \"" + kPolicyText + "\"",
               pol.proposals.empty() ? "add ` proposal NAME` naming a complete crypto ikev2 proposal"
                                     : "complete the proposals it names, or attach a complete one",
               at(s, pol.block.span), std::move(related));
  }
}

void profile_incomplete(const ConfigSubject& s, Emitter& out) {
  for (const ios::Ikev2Profile& p : s.ios->config.ikev2_profiles) {
    std::vector<std::string> missing;
    if (!p.auth_local) missing.emplace_back("` authentication local pre-share`");
    if (!p.auth_remote) missing.emplace_back("` authentication remote pre-share`");
    if (p.match_remote.empty()) missing.emplace_back("` match identity remote address A.B.C.D 255.255.255.255`");
    if (missing.empty()) continue;
    out.report("crypto ikev2 profile " + p.name.text + " is incomplete: \"" + kProfileText + "\"",
               "add " + joined(missing), at(s, p.block.span));
  }
}

}  // namespace

std::vector<ConfigRule> ios_completeness_rules() {
  const Severity E = Severity::Error;
  return {
      {{"ios-ikev2-proposal-incomplete", "completeness", E, Scope::Config, "IOS",
        "a crypto ikev2 proposal lacks an algorithm IOS requires",
        "IOS uses an IKEv2 proposal only with an encryption other than AES-GCM, an integrity algorithm and a "
        "DH group, or with AES-GCM, a PRF and a DH group (seed 002); an incomplete proposal is never offered.",
        "Add the missing encryption, integrity/prf or group line."},
       proposal_incomplete},
      {{"ios-ikev2-policy-incomplete", "completeness", E, Scope::Config, "IOS",
        "a crypto ikev2 policy has no complete proposal attached",
        "IOS refuses to use an IKEv2 policy without at least one complete proposal (seed 002: \"IKEv2 policy "
        "MUST have atleast one complete proposal attached\"): no IKE SA can be negotiated through it.",
        "Attach a complete crypto ikev2 proposal with ` proposal NAME`."},
       policy_incomplete},
      {{"ios-ikev2-profile-incomplete", "completeness", E, Scope::Config, "IOS",
        "a crypto ikev2 profile lacks a local or remote authentication method or a match statement",
        "IOS needs both authentication methods and a match identity/certificate/any statement before it "
        "uses a profile (seed 002); without them no peer is matched to it and IKE_AUTH fails.",
        "Add ` authentication local ...`, ` authentication remote ...` and ` match identity remote ...`."},
       profile_incomplete},
  };
}

}  // namespace ikeshift::validator
