// `ikeshift validate` end to end: exit codes (0 / 1 / 2 and --fail-on),
// formats, -o, --pair, --inventory, .ikeshift.yaml (found upward, errors with
// file:line:col), and inputs that cannot be validated.
#include <gtest/gtest.h>

#include "validator_test_support.h"

namespace ikeshift::validator {
namespace {

using test::contains;
using test::RunResult;
namespace fs = std::filesystem;

class CliValidate : public ::testing::Test {
 protected:
  test::TempDir dir_;
  test::TempDir scratch_;

  std::string copy(const std::string& rel, const std::string& as = "") {
    const fs::path to = dir_ / (as.empty() ? fs::path(rel).filename().string() : as);
    fs::create_directories(to.parent_path());
    fs::copy_file(test::fixture(rel), to, fs::copy_options::overwrite_existing);
    return fs::relative(to, dir_.path()).string();
  }
  RunResult validate(std::vector<std::string> args) {
    std::vector<std::string> argv{IKESHIFT_BINARY, "validate"};
    argv.insert(argv.end(), args.begin(), args.end());
    return test::run_program(argv, dir_.path(), scratch_.path());
  }
};

TEST_F(CliValidate, CleanPairExitsZero) {
  const auto a = copy("validator/clean-a.cfg");
  const auto b = copy("validator/clean-b.cfg");
  RunResult r = validate({"--pair", a, b});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "validate: 2 files, 1 pair: 0 errors, 0 warnings, 0 infos")) << r.out;
}

TEST_F(CliValidate, ErrorsExitOneWarningsOnlyWithFailOnWarning) {
  const auto bad = copy("validator/undefined-acl.cfg");
  RunResult r = validate({bad});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(contains(r.out, "undefined-acl.cfg:23:33: error:")) << r.out;
  const auto weak = copy("validator/weak-crypto.cfg");
  EXPECT_EQ(validate({weak}).exit_code, 0);
  EXPECT_EQ(validate({"--fail-on", "warning", weak}).exit_code, 1);
  EXPECT_EQ(validate({"--fail-on", "error", weak}).exit_code, 0);
}

TEST_F(CliValidate, InputsThatCannotBeValidatedExitTwo) {
  // An IOS file named as ASA (--from asa) cannot be validated as one.
  const auto ios = copy("bad/ios.cfg");
  RunResult r = validate({"--from", "asa", ios, copy("validator/clean-a.cfg")});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_TRUE(contains(r.out, "ios.cfg:")) << r.out;
  EXPECT_TRUE(contains(r.out, "not an ASA configuration")) << r.out;
  EXPECT_TRUE(contains(r.out, "1 file could not be validated")) << r.out;
  EXPECT_EQ(validate({"missing.cfg"}).exit_code, 2);
  EXPECT_EQ(validate({}).exit_code, 2);
  EXPECT_EQ(validate({"--format", "xml", "x.cfg"}).exit_code, 2);
  EXPECT_EQ(validate({"--pair", "only-one.cfg"}).exit_code, 2);
}

TEST_F(CliValidate, FormatsGoToStdoutOrAtomicallyToAFile) {
  const auto a = copy("validator/clean-a.cfg");
  const auto b = copy("validator/pair-pfs.b.cfg");
  for (const char* format : {"json", "sarif", "junit"}) {
    SCOPED_TRACE(format);
    RunResult r = validate({"--format", format, "--pair", a, b});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.out, "pair-pfs")) << r.out;
    const std::string out = std::string("report.") + format;
    RunResult f = validate({"--format", format, "-o", out, "--pair", a, b});
    EXPECT_EQ(f.exit_code, 1);
    EXPECT_TRUE(f.out.empty());
    EXPECT_EQ(test::read_file(dir_ / out), r.out);
    EXPECT_TRUE(contains(f.err, "1 error(s)")) << f.err;
  }
  RunResult sarif = validate({"--format", "sarif", "--pair", a, b});
  EXPECT_TRUE(contains(sarif.out, "\"version\":\"2.1.0\"")) << sarif.out;
  RunResult junit = validate({"--format", "junit", "--pair", a, b});
  EXPECT_TRUE(contains(junit.out, "<testcase name=\"pair-pfs\"")) << junit.out;
}

