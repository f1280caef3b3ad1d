// Completeness as the ASA enforces it: an IKEv2 policy needs encryption,
// integrity and a DH group (or AES-GCM with a PRF and a group); an ipsec-
// proposal needs encryption and, for a non-AEAD cipher, integrity; a crypto map
// entry needs a peer, `match address`, and a transform-set or ipsec-proposal.
#include "validator/rules/proposal_completeness.h"
#include "validator/rules/rule_helpers.h"
#include "validator/rules/rule_set.h"

namespace ikeshift::validator {

namespace {

using model::Dialect;
using model::TransformType;

std::vector<const model::Algorithm*> resolve(TransformType type, Dialect d,
                                             const std::vector<asa::Word>& words) {
  std::vector<const model::Algorithm*> out;
  for (const asa::Word& w : words)
    if (const model::Algorithm* a = model::find_algorithm(type, d, w.text)) out.push_back(a);
  return out;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

// Unknown algorithm words are left to model-derivation, which names them: a
// policy is judged only on what is known, and only when all of a line is known.
bool all_known(TransformType type, Dialect d, const std::vector<asa::Word>& words) {
  return resolve(type, d, words).size() == words.size();
}

void ike_policy_incomplete(const ConfigSubject& s, Emitter& out) {
  const Dialect d = Dialect::AsaIkev2Policy;
  for (const asa::Ikev2Policy& p : s.asa->config.ikev2_policies) {
    if (!all_known(TransformType::Encryption, d, p.encryption) ||
        !all_known(TransformType::Integrity, d, p.integrity)) {
      continue;
    }
    ProposalParts parts;
    parts.encryption = resolve(TransformType::Encryption, d, p.encryption);
    parts.integrity = resolve(TransformType::Integrity, d, p.integrity);
    parts.prf = resolve(TransformType::Prf, d, p.prf);
    parts.groups = resolve(TransformType::DhGroup, d, p.group);
    const auto missing = missing_in_ike_proposal(parts);
    if (missing.empty()) continue;
    out.report("crypto ikev2 policy " + std::to_string(p.priority) + " lacks " + joined(missing) +
                   ": the ASA cannot offer or accept it, so IKEv2 SAs never use it",
               "complete it, e.g. ` encryption aes-256` / ` integrity sha256` / ` group 14` / "
               "` prf sha256` (or ` encryption aes-gcm-256` / ` integrity null` / ` prf sha256` / "
               "` group 19`)",
               at(s, p.block.span));
  }
}

void ipsec_proposal_incomplete(const ConfigSubject& s, Emitter& out) {
  const Dialect d = Dialect::AsaIkev2Proposal;
  for (const asa::IpsecProposal& p : s.asa->config.ipsec_proposals) {
    if (!all_known(TransformType::Encryption, d, p.encryption) ||
        !all_known(TransformType::Integrity, d, p.integrity)) {
      continue;
    }
    ProposalParts parts;
    parts.encryption = resolve(TransformType::Encryption, d, p.encryption);
    parts.integrity = resolve(TransformType::Integrity, d, p.integrity);
    const auto missing = missing_in_esp_proposal(parts);
    if (missing.empty()) continue;
    out.report("ipsec-proposal " + p.name.text + " lacks " + joined(missing),
               "add ` protocol esp encryption aes-256` and ` protocol esp integrity sha-256` "
               "(or ` protocol esp encryption aes-gcm-256` with ` protocol esp integrity null`)",
               at(s, p.block.span));
  }
}

void entry_incomplete(const ConfigSubject& s, Emitter& out) {
  for (const asa::CryptoMapEntry& e : s.asa->config.crypto_map_entries) {
    if (e.dynamic_reference) continue;  // `ipsec-isakmp dynamic`: the dynamic map holds the rest
    std::vector<std::string> missing;
    if (!e.dynamic_map && e.peers.empty()) missing.emplace_back("a peer (`set peer`)");
    if (!e.dynamic_map && !e.match_address) missing.emplace_back("a crypto ACL (`match address`)");
    if (e.ikev1_transform_sets.empty() && e.ikev2_proposals.empty()) {
      missing.emplace_back("an IKEv1 transform-set or IKEv2 ipsec-proposal");
    }
    if (missing.empty()) continue;
    const std::string label = std::string(e.dynamic_map ? "crypto dynamic-map " : "crypto map ") +
                              e.map + " " + std::to_string(e.sequence);
    out.report(label + " lacks " + joined(missing) + ": the ASA skips an incomplete entry",
               "add the missing `" + std::string(e.dynamic_map ? "crypto dynamic-map " : "crypto map ") +
                   e.map + " " + std::to_string(e.sequence) + " ...` lines",
               at(s, e.span));
  }
}

}  // namespace

std::vector<ConfigRule> asa_completeness_rules() {
  const Severity E = Severity::Error;
  return {
      {{"ike-policy-incomplete", "completeness", E, Scope::Config, "ASA",
        "an IKEv2 policy lacks encryption, integrity or a DH group (or, with AES-GCM, a PRF)",
        "A proposal needs an encryption algorithm, an integrity algorithm and a DH group, or "
        "AES-GCM with a PRF and a DH group (the devices refuse anything less, seed 002); an "
        "incomplete policy is never offered or accepted.",
        "Add the missing lines to the policy."},
       ike_policy_incomplete},
      {{"ipsec-proposal-incomplete", "completeness", E, Scope::Config, "ASA",
        "an IKEv2 ipsec-proposal lacks encryption, or integrity for a non-AEAD cipher",
        "ESP needs a cipher, and a non-AEAD cipher needs an integrity algorithm, or tampered "
        "packets go undetected (RFC 8221).",
        "Add ` protocol esp encryption ...` and ` protocol esp integrity ...`."},
       ipsec_proposal_incomplete},
      {{"crypto-map-entry-incomplete", "completeness", E, Scope::Config, "ASA",
        "a crypto map entry lacks its peer, its `match address` or its transform-set/proposal",
        "The ASA needs all three to build a site-to-site tunnel; an incomplete entry is "
        "skipped when the map is applied.",
        "Add the missing `crypto map M N set peer`, `match address` or `set ikev1 "
        "transform-set` / `set ikev2 ipsec-proposal` lines."},
       entry_incomplete},
  };
}

}  // namespace ikeshift::validator
