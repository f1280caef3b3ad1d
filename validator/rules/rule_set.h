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
// Cisco IOS rules (on ios::IosConfig): seed 002's IKEv2 proposal, policy and
// profile completeness, through rules/proposal_completeness.h as the ASA's.
const std::vector<ConfigRule>& ios_rules();
// Yamaha RTX rules (on rtx::RtxConfig).
const std::vector<ConfigRule>& rtx_rules();
// strongSwan swanctl.conf rules (on the swanctl settings tree and the intent).
const std::vector<ConfigRule>& swanctl_rules();
// Rules over two peers.
const std::vector<PairRule>& pair_rules();

// The families, one file each (rules/*.cpp, pair/*.cpp).
std::vector<ConfigRule> asa_reference_rules();
std::vector<ConfigRule> asa_entry_rules();
std::vector<ConfigRule> asa_completeness_rules();
std::vector<ConfigRule> intent_crypto_rules();
std::vector<ConfigRule> intent_tunnel_rules();
std::vector<ConfigRule> ios_completeness_rules();
std::vector<ConfigRule> rtx_rule_list();
std::vector<ConfigRule> swanctl_rule_list();
std::vector<PairRule> pair_peer_rules();
std::vector<PairRule> pair_proposal_rules();
std::vector<PairRule> pair_key_rules();
std::vector<PairRule> pair_timer_rules();

// Every rule, in catalogue order (--list-rules, docs, SARIF rule table).
const std::vector<const RuleInfo*>& all_rules();
const RuleInfo* find_rule(std::string_view id);

}  // namespace ikeshift::validator
