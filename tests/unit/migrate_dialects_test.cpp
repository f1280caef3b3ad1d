// `migrate l2l` on IOS and RTX input: the expected files byte for byte, every
// original line kept, a second run changes nothing, and the result reads as
// the IKEv2 tunnel it claims to be.
#include <gtest/gtest.h>

#include "ios/ios_intent.h"
#include "ios/ios_reader.h"
#include "model/intent_compare.h"
#include "rtx/rtx_intent.h"
#include "rtx/rtx_reader.h"
#include "test_support.h"
#include "translate/migrate_any.h"

namespace ikeshift {
namespace {

asa::MigrateJobResult migrate(const std::string& name, const std::string& bytes, asa::OutputFormat format = asa::OutputFormat::Config) {
  asa::MigrateJobOptions o;
  o.format = format;
  return translate::run_migrate_job_any(text::SourceText(name, bytes), o, {});
}

// Every input line is in the output, in order, except the ones the migration
// replaces on purpose (`replaced`: the RTX's version and keepalive lines).
void expect_subsequence(const std::string& in, const std::string& out, const std::vector<std::string>& replaced) {
  const auto a = test::lines_of(in);
  const auto b = test::lines_of(out);
  size_t j = 0;
  for (const auto& l : a) {
    const std::string trimmed = l.substr(std::min(l.size(), l.find_first_not_of(' ')));
    bool may_go = false;
    for (const auto& r : replaced) may_go = may_go || trimmed.rfind(r, 0) == 0;
    if (may_go) continue;
    while (j < b.size() && b[j] != l) ++j;
    ASSERT_LT(j, b.size()) << "input line lost: '" << l << "'";
    ++j;
  }
}

struct Case {
  const char* input;
  const char* expected;
  ConfigDialect dialect;
  std::vector<std::string> replaced;
};

class MigrateDialect : public ::testing::TestWithParam<Case> {};

TEST_P(MigrateDialect, ExpectedFileUntouchedLinesAndIdempotence) {
  const Case& c = GetParam();
  const std::string bytes = test::read_file(test::fixture(c.input));
  ConfigDialect detected = ConfigDialect::Unknown;
  asa::MigrateJobOptions o;
  auto first = translate::run_migrate_job_any(text::SourceText(c.input, bytes), o, {}, &detected);
  EXPECT_EQ(detected, c.dialect);
  ASSERT_NE(first.status, asa::MigrateJobResult::Status::Failed) << format_finding(first.findings.at(0));
  EXPECT_EQ(first.output, test::read_file(test::fixture(c.expected)));
  EXPECT_TRUE(first.changed);
  expect_subsequence(bytes, first.output, c.replaced);
  auto second = migrate(c.input, first.output);
  EXPECT_FALSE(second.changed) << second.output;
  EXPECT_EQ(second.output, first.output);
  auto diff = migrate(c.input, bytes, asa::OutputFormat::Diff);
  EXPECT_FALSE(test::contains(diff.output, "cisco123")) << "keys are masked in diffs";
}

INSTANTIATE_TEST_SUITE_P(
    Dialects, MigrateDialect,
    ::testing::Values(Case{"migrate-ios/branch.cfg", "migrate-ios/branch.expected.cfg", ConfigDialect::Ios, {}},
                      Case{"migrate-rtx/rtx-ikev1.cfg", "migrate-rtx/rtx-ikev1.expected.cfg", ConfigDialect::Rtx,
                           {"ipsec ike version", "ipsec ike keepalive use"}}));

TEST(MigrateDialects, TheMigratedIosRouterRunsIkev2WithItsIkev1Algorithms) {
  const std::string out = test::read_file(test::fixture("migrate-ios/branch.expected.cfg"));
  text::SourceText src("b.cfg", out);
  auto parsed = ios::read_ios(src);
  EXPECT_EQ(parsed.stats.unknown, 0u);
  model::Intent in = model::derive_intent(parsed.config, "b.cfg");
  ASSERT_EQ(in.tunnels.size(), 1u);
  const model::Tunnel& t = in.tunnels[0];
  EXPECT_TRUE(t.ikev2);
  EXPECT_TRUE(t.ikev1);  // still answers IKEv1
  ASSERT_EQ(t.ikev2_proposals.size(), 1u);
  EXPECT_EQ(t.ikev2_proposals[0].encryption, t.ikev1_proposals[0].encryption);
  EXPECT_EQ(t.ikev2_proposals[0].integrity, t.ikev1_proposals[0].integrity);
  EXPECT_EQ(t.ikev2_proposals[0].dh_groups, t.ikev1_proposals[0].dh_groups);
  ASSERT_TRUE(t.psk.ikev2_local && t.psk.ikev1);
  EXPECT_TRUE(t.psk.ikev2_local->equals(*t.psk.ikev1));
  EXPECT_TRUE(t.psk.ikev2_remote->equals(*t.psk.ikev1));
}

TEST(MigrateDialects, TheMigratedRtxIsSeed003sIkev2Tunnel) {
  auto intent_of = [](const std::string& rel) {
    const std::string b = test::read_file(test::fixture(rel));
    text::SourceText src(rel, b);
    auto parsed = rtx::read_rtx(src);
    EXPECT_EQ(parsed.stats.unknown, 0u);
    return model::derive_intent(parsed.config, rel);
  };
  const model::Intent migrated = intent_of("migrate-rtx/rtx-ikev1.expected.cfg");
  const model::Intent reference = intent_of("seed003/rtx-ikev2.cfg");
  for (const auto& d : model::compare_intents(migrated, reference)) ADD_FAILURE() << model::describe(d);
}

TEST(MigrateDialects, AnIosFileGivenAsAsaIsRefusedWithTheReason) {
  const std::string bytes = test::read_file(test::fixture("migrate-ios/branch.cfg"));
  translate::MigrateAnyOptions any;
  any.from = ConfigDialect::Asa;
  auto r = translate::run_migrate_job_any(text::SourceText("b.cfg", bytes), {}, any);
  EXPECT_EQ(r.status, asa::MigrateJobResult::Status::Failed);
  ASSERT_FALSE(r.findings.empty());
  EXPECT_TRUE(test::contains(r.findings[0].message, "IOS")) << r.findings[0].message;
  any.from = ConfigDialect::Rtx;
  auto r2 = translate::run_migrate_job_any(text::SourceText("b.cfg", bytes), {}, any);
  EXPECT_EQ(r2.status, asa::MigrateJobResult::Status::Failed);
  EXPECT_TRUE(test::contains(r2.findings.at(0).message, "Cisco IOS")) << r2.findings[0].message;
}

}  // namespace
}  // namespace ikeshift
