// `migrate l2l` validates its IOS and RTX output as it validates an ASA's: the
// migrated text is read as the input's dialect, checked with that dialect's
// rules and the dialect-neutral ones, and refused on errors unless --force
// (a diff is still shown). The same check runs through the CLI (cli_migrate).
#include <gtest/gtest.h>

#include "test_support.h"
#include "translate/migrate_any.h"
#include "validator/migrate_check.h"

namespace ikeshift {
namespace {

asa::MigrateJobResult migrate(const std::string& name, const std::string& text, bool force,
                              asa::OutputFormat format = asa::OutputFormat::Config) {
  text::SourceText src(name, text);
  asa::MigrateJobOptions o;
  o.format = format;
  o.force = force;
  ConfigDialect seen = ConfigDialect::Unknown;
  o.check_output = [&seen](const text::SourceText& out, const std::string& n, ConfigDialect d) {
    seen = d;
    return validator::check_migrated(out, n, d, validator::ProjectConfig{}, false);
  };
  asa::MigrateJobResult r = translate::run_migrate_job_any(src, o, translate::MigrateAnyOptions{});
  EXPECT_NE(seen, ConfigDialect::Unknown) << "the check ran";
  EXPECT_NE(seen, ConfigDialect::Asa) << "read as the input's dialect";
  return r;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(MigrateDialectsValidated, CleanIosAndRtxOutputsAreWrittenAfterTheCheck) {
  for (const char* f : {"migrate-ios/branch.cfg", "migrate-rtx/rtx-ikev1.cfg"}) {
    SCOPED_TRACE(f);
    asa::MigrateJobResult r = migrate(f, test::read_file(test::fixture(f)), false);
    ASSERT_TRUE(r.output_check);
    EXPECT_EQ(r.output_check->errors, 0u) << r.output_check->report;
    EXPECT_FALSE(r.refused);
    const std::string expected = test::read_file(test::fixture(std::string(f).replace(std::string(f).size() - 4, 4, ".expected.cfg")));
    EXPECT_EQ(r.output, expected);  // the same bytes as without the validator
  }
}

TEST(MigrateDialectsValidated, IosOutputWithValidatorErrorsIsRefusedUnlessForced) {
  // MD5 is copied into the new IKEv2 proposal: broken-crypto (error) in the output.
  const std::string ios = replaced(test::read_file(test::fixture("migrate-ios/branch.cfg")), " hash sha\n", " hash md5\n");
  asa::MigrateJobResult refused = migrate("branch.cfg", ios, false);
  ASSERT_TRUE(refused.output_check);
  EXPECT_GT(refused.output_check->errors, 0u);
  EXPECT_TRUE(refused.refused);
  EXPECT_TRUE(refused.output.empty());
  EXPECT_NE(refused.output_check->report.find("[broken-crypto]"), std::string::npos) << refused.output_check->report;
  EXPECT_NE(refused.output_check->report.find("branch.cfg (migrated):"), std::string::npos) << refused.output_check->report;
  asa::MigrateJobResult forced = migrate("branch.cfg", ios, true);
  EXPECT_FALSE(forced.refused);
  EXPECT_NE(forced.output.find("crypto ikev2 proposal"), std::string::npos);
  asa::MigrateJobResult diff = migrate("branch.cfg", ios, false, asa::OutputFormat::Diff);
  EXPECT_FALSE(diff.refused);
  EXPECT_FALSE(diff.output.empty());
}

TEST(MigrateDialectsValidated, RtxOutputWithValidatorErrorsIsRefusedUnlessForced) {
  const std::string rtx = replaced(test::read_file(test::fixture("migrate-rtx/rtx-ikev1.cfg")), "ipsec use on\n", "ipsec use off\n");
  asa::MigrateJobResult refused = migrate("rtx.cfg", rtx, false, asa::OutputFormat::Patch);
  ASSERT_TRUE(refused.output_check);
  EXPECT_TRUE(refused.refused);
  EXPECT_NE(refused.output_check->report.find("[rtx-ipsec-use-off]"), std::string::npos) << refused.output_check->report;
  asa::MigrateJobResult forced = migrate("rtx.cfg", rtx, true, asa::OutputFormat::Patch);
  EXPECT_FALSE(forced.refused);
  EXPECT_NE(forced.output.find("ipsec ike version 1 2"), std::string::npos) << forced.output;
}

TEST(MigrateDialectsValidated, SwanctlInputIsRefusedWithTheReason) {
  text::SourceText src("gw.conf", test::read_file(test::fixture("translate/asa2-to-swanctl.conf")));
  asa::MigrateJobResult r = translate::run_migrate_job_any(src, {}, {});
  EXPECT_EQ(r.status, asa::MigrateJobResult::Status::Failed);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_NE(r.findings[0].message.find("swanctl.conf"), std::string::npos);
  EXPECT_NE(r.findings[0].hint.find("translate --from swanctl"), std::string::npos);
}

}  // namespace
}  // namespace ikeshift
