// `ikeshift translate` as users run it: the real binary in a temporary
// directory; exit codes, the dialect check, outputs and their modes, batch,
// masking, and the expected translations of the seed fixtures byte for byte.
#include <gtest/gtest.h>

#include "test_support.h"

namespace ikeshift::cli {
namespace {

namespace fs = std::filesystem;
using test::contains;
using test::fixture;
using test::read_file;
using test::RunResult;
using test::TempDir;

class CliTranslate : public ::testing::Test {
 protected:
  RunResult translate(std::vector<std::string> args) {
    std::vector<std::string> argv{IKESHIFT_BINARY, "translate"};
    argv.insert(argv.end(), args.begin(), args.end());
    return test::run_program(argv, dir_.path(), scratch_.path());
  }
  std::string copy(const std::string& rel) {
    fs::path to = dir_ / fs::path(rel).filename();
    fs::copy_file(fixture(rel), to, fs::copy_options::overwrite_existing);
    return to.filename().string();
  }
  TempDir dir_;
  TempDir scratch_;
};

struct Expected {
  const char* input;
  std::vector<std::string> args;
  const char* expected;
};

// The expected translations under fixtures/translate/ (see its README).
TEST_F(CliTranslate, SeedFixturesTranslateToTheExpectedFiles) {
  const std::vector<Expected> cases = {
      {"seed004/asa1.expected.cfg", {"--to", "ios"}, "translate/asa1-to-ios.cfg"},
      {"seed004/asa1.expected.cfg", {"--to", "rtx", "--ike", "v2"}, "translate/asa1-to-rtx.cfg"},
      {"seed004/asa2.expected.cfg", {"--to", "swanctl"}, "translate/asa2-to-swanctl.conf"},
      {"seed002/spoke1.cfg", {"--to", "asa"}, "translate/spoke1-to-asa.cfg"},
      {"seed003/rtx-ikev2.cfg", {"--to", "asa"}, "translate/rtx-to-asa.cfg"},
      {"seed003/rtx-ikev2.cfg", {"--to", "ios"}, "translate/rtx-to-ios.cfg"},
  };
  for (const Expected& c : cases) {
    SCOPED_TRACE(c.expected);
    const std::string in = copy(c.input);
    std::vector<std::string> args = c.args;
    args.push_back("-q");
    args.push_back(in);
    RunResult r = translate(args);
    EXPECT_NE(r.exit_code, 2) << r.err;
    // RTX and swanctl outputs name the input file (as given) in their first line.
    std::string expected = read_file(fixture(c.expected));
    EXPECT_EQ(r.out, expected) << r.err;
  }
}

TEST_F(CliTranslate, ExitCodesCleanFindingsAndFailed) {
  const std::string asa = copy("seed004/asa1.expected.cfg");
  RunResult clean = translate({"--to", "swanctl", asa});
  EXPECT_EQ(clean.exit_code, 0) << clean.err;
  EXPECT_TRUE(contains(clean.err, "1 clean")) << clean.err;

  RunResult lossy = translate({"--to", "rtx", asa});  // the RTX cannot hold IKEv1 fallback and 4608000 KB
  EXPECT_EQ(lossy.exit_code, 1) << lossy.err;
  EXPECT_TRUE(contains(lossy.err, "[TRANSLATE-NOT-EXPRESSIBLE]")) << lossy.err;

  RunResult wrong = translate({"--from", "ios", "--to", "asa", asa});
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_TRUE(contains(wrong.err, "not a Cisco IOS configuration")) << wrong.err;
  EXPECT_TRUE(contains(wrong.err, "Cisco ASA")) << wrong.err;

  fs::path empty = dir_ / "empty.cfg";
  test::write_file(empty, "");
  RunResult e = translate({"--to", "asa", "empty.cfg"});
  EXPECT_EQ(e.exit_code, 2);
  EXPECT_TRUE(contains(e.err, "empty.cfg:1:1: error:")) << e.err;

  RunResult bad = translate({"--to", "junos", asa});
  EXPECT_EQ(bad.exit_code, 2);
}

TEST_F(CliTranslate, OutputsAreWrittenPrivateAndBatchesUseOutDir) {
  const std::string a = copy("seed004/asa1.expected.cfg");
  const std::string b = copy("seed002/spoke2.cfg");
  RunResult one = translate({"--to", "ios", "-o", "r.cfg", a});
  EXPECT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(test::file_mode(dir_ / "r.cfg"), 0600u);
  EXPECT_TRUE(contains(read_file(dir_ / "r.cfg"), "pre-shared-key cisco1234"));

  RunResult batch = translate({"--to", "swanctl", "--out-dir", "out", "-j", "2", a, b});
  EXPECT_NE(batch.exit_code, 2) << batch.err;
  EXPECT_TRUE(fs::exists(dir_ / "out" / "asa1.expected.swanctl.conf"));
  EXPECT_TRUE(fs::exists(dir_ / "out" / "spoke2.swanctl.conf"));
  EXPECT_EQ(test::file_mode(dir_ / "out" / "spoke2.swanctl.conf"), 0600u);
  EXPECT_TRUE(contains(batch.err, "2 files")) << batch.err;

  RunResult no_dir = translate({"--to", "ios", a, b});
  EXPECT_EQ(no_dir.exit_code, 2);
  EXPECT_TRUE(contains(no_dir.err, "--out-dir")) << no_dir.err;
}

TEST_F(CliTranslate, DiffMasksKeysUnlessAskedAndPatchIsFramed) {
  const std::string a = copy("seed004/asa1.expected.cfg");
  RunResult diff = translate({"--to", "asa", "--format", "diff", a});
  EXPECT_NE(diff.exit_code, 2) << diff.err;
  EXPECT_TRUE(contains(diff.out, "--- a/"));
  EXPECT_FALSE(contains(diff.out, "cisco1234")) << diff.out;
  EXPECT_TRUE(contains(diff.out, "*****"));
  RunResult shown = translate({"--to", "asa", "--format", "diff", "--show-secrets", a});
  EXPECT_TRUE(contains(shown.out, "cisco1234"));
  RunResult patch = translate({"--to", "ios", "--format", "patch", a});
  EXPECT_EQ(patch.out.rfind("configure terminal\n", 0), 0u) << patch.out;
  EXPECT_TRUE(contains(patch.out, "\nend\n"));
  RunResult swan_patch = translate({"--to", "swanctl", "--format", "patch", a});
  EXPECT_EQ(swan_patch.exit_code, 2);
}

TEST_F(CliTranslate, TheDialectIsDetectedAndUnknownLinesAreListed) {
  const std::string r = copy("seed003/rtx-ikev2.cfg");
  test::write_file(dir_ / "odd.cfg", read_file(dir_ / r) + "frobnicate all the things\n");
  RunResult out = translate({"--to", "asa", "--report-unknown", "odd.cfg"});
  EXPECT_NE(out.exit_code, 2) << out.err;
  EXPECT_TRUE(contains(out.err, "odd.cfg:")) << out.err;
  EXPECT_TRUE(contains(out.err, "[PARSE-UNKNOWN]")) << out.err;
  EXPECT_TRUE(contains(out.out, "crypto map outside_map 1 set peer 192.168.1.1")) << out.out;
}

// `migrate l2l` on IOS and RTX input through the binary: detected, migrated to
// the expected file, the RTX patch framed for the console, and --from checked.
// swanctl.conf in: detected or --from swanctl, back to ASA and to itself.
TEST_F(CliTranslate, SwanctlConfIsReadToo) {
  const std::string swan = copy("translate/asa2-to-swanctl.conf");
  RunResult asa = translate({"--to", "asa", swan});
  EXPECT_EQ(asa.exit_code, 1) << asa.err;  // the interface's netmask is not in a swanctl.conf (a finding)
  EXPECT_TRUE(contains(asa.out, "crypto map outside_map 10 set peer 192.168.1.1")) << asa.out;
  EXPECT_TRUE(contains(asa.out, " ikev2 local-authentication pre-shared-key cisco1234")) << asa.out;
  EXPECT_TRUE(contains(asa.err, "[TRANSLATE-NO-NETMASK]")) << asa.err;
  RunResult same = translate({"--from", "swanctl", "--to", "swanctl", swan});
  EXPECT_EQ(same.exit_code, 0) << same.err;
  // The same connection, written again (only the first line names the input).
  const std::string original = read_file(dir_ / swan);
  EXPECT_EQ(same.out.substr(same.out.find('\n')), original.substr(original.find('\n')));
  RunResult wrong = translate({"--from", "swanctl", "--to", "asa", copy("seed002/spoke1.cfg")});
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_TRUE(contains(wrong.err, "not a strongSwan swanctl.conf configuration")) << wrong.err;
}

TEST_F(CliTranslate, MigrateL2lTakesIosAndRtxInput) {
  auto migrate = [&](std::vector<std::string> args) {
    std::vector<std::string> argv{IKESHIFT_BINARY, "migrate", "l2l"};
    argv.insert(argv.end(), args.begin(), args.end());
    return test::run_program(argv, dir_.path(), scratch_.path());
  };
  const std::string ios = copy("migrate-ios/branch.cfg");
  RunResult r = migrate({"-o", "branch-v2.cfg", ios});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(dir_ / "branch-v2.cfg"), read_file(fixture("migrate-ios/branch.expected.cfg")));
  EXPECT_EQ(test::file_mode(dir_ / "branch-v2.cfg"), 0600u);

  const std::string rtx = copy("migrate-rtx/rtx-ikev1.cfg");
  RunResult patch = migrate({"--format", "patch", rtx});
  EXPECT_EQ(patch.exit_code, 1) << patch.err;  // the RTX switches version: a warning
  EXPECT_TRUE(contains(patch.err, "[MIGRATE-RTX-SWITCHES-VERSION]")) << patch.err;
  EXPECT_TRUE(contains(patch.out, "tunnel select 1\nipsec ike version 1 2\n")) << patch.out;
  EXPECT_TRUE(contains(patch.out, "tunnel select none\nsave\n")) << patch.out;

  RunResult wrong = migrate({"--from", "rtx", ios});
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_TRUE(contains(wrong.err, "not a Yamaha RTX configuration")) << wrong.err;
}

}  // namespace
}  // namespace ikeshift::cli
