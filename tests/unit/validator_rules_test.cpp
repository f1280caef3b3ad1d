// Every rule has a fixture that triggers it (fixtures/validator/RULE.cfg, or
// RULE.b.cfg / RULE.a.cfg against the clean pair for pair rules) and one that
// does not (the clean pair, clean-a.cfg and clean-b.cfg, on which no rule
// fires). Each trigger is checked at the line the fixture changes.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "validator_test_support.h"

namespace ikeshift::validator {
namespace {

using namespace test_support;
namespace fs = std::filesystem;

struct Trigger {
  std::string rule;
  std::string a;       // fixture (single rules) or A's fixture (pair rules)
  std::string b;       // B's fixture (pair rules), "" for single rules
  std::string where;   // the file the finding must point at
  uint32_t line;       // 1-based
  uint32_t related_line = 0;  // 0: not checked
};

// Lines are those the fixture generator changed or the line the rule names
// (see the fixture next to each entry).
const std::vector<Trigger>& triggers() {
  static const std::vector<Trigger> t = {
      {"undefined-acl", "undefined-acl.cfg", "", "undefined-acl.cfg", 23},
      {"undefined-transform-set", "undefined-transform-set.cfg", "", "undefined-transform-set.cfg", 26},
      {"undefined-ipsec-proposal", "undefined-ipsec-proposal.cfg", "", "undefined-ipsec-proposal.cfg", 27},
      {"undefined-dynamic-map", "undefined-dynamic-map.cfg", "", "undefined-dynamic-map.cfg", 29},
      {"map-interface-no-nameif", "map-interface-no-nameif.cfg", "", "map-interface-no-nameif.cfg", 29},
      {"crypto-map-not-applied", "crypto-map-not-applied.cfg", "", "crypto-map-not-applied.cfg", 23},
      {"undefined-peer-name", "undefined-peer-name.cfg", "", "undefined-peer-name.cfg", 25},
      {"peer-without-tunnel-group", "peer-without-tunnel-group.cfg", "", "peer-without-tunnel-group.cfg", 25},
      {"unused-tunnel-group", "unused-tunnel-group.cfg", "", "unused-tunnel-group.cfg", 53},
      {"ike-not-enabled", "ike-not-enabled.cfg", "", "ike-not-enabled.cfg", 27, 29},
      {"ike-policy-incomplete", "ike-policy-incomplete.cfg", "", "ike-policy-incomplete.cfg", 30},
      {"ipsec-proposal-incomplete", "ipsec-proposal-incomplete.cfg", "", "ipsec-proposal-incomplete.cfg", 20},
      {"crypto-map-entry-incomplete", "crypto-map-entry-incomplete.cfg", "", "crypto-map-entry-incomplete.cfg", 23},
      {"duplicate-sequence-number", "duplicate-sequence-number.cfg", "", "duplicate-sequence-number.cfg", 31, 25},
      {"cookie-challenge-threshold", "cookie-challenge-threshold.cfg", "", "cookie-challenge-threshold.cfg", 36, 37},
      {"masked-key", "masked-key.cfg", "", "masked-key.cfg", 49},
      {"unrecognised-line", "unrecognised-line.cfg", "", "unrecognised-line.cfg", 26},
      {"ikev2-dos-hardening", "ikev2-dos-hardening.cfg", "", "ikev2-dos-hardening.cfg", 36},
      {"multiple-peers-ikev2", "multiple-peers-ikev2.cfg", "", "multiple-peers-ikev2.cfg", 25},
      {"no-complete-ike-policy", "no-complete-ike-policy.cfg", "", "no-complete-ike-policy.cfg", 27},
      {"lifetime-out-of-range", "lifetime-out-of-range.cfg", "", "lifetime-out-of-range.cfg", 28},
      {"undefined-acl-reference", "undefined-acl-reference.cfg", "", "undefined-acl-reference.cfg", 17},
      {"model-derivation", "model-derivation.cfg", "", "model-derivation.cfg", 21},
      {"broken-crypto", "broken-crypto.cfg", "", "broken-crypto.cfg", 43},
      {"weak-crypto", "weak-crypto.cfg", "", "weak-crypto.cfg", 19},
      {"aggressive-mode", "aggressive-mode.cfg", "", "aggressive-mode.cfg", 27},
      {"ios-ikev2-proposal-incomplete", "ios-ikev2-proposal-incomplete.cfg", "", "ios-ikev2-proposal-incomplete.cfg", 13},
      {"ios-ikev2-policy-incomplete", "ios-ikev2-policy-incomplete.cfg", "", "ios-ikev2-policy-incomplete.cfg", 22, 23},
      {"ios-ikev2-profile-incomplete", "ios-ikev2-profile-incomplete.cfg", "", "ios-ikev2-profile-incomplete.cfg", 27},
      {"rtx-ipsec-use-off", "rtx-ipsec-use-off.cfg", "", "rtx-ipsec-use-off.cfg", 25},
      {"rtx-unused-sa-policy", "rtx-unused-sa-policy.cfg", "", "rtx-unused-sa-policy.cfg", 6},
      {"swanctl-wildcard-psk", "swanctl-wildcard-psk.cfg", "", "swanctl-wildcard-psk.cfg", 33},
      {"swanctl-never-initiates", "swanctl-never-initiates.cfg", "", "swanctl-never-initiates.cfg", 3},
      {"pair-no-tunnel", "clean-a.cfg", "pair-no-tunnel.b.cfg", "clean-a.cfg", 23},
      {"pair-peer-address", "clean-a.cfg", "pair-peer-address.b.cfg", "pair-peer-address.b.cfg", 25, 10},
      {"pair-acl-mirror", "clean-a.cfg", "pair-acl-mirror.b.cfg", "clean-a.cfg", 23, 23},
      {"pair-no-common-ike-version", "pair-no-common-ike-version.a.cfg", "pair-no-common-ike-version.b.cfg",
       "pair-no-common-ike-version.a.cfg", 23},
      {"pair-ikev2-one-sided", "clean-a.cfg", "pair-ikev2-one-sided.b.cfg", "clean-a.cfg", 27},
      {"pair-ike-proposals", "clean-a.cfg", "pair-ike-proposals.b.cfg", "clean-a.cfg", 30, 30},
      {"pair-esp-proposals", "clean-a.cfg", "pair-esp-proposals.b.cfg", "clean-a.cfg", 27, 27},
      {"pair-pfs", "clean-a.cfg", "pair-pfs.b.cfg", "clean-a.cfg", 24, 24},
      {"pair-psk-mirror", "clean-a.cfg", "pair-psk-mirror.b.cfg", "clean-a.cfg", 52, 51},
      {"pair-identity", "clean-a.cfg", "pair-identity.b.cfg", "clean-a.cfg", 23, 40},
      {"pair-dpd", "pair-dpd.a.cfg", "pair-dpd.b.cfg", "pair-dpd.a.cfg", 50, 50},
      {"pair-lifetimes", "clean-a.cfg", "pair-lifetimes.b.cfg", "clean-a.cfg", 28, 28},
  };
  return t;
}

TEST(ValidatorRules, EveryRuleHasATriggeringFixture) {
  std::set<std::string> covered;
  for (const Trigger& t : triggers()) covered.insert(t.rule);
  for (const RuleInfo* r : all_rules()) {
    EXPECT_TRUE(covered.count(std::string(r->id))) << "rule " << r->id << " has no triggering fixture";
    EXPECT_TRUE(fs::exists(vfixture(std::string(r->id) + (r->scope == Scope::Pair ? ".b.cfg" : ".cfg"))))
        << "fixtures/validator/ has no fixture named after " << r->id;
  }
}

TEST(ValidatorRules, EachFixtureTriggersItsRuleWhereItSays) {
  for (const Trigger& t : triggers()) {
    SCOPED_TRACE(t.rule);
    ASSERT_NE(find_rule(t.rule), nullptr) << "not a rule";
    const auto all = t.b.empty() ? config_findings(vfixture(t.a)) : pair_findings(vfixture(t.a), vfixture(t.b));
    const auto mine = of_rule(all, t.rule);
    ASSERT_FALSE(mine.empty()) << "no " << t.rule << " finding; got:\n" << describe(all);
    bool at_line = false;
    for (const RuleFinding& f : mine) {
      // model-derivation relays each finding with its own severity.
      if (t.rule != "model-derivation") {
        EXPECT_EQ(f.severity, find_rule(t.rule)->severity) << format_location(f.where);
      }
      EXPECT_FALSE(f.message.empty());
      EXPECT_FALSE(f.hint.empty()) << t.rule << " finding without a fix hint";
      if (fs::path(f.where.file).filename() != t.where || f.where.span.line != t.line) continue;
      at_line = true;
      EXPECT_GE(f.where.span.col, 1u);
      if (t.related_line != 0) {
        ASSERT_FALSE(f.related.empty()) << "no related location";
        EXPECT_EQ(f.related.front().span.line, t.related_line);
      }
    }
    EXPECT_TRUE(at_line) << "no " << t.rule << " finding at " << t.where << ":" << t.line << "; got:\n"
                         << describe(mine);
  }
}

TEST(ValidatorRules, TheCleanPairTriggersNoRule) {
  const auto a = config_findings(vfixture("clean-a.cfg"));
  const auto b = config_findings(vfixture("clean-b.cfg"));
  const auto ab = pair_findings(vfixture("clean-a.cfg"), vfixture("clean-b.cfg"));
  const auto ba = pair_findings(vfixture("clean-b.cfg"), vfixture("clean-a.cfg"));
  EXPECT_TRUE(a.empty()) << describe(a);
  EXPECT_TRUE(b.empty()) << describe(b);
  EXPECT_TRUE(ab.empty()) << describe(ab);
  EXPECT_TRUE(ba.empty()) << describe(ba);
}

// Pair rules are symmetric: swapping A and B still finds the problem.
TEST(ValidatorRules, PairRulesFireWithTheFilesSwapped) {
  for (const Trigger& t : triggers()) {
    if (t.b.empty()) continue;
    SCOPED_TRACE(t.rule);
    const auto all = pair_findings(vfixture(t.b), vfixture(t.a));
    EXPECT_FALSE(of_rule(all, t.rule).empty()) << describe(all);
  }
}

TEST(ValidatorRules, OffByDefaultRulesDoNotRunUnlessEnabled) {
  const ProjectConfig defaults;
  EXPECT_TRUE(of_rule(config_findings(vfixture("ikev2-dos-hardening.cfg"), defaults), "ikev2-dos-hardening").empty());
  EXPECT_FALSE(of_rule(config_findings(vfixture("ikev2-dos-hardening.cfg")), "ikev2-dos-hardening").empty());
}

TEST(ValidatorRules, KeysNeverAppearInFindings) {
  const auto all = pair_findings(vfixture("clean-a.cfg"), vfixture("pair-psk-mirror.b.cfg"));
  ASSERT_FALSE(of_rule(all, "pair-psk-mirror").empty());
  for (const RuleFinding& f : all) {
    for (const char* key : {"KeyFromAtoB", "KeyFromBtoA", "KeyFromAtoC", "Ikev1SharedKey42"}) {
      EXPECT_EQ(f.message.find(key), std::string::npos) << f.message;
      EXPECT_EQ(f.hint.find(key), std::string::npos) << f.hint;
      for (const Location& l : f.related) EXPECT_EQ(l.label.find(key), std::string::npos);
    }
  }
  const auto psk = of_rule(all, "pair-psk-mirror");
  EXPECT_NE(psk.front().message.find("local key differs from"), std::string::npos) << psk.front().message;
}

// The duplicate-sequence rule says what was lost, and a repeated identical line is called that.
TEST(ValidatorRules, DuplicateSequenceNamesBothLines) {
  const auto f = of_rule(config_findings(vfixture("duplicate-sequence-number.cfg")), "duplicate-sequence-number");
  ASSERT_EQ(f.size(), 2u) << describe(f);  // match address and set peer
  EXPECT_NE(f[1].message.find("set peer"), std::string::npos) << f[1].message;
  EXPECT_NE(f[1].message.find("the first is lost"), std::string::npos) << f[1].message;
}

TEST(ValidatorRules, WeakCryptoHintNamesTheReplacementInTheFilesSpelling) {
  const auto f = of_rule(config_findings(vfixture("weak-crypto.cfg")), "weak-crypto");
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_NE(f[0].message.find("esp-3des"), std::string::npos) << f[0].message;
  EXPECT_NE(f[0].hint.find("esp-aes-256"), std::string::npos) << f[0].hint;
  const auto b = of_rule(config_findings(vfixture("broken-crypto.cfg")), "broken-crypto");
  ASSERT_EQ(b.size(), 1u) << describe(b);  // `hash md5` is integrity and PRF: one finding on the word
  EXPECT_NE(b[0].hint.find("sha256"), std::string::npos) << b[0].hint;
}

TEST(ValidatorRules, PairLifetimesSayWhatEachSideUses) {
  const auto f = of_rule(pair_findings(vfixture("clean-a.cfg"), vfixture("pair-lifetimes.b.cfg")), "pair-lifetimes");
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_NE(f[0].message.find("28800"), std::string::npos);
  EXPECT_NE(f[0].message.find("3600"), std::string::npos);
  EXPECT_NE(f[0].message.find("rekeyed every 3600 s"), std::string::npos) << f[0].message;
}

TEST(ValidatorRules, AclMirrorRecognisesTheCopiedAcl) {
  const auto f = of_rule(pair_findings(vfixture("clean-a.cfg"), vfixture("pair-acl-mirror.b.cfg")), "pair-acl-mirror");
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_NE(f[0].message.find("not mirror images"), std::string::npos) << f[0].message;
}

}  // namespace
}  // namespace ikeshift::validator
