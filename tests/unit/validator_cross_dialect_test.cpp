// The validator on every dialect and across dialects: ASA <-> IOS, ASA <-> RTX
// and ASA <-> strongSwan swanctl.conf. Each pair has a clean counterpart of
// fixtures/validator/clean-a.cfg (written by `ikeshift translate` from
// clean-b.cfg, in fixtures/validator/cross/) on which no rule fires, and
// fixtures that break one thing each: a key not mirrored, a selector that is
// not the mirror image, IKE proposals with no intersection. Every finding
// points into one file and names the other file's line as related.
#include <gtest/gtest.h>

#include "validator_test_support.h"

namespace ikeshift::validator {
namespace {

using namespace test_support;
namespace fs = std::filesystem;

std::string cross(const std::string& name) { return vfixture("cross/" + name); }

struct CrossTrigger {
  std::string rule;
  std::string a;          // the ASA side (under fixtures/validator/)
  std::string b;          // the other dialect (under fixtures/validator/cross/)
  std::string where;      // the file the finding must point at (file name)
  uint32_t line;          // 1-based
  std::string related;    // the file the related location must be in
  uint32_t related_line;  // and its line
};

const std::vector<CrossTrigger>& cross_triggers() {
  static const std::vector<CrossTrigger> t = {
      // IOS: the keyring's remote key, the ACL line, the proposal's encryption.
      {"pair-psk-mirror", "clean-a.cfg", "pair-psk-mirror.ios.cfg", "clean-a.cfg", 52, "pair-psk-mirror.ios.cfg", 25},
      {"pair-acl-mirror", "clean-a.cfg", "pair-acl-mirror.ios.cfg", "pair-acl-mirror.ios.cfg", 47, "clean-a.cfg", 23},
      {"pair-ike-proposals", "clean-a.cfg", "pair-ike-proposals.ios.cfg", "clean-a.cfg", 30, "pair-ike-proposals.ios.cfg", 13},
      // RTX: one key for both directions, the remote id, `ipsec ike encryption`.
      {"pair-psk-mirror", "cross/asa-a-one-key.cfg", "pair-psk-mirror.rtx.cfg", "asa-a-one-key.cfg", 53,
       "pair-psk-mirror.rtx.cfg", 18},
      {"pair-acl-mirror", "cross/asa-a-one-key.cfg", "pair-acl-mirror.rtx.cfg", "pair-acl-mirror.rtx.cfg", 21,
       "asa-a-one-key.cfg", 23},
      {"pair-ike-proposals", "cross/asa-a-one-key.cfg", "pair-ike-proposals.rtx.cfg", "asa-a-one-key.cfg", 31,
       "pair-ike-proposals.rtx.cfg", 6},
      // swanctl.conf: the secret bound to its own id, remote_ts, proposals.
      {"pair-psk-mirror", "clean-a.cfg", "pair-psk-mirror.swanctl.conf", "clean-a.cfg", 52, "pair-psk-mirror.swanctl.conf", 39},
      {"pair-acl-mirror", "clean-a.cfg", "pair-acl-mirror.swanctl.conf", "pair-acl-mirror.swanctl.conf", 20, "clean-a.cfg", 23},
      {"pair-ike-proposals", "clean-a.cfg", "pair-ike-proposals.swanctl.conf", "clean-a.cfg", 30,
       "pair-ike-proposals.swanctl.conf", 7},
  };
  return t;
}

std::string a_path(const CrossTrigger& t) { return vfixture(t.a); }

TEST(ValidatorCrossDialect, EachDialectIsReadAsItselfAndItsCleanFilesTriggerNoRule) {
  struct Clean {
    const char* file;
    ConfigDialect dialect;
  };
  for (const Clean& c : {Clean{"clean-b.ios.cfg", ConfigDialect::Ios}, Clean{"clean-b.rtx.cfg", ConfigDialect::Rtx},
                         Clean{"clean-b.swanctl.conf", ConfigDialect::Swanctl}, Clean{"asa-a-one-key.cfg", ConfigDialect::Asa}}) {
    SCOPED_TRACE(c.file);
    auto loaded = load_config(cross(c.file), c.file);
    ASSERT_FALSE(loaded->failure) << loaded->failure->message;
    EXPECT_EQ(loaded->dialect, c.dialect);
    EXPECT_EQ(loaded->intent.tunnels.size(), 1u);
    const auto f = check_config(*loaded, all_rules_on());
    EXPECT_TRUE(f.empty()) << describe(f);
  }
}

TEST(ValidatorCrossDialect, TheCleanPairsTriggerNoPairRuleEitherWay) {
  for (auto [a, b] : {std::pair<std::string, std::string>{vfixture("clean-a.cfg"), cross("clean-b.ios.cfg")},
                      {vfixture("clean-a.cfg"), cross("clean-b.swanctl.conf")},
                      {cross("asa-a-one-key.cfg"), cross("clean-b.rtx.cfg")}}) {
    SCOPED_TRACE(b);
    const auto ab = pair_findings(a, b);
    const auto ba = pair_findings(b, a);
    EXPECT_TRUE(ab.empty()) << describe(ab);
    EXPECT_TRUE(ba.empty()) << describe(ba);
  }
}

TEST(ValidatorCrossDialect, EachBrokenFixtureTriggersItsRuleWithSpansInBothFiles) {
  for (const CrossTrigger& t : cross_triggers()) {
    SCOPED_TRACE(t.rule + " " + t.b);
    const auto all = pair_findings(a_path(t), cross(t.b));
    const auto mine = of_rule(all, t.rule);
    ASSERT_FALSE(mine.empty()) << describe(all);
    bool found = false;
    for (const RuleFinding& f : mine) {
      if (fs::path(f.where.file).filename() != t.where || f.where.span.line != t.line) continue;
      found = true;
      EXPECT_EQ(f.severity, find_rule(t.rule)->severity);
      EXPECT_FALSE(f.hint.empty());
      ASSERT_FALSE(f.related.empty()) << format_location(f.where);
      EXPECT_EQ(fs::path(f.related.front().file).filename(), t.related);
      EXPECT_EQ(f.related.front().span.line, t.related_line) << format_location(f.related.front());
    }
    EXPECT_TRUE(found) << "no " << t.rule << " at " << t.where << ":" << t.line << "; got:\n" << describe(mine);
    // Swapped, the rule still fires.
    EXPECT_FALSE(of_rule(pair_findings(cross(t.b), a_path(t)), t.rule).empty());
    // Only the rule that was broken (and, for weak algorithms, the crypto grades).
    for (const RuleFinding& f : all) {
      EXPECT_TRUE(f.rule == t.rule || f.rule == "weak-crypto") << format_location(f.where) << " [" << f.rule << "] " << f.message;
    }
  }
}

TEST(ValidatorCrossDialect, KeysNeverAppearInCrossDialectFindings) {
  for (const char* b : {"pair-psk-mirror.ios.cfg", "pair-psk-mirror.swanctl.conf"}) {
    for (const RuleFinding& f : pair_findings(vfixture("clean-a.cfg"), cross(b))) {
      for (const char* key : {"KeyFromAtoB", "KeyFromBtoA", "KeyFromAtoX"}) {
        EXPECT_EQ(f.message.find(key), std::string::npos) << f.message;
        EXPECT_EQ(f.hint.find(key), std::string::npos) << f.hint;
      }
    }
  }
}

TEST(ValidatorCrossDialect, TheDialectCanBeNamedAndAWrongNameIsAnInputFailure) {
  auto as_ios = load_config(cross("clean-b.swanctl.conf"), "x.conf", ConfigDialect::Ios);
  ASSERT_TRUE(as_ios->failure);
  EXPECT_NE(as_ios->failure->message.find("not a Cisco IOS configuration"), std::string::npos) << as_ios->failure->message;
  auto as_asa = load_config(cross("clean-b.rtx.cfg"), "x.cfg", ConfigDialect::Asa);
  ASSERT_TRUE(as_asa->failure);
  EXPECT_NE(as_asa->failure->message.find("not an ASA configuration"), std::string::npos) << as_asa->failure->message;
  auto named = load_config(cross("clean-b.rtx.cfg"), "x.cfg", ConfigDialect::Rtx);
  EXPECT_FALSE(named->failure);
}

// Lines a dialect's reader does not understand are reported for every dialect.
TEST(ValidatorCrossDialect, UnrecognisedLinesAreReportedInEveryDialect) {
  const std::string text = test::read_file(cross("clean-b.swanctl.conf"));
  const std::string typo = text.substr(0, text.find("    dpd_delay")) + "    dpd_dealy = 10s\n" +
                           text.substr(text.find("    dpd_delay"));
  auto c = load_config(text::SourceText("typo.conf", typo), "typo.conf");
  ASSERT_FALSE(c->failure);
  const auto f = of_rule(check_config(*c, all_rules_on()), "unrecognised-line");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].where.span.line, 9u);
  EXPECT_NE(f[0].message.find("dpd_dealy"), std::string::npos);
}

}  // namespace
}  // namespace ikeshift::validator
