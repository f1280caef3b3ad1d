// The rule sets. Rules that can be said on the vendor-neutral intent run on it
// (so they apply to every dialect that derives an intent); rules about one
// dialect's syntax run on that dialect's model. Pair rules run on two intents.
#pragma once

#include <vector>

#include "validator/emitter.h"
#include "validator/pair/tunnel_pairing.h"
#include "validator/rule.h"
#include "validator/subject.h"

namespace ikeshift::validator {

using ConfigCheck = void (*)(const ConfigSubject&, Emitter&);
using PairCheck = void (*)(const PairSubject&, Emitter&);

struct ConfigRule {
  RuleInfo info;
  ConfigCheck check;
};

struct PairRule {
  RuleInfo info;
  PairCheck check;
};

// Dialect-neutral single-config rules (on model::Intent).
const std::vector<ConfigRule>& intent_rules();
// Cisco ASA syntax rules (on asa::AsaConfig).
const std::vector<ConfigRule>& asa_rules();
// Cisco IOS syntax rules: none yet. The IOS reader (branch `dialects`) adds
// the IKEv2 profile completeness rules of seed 002 here (local and remote
// authentication, a match statement) and IOS proposal completeness through
// rules/proposal_completeness.h, which the ASA rules already use.
const std::vector<ConfigRule>& ios_rules();
// Rules over two peers.
const std::vector<PairRule>& pair_rules();

// The families, one file each (rules/*.cpp, pair/*.cpp).
std::vector<ConfigRule> asa_reference_rules();
std::vector<ConfigRule> asa_entry_rules();
std::vector<ConfigRule> asa_completeness_rules();
std::vector<ConfigRule> intent_crypto_rules();
std::vector<ConfigRule> intent_tunnel_rules();
std::vector<PairRule> pair_peer_rules();
std::vector<PairRule> pair_proposal_rules();
std::vector<PairRule> pair_key_rules();
std::vector<PairRule> pair_timer_rules();

// Every rule, in catalogue order (--list-rules, docs, SARIF rule table).
const std::vector<const RuleInfo*>& all_rules();
const RuleInfo* find_rule(std::string_view id);

}  // namespace ikeshift::validator
