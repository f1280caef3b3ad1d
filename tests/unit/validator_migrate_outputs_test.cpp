// The validator on every `migrate l2l` expected output (fixtures/migrate/,
// fixtures/seed004/): exactly these carry errors, so `migrate l2l` refuses them
// without --force. Each is a fixture that pins a migration case on purpose,
// and in each the rule is right (see fixtures/migrate/README.md):
//  - dangling-refs: the undefined ACL and transform-set stay undefined after migration;
//  - masked-keys: keys copied from `show run` as ***** cannot be deployed;
//  - several-tunnels: `hash md5` (IKEv1 and the IKEv2 policy copied from it) and
//    esp-md5-hmac are broken crypto.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "validator_test_support.h"

namespace ikeshift::validator {
namespace {

using namespace test_support;
namespace fs = std::filesystem;

TEST(ValidatorOnMigrateOutputs, OnlyTheFixturesThatPinErrorCasesHaveErrors) {
  const std::map<std::string, std::set<std::string>> expected_errors = {
      {"dangling-refs.expected.cfg", {"undefined-acl", "undefined-transform-set"}},
      {"masked-keys.expected.cfg", {"masked-key"}},
      {"several-tunnels.expected.cfg", {"broken-crypto"}},
  };
  std::vector<fs::path> outputs;
  for (const char* dir : {"migrate", "seed004"})
    for (const auto& e : fs::directory_iterator(test::fixture(dir)))
      if (e.path().string().find(".expected.cfg") != std::string::npos) outputs.push_back(e.path());
  ASSERT_GT(outputs.size(), 10u);
  const ProjectConfig defaults;
  for (const fs::path& p : outputs) {
    SCOPED_TRACE(p.filename().string());
    std::set<std::string> errors;
    for (const RuleFinding& f : config_findings(p.string(), defaults))
      if (f.severity == Severity::Error) errors.insert(f.rule);
    auto it = expected_errors.find(p.filename().string());
    EXPECT_EQ(errors, it == expected_errors.end() ? std::set<std::string>{} : it->second);
  }
}

// The seed 004 pair after migration of both ends is a working IKEv2 pair: no
// errors, and the pair rules agree (mirrored ACLs, a common proposal, keys).
TEST(ValidatorOnMigrateOutputs, TheMigratedSeedPairHasNoPairErrors) {
  const auto a = test::fixture("seed004/asa1.expected.cfg").string();
  const auto b = test::fixture("seed004/asa2.cfg").string();
  const auto findings = pair_findings(a, b, ProjectConfig{});
  for (const RuleFinding& f : findings) EXPECT_NE(f.severity, Severity::Error) << describe({f});
  // asa2 is not migrated yet: the one-sided IKEv2 warning says so.
  EXPECT_FALSE(of_rule(findings, "pair-ikev2-one-sided").empty()) << describe(findings);
}

}  // namespace
}  // namespace ikeshift::validator
