#include "validator/rules/rule_set.h"

namespace ikeshift::validator {

namespace {

template <typename R>
void append(std::vector<R>& to, std::vector<R> from) {
  for (R& r : from) to.push_back(std::move(r));
}

}  // namespace

const std::vector<ConfigRule>& intent_rules() {
  static const std::vector<ConfigRule> rules = [] {
    std::vector<ConfigRule> v;
    append(v, intent_tunnel_rules());
    append(v, intent_crypto_rules());
    return v;
  }();
  return rules;
}

const std::vector<ConfigRule>& asa_rules() {
  static const std::vector<ConfigRule> rules = [] {
    std::vector<ConfigRule> v;
    append(v, asa_reference_rules());
    append(v, asa_completeness_rules());
    append(v, asa_entry_rules());
    return v;
  }();
  return rules;
}

const std::vector<ConfigRule>& ios_rules() {
  static const std::vector<ConfigRule> rules = ios_completeness_rules();
  return rules;
}

const std::vector<ConfigRule>& rtx_rules() {
  static const std::vector<ConfigRule> rules = rtx_rule_list();
  return rules;
}

const std::vector<ConfigRule>& swanctl_rules() {
  static const std::vector<ConfigRule> rules = swanctl_rule_list();
  return rules;
}

const std::vector<PairRule>& pair_rules() {
  static const std::vector<PairRule> rules = [] {
    std::vector<PairRule> v;
    append(v, pair_peer_rules());
    append(v, pair_proposal_rules());
    append(v, pair_key_rules());
    append(v, pair_timer_rules());
    return v;
  }();
  return rules;
}

const std::vector<const RuleInfo*>& all_rules() {
  static const std::vector<const RuleInfo*> all = [] {
    std::vector<const RuleInfo*> v;
    for (const ConfigRule& r : asa_rules()) v.push_back(&r.info);
    for (const ConfigRule& r : ios_rules()) v.push_back(&r.info);
    for (const ConfigRule& r : rtx_rules()) v.push_back(&r.info);
    for (const ConfigRule& r : swanctl_rules()) v.push_back(&r.info);
    for (const ConfigRule& r : intent_rules()) v.push_back(&r.info);
    for (const PairRule& r : pair_rules()) v.push_back(&r.info);
    return v;
  }();
  return all;
}

const RuleInfo* find_rule(std::string_view id) {
  for (const RuleInfo* r : all_rules())
    if (r->id == id) return r;
  return nullptr;
}

}  // namespace ikeshift::validator