TEST_F(CliValidate, InventoryPairsEveryDeviceWithItsPeers) {
  copy("validator/clean-a.cfg", "configs/a.cfg");
  copy("validator/clean-b.cfg", "configs/b.cfg");
  copy("validator/pair-psk-mirror.b.cfg", "configs/b-wrong.cfg");
  test::write_file(dir_ / "vpn.yaml",
                   "devices:\n"
                   "  - {name: a, config: configs/a.cfg, peer: [b, bw]}\n"
                   "  - {name: b, config: configs/b.cfg, peer: a}\n"
                   "  - {name: bw, config: configs/b-wrong.cfg}\n");
  RunResult r = validate({"--inventory", "vpn.yaml", "--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "\"pairs\":2")) << r.out;  // a-b once, a-bw
  EXPECT_TRUE(contains(r.out, "\"pair\":[\"configs/a.cfg\",\"configs/b-wrong.cfg\"]")) << r.out;
  test::write_file(dir_ / "bad.yaml", "devices:\n  - {name: a, config: configs/a.cfg, peer: nobody}\n");
  RunResult bad = validate({"--inventory", "bad.yaml"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(contains(bad.err, "bad.yaml:2:")) << bad.err;
  EXPECT_TRUE(contains(bad.err, "nobody")) << bad.err;
}

// Any dialect, detected or named, in --pair and in an inventory.
TEST_F(CliValidate, OtherDialectsAreDetectedNamedAndPairedWithAnAsa) {
  const auto a = copy("validator/clean-a.cfg");
  const auto ios = copy("validator/cross/clean-b.ios.cfg");
  const auto swan = copy("validator/cross/clean-b.swanctl.conf");
  RunResult r = validate({"--pair", a, ios, "--pair", a, swan});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "validate: 3 files, 2 pairs: 0 errors, 0 warnings, 0 infos")) << r.out;
  const auto bad = copy("validator/cross/pair-psk-mirror.swanctl.conf");
  RunResult broken = validate({"--pair", a, bad});
  EXPECT_EQ(broken.exit_code, 1) << broken.out;
  EXPECT_TRUE(contains(broken.out, "[pair-psk-mirror]")) << broken.out;
  EXPECT_TRUE(contains(broken.out, "pair-psk-mirror.swanctl.conf:39:14: note:")) << broken.out;
  EXPECT_EQ(validate({"--from", "rtx", swan}).exit_code, 2);
  test::write_file(dir_ / "vpn.yaml",
                   "devices:\n"
                   "  - {name: a, config: clean-a.cfg, peer: [gw]}\n"
                   "  - {name: gw, config: clean-b.swanctl.conf, dialect: swanctl}\n");
  EXPECT_EQ(validate({"--inventory", "vpn.yaml"}).exit_code, 0);
  test::write_file(dir_ / "wrong.yaml", "devices:\n  - {name: gw, config: clean-b.swanctl.conf, dialect: junos}\n");
  RunResult wrong = validate({"--inventory", "wrong.yaml"});
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_TRUE(contains(wrong.err, "wrong.yaml:2:") && contains(wrong.err, "junos")) << wrong.err;
}

TEST_F(CliValidate, ProjectConfigIsFoundUpwardAndRegradesRules) {
  copy("validator/weak-crypto.cfg", "site/weak-crypto.cfg");
  test::write_file(dir_ / ".ikeshift.yaml", "rules:\n  severity:\n    weak-crypto: error\n");
  RunResult r = validate({"site/weak-crypto.cfg"});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(contains(r.out, "error: encryption esp-3des")) << r.out;
  EXPECT_EQ(validate({"--no-project-config", "site/weak-crypto.cfg"}).exit_code, 0);
  test::write_file(dir_ / "off.yaml", "rules:\n  disable: [weak-crypto]\nfail-on: warning\n");
  EXPECT_EQ(validate({"--project-config", "off.yaml", "site/weak-crypto.cfg"}).exit_code, 0);
  test::write_file(dir_ / "typo.yaml", "rules:\n  severity:\n    weak-crypto: fatal\n");
  RunResult typo = validate({"--project-config", "typo.yaml", "site/weak-crypto.cfg"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_TRUE(contains(typo.err, "typo.yaml:3:18: error: 'fatal' is not error, warning or info")) << typo.err;
  test::write_file(dir_ / "unknown.yaml", "rulez: {}\n");
  RunResult unknown = validate({"--project-config", "unknown.yaml", "site/weak-crypto.cfg"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_TRUE(contains(unknown.err, "unknown.yaml:1:1: error: unknown key 'rulez'")) << unknown.err;
}

TEST_F(CliValidate, DirectoriesAreSearched) {
  copy("validator/clean-a.cfg", "all/a.cfg");
  copy("validator/masked-key.cfg", "all/sub/m.cfg");
  RunResult r = validate({"all"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.out, "validate: 2 files")) << r.out;
  EXPECT_TRUE(contains(r.out, "[masked-key]")) << r.out;
}

}  // namespace
}  // namespace ikeshift::validator
