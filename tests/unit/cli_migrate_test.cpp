// `ikeshift migrate l2l` as users run it: the real binary, in a temporary
// directory, with exit codes, files written, stderr messages and keys.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "test_support.h"

namespace ikeshift::cli {
namespace {

namespace fs = std::filesystem;
using test::contains;
using test::fixture;
using test::read_file;
using test::RunResult;
using test::TempDir;

class CliMigrate : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(IKESHIFT_BINARY)) << IKESHIFT_BINARY;
    fs::create_directories(scratch_);
  }

  // Runs `ikeshift migrate l2l ARGS...` in the temp dir.
  RunResult migrate(std::vector<std::string> args) {
    std::vector<std::string> argv{IKESHIFT_BINARY, "migrate", "l2l"};
    argv.insert(argv.end(), args.begin(), args.end());
    return test::run_program(argv, dir_.path(), scratch_);
  }

  // Copies a fixture into the temp dir (as `as`, default: its file name).
  std::string copy(const std::string& rel, const std::string& as = "") {
    fs::path to = dir_ / (as.empty() ? fs::path(rel).filename().string() : as);
    fs::create_directories(to.parent_path());
    fs::copy_file(fixture(rel), to, fs::copy_options::overwrite_existing);
    return fs::relative(to, dir_.path()).string();
  }

  fs::path at(const std::string& rel) const { return dir_ / rel; }

  // Names in a directory that look like an atomic-write temp file.
  static std::vector<std::string> temp_leftovers(const fs::path& d) {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(d))
      if (contains(e.path().filename().string(), ".ikeshift-")) out.push_back(e.path().string());
    return out;
  }

  // The value of ` ikev2 <side>-authentication pre-shared-key VALUE` in a config.
  static std::string key_of(const std::string& config, const std::string& side) {
    const std::string prefix = " ikev2 " + side + "-authentication pre-shared-key ";
    for (const auto& l : test::lines_of(config))
      if (l.rfind(prefix, 0) == 0) return l.substr(prefix.size());
    return {};
  }

  TempDir dir_;
  TempDir scratch_dir_;
  fs::path scratch_ = scratch_dir_.path();
};

// ---------------------------------------------------------------------------
// Exit codes
// ---------------------------------------------------------------------------

TEST_F(CliMigrate, CleanSeedExitsZeroAndPrintsTheExpectedConfig) {
  const std::string in = copy("seed004/asa1.cfg");
  RunResult r = migrate({in});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, read_file(fixture("seed004/asa1.expected.cfg")));
  EXPECT_TRUE(contains(r.err, "1 clean")) << r.err;
}

TEST_F(CliMigrate, FindingsExitOne) {
  const std::string in = copy("migrate/multi-peer.cfg");
  RunResult r = migrate({in});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(contains(r.err, "multi-peer.cfg:21:49: warning:")) << r.err;
  EXPECT_TRUE(contains(r.err, "[MIGRATE-MULTI-PEER]")) << r.err;
  EXPECT_EQ(r.out, read_file(fixture("migrate/multi-peer.expected.cfg")));
}

TEST_F(CliMigrate, BadInputsExitTwoAndNameFileLineCol) {
  struct Bad {
    std::string file;
    std::string where;  // expected "file:line:col" prefix of the error
  };
  const std::vector<Bad> bad = {
      {"empty.cfg", "empty.cfg:1:1: error:"},
      {"not-asa.yaml", "not-asa.yaml:1:1: error:"},
      {"ios.cfg", "ios.cfg:4:1: error:"},
      {"truncated-saved.cfg", "truncated-saved.cfg:28:1: error:"},
      {"truncated-midblock.cfg", "truncated-midblock.cfg:18:1: error:"},
      {"truncated-midline.cfg", "truncated-midline.cfg:14:"},
  };
  for (const auto& b : bad) {
    SCOPED_TRACE(b.file);
    const std::string in = copy("bad/" + b.file);
    // An IOS file is a migration of its own now; as ASA input it is refused.
    RunResult r = migrate({"--from", "asa", "-o", "out-" + b.file, in});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_TRUE(contains(r.err, b.where)) << r.err;
    EXPECT_TRUE(contains(r.err, "[INPUT]")) << r.err;
    EXPECT_TRUE(contains(r.err, "hint:")) << r.err;
    EXPECT_FALSE(fs::exists(at("out-" + b.file))) << "a failing input must leave no output file";
    EXPECT_TRUE(r.out.empty());
  }
  EXPECT_TRUE(temp_leftovers(dir_.path()).empty());
}

TEST_F(CliMigrate, BinaryInputExitsTwoAtTheNul) {
  std::string bytes = read_file(fixture("seed004/asa1.cfg"));
  bytes[bytes.find("hostname") + 4] = '\0';  // line 5, column 5
  test::write_file(at("binary.cfg"), bytes);
  RunResult r = migrate({"-o", "out.cfg", "binary.cfg"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(contains(r.err, "binary.cfg:5:5: error:")) << r.err;
  EXPECT_FALSE(fs::exists(at("out.cfg")));
}

TEST_F(CliMigrate, MissingInputExitsTwo) {
  RunResult r = migrate({"-o", "out.cfg", "no-such-file.cfg"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(contains(r.err, "no-such-file.cfg")) << r.err;
  EXPECT_FALSE(fs::exists(at("out.cfg")));
}

TEST_F(CliMigrate, BatchWithOneBadFileWritesTheGoodOnesAndExitsTwo) {
  copy("seed004/asa1.cfg", "batch/asa1.cfg");
  copy("migrate/several-tunnels.cfg", "batch/several-tunnels.cfg");
  copy("bad/truncated-midblock.cfg", "batch/broken.cfg");
  copy("migrate/pre84.cfg", "batch/pre84.cfg");
  RunResult r = migrate({"--out-dir", "out", "batch"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(read_file(at("out/asa1.cfg")), read_file(fixture("seed004/asa1.expected.cfg")));
  EXPECT_EQ(read_file(at("out/pre84.cfg")), read_file(fixture("migrate/pre84.expected.cfg")));
  EXPECT_FALSE(fs::exists(at("out/broken.cfg")));
  EXPECT_TRUE(contains(r.err, "broken.cfg:18:1: error:")) << r.err;
  EXPECT_TRUE(contains(r.err, "1 failed")) << r.err;
  // several-tunnels keeps its IKEv1 `hash md5` (and the IKEv2 policy copies it): the
  // validator refuses the output, and the others are still written.
  EXPECT_FALSE(fs::exists(at("out/several-tunnels.cfg")));
  EXPECT_TRUE(contains(r.err, "out/several-tunnels.cfg:")) << "findings name the output: " << r.err;
  EXPECT_TRUE(contains(r.err, "[broken-crypto]")) << r.err;
  EXPECT_TRUE(contains(r.err, "1 refused")) << r.err;
  EXPECT_TRUE(temp_leftovers(dir_.path()).empty());
}

// The validator runs on every output: errors refuse a config or patch, --force
// writes it anyway (and it is exactly the migration), a diff is still shown.
TEST_F(CliMigrate, ValidatorErrorsRefuseTheOutputUnlessForce) {
  const std::string in = copy("migrate/several-tunnels.cfg");
  RunResult refused = migrate({"-o", "out.cfg", in});
  EXPECT_EQ(refused.exit_code, 1) << refused.err;
  EXPECT_FALSE(fs::exists(at("out.cfg")));
  EXPECT_TRUE(contains(refused.err, "out.cfg:")) << refused.err;
  EXPECT_TRUE(contains(refused.err, " | ")) << "the offending output line is shown: " << refused.err;
  EXPECT_TRUE(contains(refused.err, "not written")) << refused.err;

  RunResult on_stdout = migrate({in});
  EXPECT_EQ(on_stdout.exit_code, 1);
  EXPECT_TRUE(on_stdout.out.empty()) << "a refused config is not printed either";
  EXPECT_TRUE(contains(on_stdout.err, "(migrated):")) << on_stdout.err;

  RunResult patch = migrate({"--format", "patch", in});
  EXPECT_EQ(patch.exit_code, 1);
  EXPECT_TRUE(patch.out.empty());

  RunResult forced = migrate({"--force", "-o", "out.cfg", in});
  EXPECT_EQ(forced.exit_code, 1) << forced.err;
  EXPECT_EQ(read_file(at("out.cfg")), read_file(fixture("migrate/several-tunnels.expected.cfg")));
  EXPECT_EQ(test::file_mode(at("out.cfg")), 0600u);
  EXPECT_TRUE(contains(forced.err, "written anyway (--force)")) << forced.err;

  RunResult diff = migrate({"--format", "diff", in});
  EXPECT_EQ(diff.exit_code, 1);
  EXPECT_FALSE(diff.out.empty());
}

// A project may re-grade rules for migrate l2l too (the nearest .ikeshift.yaml).
TEST_F(CliMigrate, ProjectConfigRegradesTheValidator) {
  const std::string in = copy("migrate/several-tunnels.cfg");
  test::write_file(at(".ikeshift.yaml"), "rules:\n  severity:\n    broken-crypto: warning\n");
  RunResult r = migrate({"-o", "out.cfg", in});
  // Validator warnings do not change migrate's exit code (it says how many there are).
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.err, "the validator also found")) << r.err;
  EXPECT_EQ(read_file(at("out.cfg")), read_file(fixture("migrate/several-tunnels.expected.cfg")));
  test::write_file(at(".ikeshift.yaml"), "rules:\n  disable: [no-such-rule]\n");
  RunResult bad = migrate({"-o", "out2.cfg", in});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(contains(bad.err, ".ikeshift.yaml:2:")) << bad.err;
  EXPECT_FALSE(fs::exists(at("out2.cfg")));
}

// ---------------------------------------------------------------------------
// Output files
// ---------------------------------------------------------------------------

TEST_F(CliMigrate, OutputFileIsPrivateAndAtomic) {
  const std::string in = copy("seed004/asa1.cfg");
  fs::create_directories(at("res"));
  RunResult r = migrate({"-o", "res/asa1-ikev2.cfg", in});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty()) << "with -o nothing goes to stdout";
  EXPECT_EQ(read_file(at("res/asa1-ikev2.cfg")), read_file(fixture("seed004/asa1.expected.cfg")));
  EXPECT_EQ(test::file_mode(at("res/asa1-ikev2.cfg")), 0600u);
  EXPECT_TRUE(temp_leftovers(dir_.path()).empty());
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(at("res"))) names.insert(e.path().filename().string());
  EXPECT_EQ(names, std::set<std::string>{"asa1-ikev2.cfg"});
  // The input is untouched.
  EXPECT_EQ(read_file(at(in)), read_file(fixture("seed004/asa1.cfg")));
}

TEST_F(CliMigrate, OutDirKeepsFileNames) {
  copy("migrate/crlf.cfg", "in/crlf.cfg");
  copy("migrate/non-utf8.cfg", "in/sub/non-utf8.cfg");
  copy("migrate/mixed-case.cfg", "mixed-case.cfg");
  RunResult r = migrate({"--out-dir", "out", "in", "mixed-case.cfg"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(at("out/crlf.cfg")), read_file(fixture("migrate/crlf.expected.cfg")));
  EXPECT_EQ(read_file(at("out/sub/non-utf8.cfg")), read_file(fixture("migrate/non-utf8.expected.cfg")));
  EXPECT_EQ(read_file(at("out/mixed-case.cfg")), read_file(fixture("migrate/mixed-case.expected.cfg")));
  for (const char* f : {"out/crlf.cfg", "out/sub/non-utf8.cfg", "out/mixed-case.cfg"})
    EXPECT_EQ(test::file_mode(at(f)), 0600u) << f;
  EXPECT_TRUE(temp_leftovers(dir_.path()).empty());
}

TEST_F(CliMigrate, ParallelJobsGiveTheSameOutputs) {
  const std::vector<std::string> sources = {
      "seed004/asa1.cfg",         "migrate/several-tunnels.cfg", "migrate/multi-peer.cfg",
      "migrate/dangling-refs.cfg", "migrate/crlf.cfg",           "migrate/non-utf8.cfg",
      "migrate/masked-keys.cfg",  "migrate/pre84.cfg",           "migrate/no-final-newline.cfg",
      "migrate/hex-and-encrypted-keys.cfg"};
  for (int i = 0; i < 20; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "many/f%02d.cfg", i);
    copy(sources[static_cast<size_t>(i) % sources.size()], name);
  }
  RunResult one = migrate({"-j", "1", "--out-dir", "o1", "many"});
  RunResult two = migrate({"-j", "2", "--out-dir", "o2", "many"});
  EXPECT_EQ(one.exit_code, 1) << one.err;  // multi-peer, dangling-refs and masked-keys have findings
  EXPECT_EQ(two.exit_code, one.exit_code) << two.err;
  // The validator refuses several-tunnels (md5), dangling-refs (undefined ACL and
  // transform-set) and masked-keys (keys *****): no output for those, in either run.
  const std::set<std::string> refused = {"migrate/several-tunnels.cfg", "migrate/dangling-refs.cfg",
                                         "migrate/masked-keys.cfg"};
  for (int i = 0; i < 20; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "f%02d.cfg", i);
    SCOPED_TRACE(name);
    const bool expect_refused = refused.count(sources[static_cast<size_t>(i) % sources.size()]) != 0;
    ASSERT_EQ(fs::exists(at(std::string("o1/") + name)), !expect_refused);
    ASSERT_EQ(fs::exists(at(std::string("o2/") + name)), !expect_refused);
    if (expect_refused) continue;
    EXPECT_EQ(read_file(at(std::string("o1/") + name)), read_file(at(std::string("o2/") + name)));
  }
  // The same messages, possibly in another order.
  // Validator findings name the output, which is in o1/ or o2/.
  auto sorted_lines = [](std::string s) {
    for (size_t at = s.find("o2/"); at != std::string::npos; at = s.find("o2/", at)) s.replace(at, 3, "o1/");
    auto v = test::lines_of(s);
    std::sort(v.begin(), v.end());
    return v;
  };
  EXPECT_EQ(sorted_lines(one.err), sorted_lines(two.err));
}

// ---------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------

TEST_F(CliMigrate, ReportUnknownListsTheLinesNotUnderstood) {
  std::string bytes = read_file(fixture("seed004/asa1.cfg"));
  const std::string anchor = "hostname ASA-1\n";
  bytes.insert(bytes.find(anchor) + anchor.size(), "frobnicate the widget now\n");  // line 6
  test::write_file(at("odd.cfg"), bytes);

  RunResult plain = migrate({"-o", "plain.cfg", "odd.cfg"});
  EXPECT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_TRUE(contains(plain.err, "--report-unknown")) << plain.err;
  EXPECT_FALSE(contains(plain.err, "odd.cfg:6:1:")) << plain.err;

  RunResult r = migrate({"--report-unknown", "-o", "out.cfg", "odd.cfg"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.err, "odd.cfg:6:1:")) << r.err;
  EXPECT_TRUE(contains(r.err, "frobnicate the widget now")) << r.err;
  EXPECT_TRUE(contains(r.err, "[PARSE-UNKNOWN]")) << r.err;
  // Kept verbatim in the output.
  EXPECT_TRUE(contains(read_file(at("out.cfg")), "\nfrobnicate the widget now\n"));
}

TEST_F(CliMigrate, DiffOnStdoutMasksKeysUnlessShowSecrets) {
  const std::string in = copy("seed004/asa1.cfg");
  RunResult r = migrate({"--format", "diff", in});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "+ ikev2 remote-authentication pre-shared-key *****")) << r.out;
  EXPECT_TRUE(contains(r.out, "+ ikev2 local-authentication pre-shared-key *****")) << r.out;
  EXPECT_FALSE(contains(r.out, "cisco1234")) << r.out;
  EXPECT_FALSE(contains(r.err, "cisco1234")) << r.err;
  EXPECT_FALSE(contains(r.out, "\x1b[")) << "no colour when stdout is not a terminal";

  RunResult shown = migrate({"--format", "diff", "--show-secrets", in});
  EXPECT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_TRUE(contains(shown.out, "+ ikev2 remote-authentication pre-shared-key cisco1234")) << shown.out;
  EXPECT_TRUE(contains(shown.out, "+ ikev2 local-authentication pre-shared-key cisco1234")) << shown.out;
}

TEST_F(CliMigrate, FindingsNeverPrintKeys) {
  const std::string in = copy("migrate/hex-and-encrypted-keys.cfg");
  RunResult r = migrate({"--report-unknown", "-o", "out.cfg", in});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.err, "[MIGRATE-ENCRYPTED-KEY]")) << r.err;
  for (const char* secret : {"JHbGUWT1", "6b65792d", "plain-site-c"})
    EXPECT_FALSE(contains(r.err, secret)) << r.err;
}

// ---------------------------------------------------------------------------
// Asymmetric keys
// ---------------------------------------------------------------------------

TEST_F(CliMigrate, GeneratedKeysAreMirroredBetweenPeers) {
  const std::string a = copy("seed004/asa1.cfg");
  const std::string b = copy("seed004/asa2.cfg");
  RunResult r = migrate({"--asymmetric-psk", "--generate-psk", "--peer-config", b, "--out-dir", "D", a});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_TRUE(fs::exists(at("D/asa1.cfg")));
  ASSERT_TRUE(fs::exists(at("D/asa2.cfg")));
  ASSERT_TRUE(fs::exists(at("D/ikeshift-psk.yaml")));
  EXPECT_EQ(test::file_mode(at("D/ikeshift-psk.yaml")), 0600u);
  EXPECT_EQ(test::file_mode(at("D/asa1.cfg")), 0600u);
  EXPECT_EQ(test::file_mode(at("D/asa2.cfg")), 0600u);
  EXPECT_TRUE(temp_leftovers(dir_.path()).empty());
  EXPECT_FALSE(contains(r.err, key_of(read_file(at("D/asa1.cfg")), "local"))) << "keys stay out of stderr";

  const std::string one = read_file(at("D/asa1.cfg"));
  const std::string two = read_file(at("D/asa2.cfg"));
  const std::string a_local = key_of(one, "local"), a_remote = key_of(one, "remote");
  const std::string b_local = key_of(two, "local"), b_remote = key_of(two, "remote");
  ASSERT_FALSE(a_local.empty());
  ASSERT_FALSE(a_remote.empty());
  EXPECT_EQ(a_local, b_remote);
  EXPECT_EQ(a_remote, b_local);
  EXPECT_NE(a_local, a_remote);
  EXPECT_NE(a_local, "cisco1234");
  EXPECT_NE(a_remote, "cisco1234");
  EXPECT_GE(a_local.size(), 16u);
  for (char c : a_local + a_remote) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c))) << c;
  // IKEv1 stays as it was.
  EXPECT_TRUE(contains(one, "\n ikev1 pre-shared-key cisco1234\n"));
  EXPECT_TRUE(contains(two, "\n ikev1 pre-shared-key cisco1234\n"));

  // The key file holds the same keys.
  const std::string yaml = read_file(at("D/ikeshift-psk.yaml"));
  EXPECT_TRUE(contains(yaml, a_local));
  EXPECT_TRUE(contains(yaml, a_remote));
  EXPECT_TRUE(contains(yaml, "ASA-1"));
  EXPECT_TRUE(contains(yaml, "ASA-2"));

  // Everything else is what the symmetric migration writes.
  auto without_v2_keys = [](const std::string& cfg) {
    std::string out;
    for (const auto& l : test::lines_of(cfg))
      if (!contains(l, "ikev2 local-authentication") && !contains(l, "ikev2 remote-authentication")) out += l + "\n";
    return out;
  };
  EXPECT_EQ(without_v2_keys(one), without_v2_keys(read_file(fixture("seed004/asa1.expected.cfg"))));

  // Running it again refuses to replace the key file, and writes nothing.
  RunResult again = migrate({"--asymmetric-psk", "--generate-psk", "--peer-config", b, "--out-dir", "D", a});
  EXPECT_EQ(again.exit_code, 2) << again.err;
  EXPECT_TRUE(contains(again.err, "ikeshift-psk.yaml")) << again.err;
  EXPECT_TRUE(contains(again.err, "already exists")) << again.err;
  EXPECT_EQ(read_file(at("D/ikeshift-psk.yaml")), yaml);
  EXPECT_EQ(read_file(at("D/asa1.cfg")), one);
  EXPECT_EQ(read_file(at("D/asa2.cfg")), two);
}

TEST_F(CliMigrate, PskFileKeysAreApplied) {
  const std::string in = copy("seed004/asa1.cfg");
  const std::string yaml =
      "# hand-written key file\n"
      "devices:\n"
      "  ASA-1:\n"
      "    192.168.2.2:\n"
      "      local: Hand-Local-Key-1\n"
      "      remote: Hand-Remote-Key-2\n";
  test::write_file(at("keys.yaml"), yaml);
  RunResult r = migrate({"--asymmetric-psk", "--psk-file", "keys.yaml", "-o", "out.cfg", in});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string out = read_file(at("out.cfg"));
  EXPECT_EQ(key_of(out, "local"), "Hand-Local-Key-1");
  EXPECT_EQ(key_of(out, "remote"), "Hand-Remote-Key-2");
  EXPECT_TRUE(contains(out, "\n ikev1 pre-shared-key cisco1234\n"));
  EXPECT_EQ(read_file(at("keys.yaml")), yaml) << "the key file is only read";
  EXPECT_FALSE(contains(r.err, "Hand-Local-Key-1"));
}

TEST_F(CliMigrate, PskFileByPeerSectionApplies) {
  const std::string in = copy("seed004/asa1.cfg");
  test::write_file(at("keys.yaml"), "peers:\n  192.168.2.2: {local: PeerSectionL, remote: PeerSectionR}\n");
  RunResult r = migrate({"--asymmetric-psk", "--psk-file", "keys.yaml", "-o", "out.cfg", in});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string out = read_file(at("out.cfg"));
  EXPECT_EQ(key_of(out, "local"), "PeerSectionL");
  EXPECT_EQ(key_of(out, "remote"), "PeerSectionR");
}

TEST_F(CliMigrate, MalformedKeyFileNamesFileLineCol) {
  const std::string in = copy("seed004/asa1.cfg");
  // Broken YAML syntax: an unclosed flow sequence.
  test::write_file(at("broken.yaml"), "devices:\n  ASA-1:\n    192.168.2.2: {local: abc, remote: [oops\n");
  RunResult r = migrate({"--asymmetric-psk", "--psk-file", "broken.yaml", "-o", "out.cfg", in});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(std::regex_search(r.err, std::regex("broken\\.yaml:[0-9]+:[0-9]+: "))) << r.err;
  EXPECT_FALSE(fs::exists(at("out.cfg")));

  // Valid YAML, wrong shape: a tunnel-group without its remote key.
  test::write_file(at("half.yaml"), "devices:\n  ASA-1:\n    192.168.2.2:\n      local: OnlyLocal\n");
  RunResult h = migrate({"--asymmetric-psk", "--psk-file", "half.yaml", "-o", "out.cfg", in});
  EXPECT_EQ(h.exit_code, 2) << h.err;
  EXPECT_TRUE(std::regex_search(h.err, std::regex("half\\.yaml:[0-9]+:[0-9]+: "))) << h.err;
  EXPECT_TRUE(contains(h.err, "remote")) << h.err;
  EXPECT_FALSE(fs::exists(at("out.cfg")));
}

// ---------------------------------------------------------------------------
// Usage errors
// ---------------------------------------------------------------------------

TEST_F(CliMigrate, UsageErrorsExitTwoWithAClearMessage) {
  const std::string a = copy("seed004/asa1.cfg");
  const std::string b = copy("seed004/asa2.cfg");
  test::write_file(at("keys.yaml"), "peers:\n  192.168.2.2: {local: x1, remote: x2}\n");
  struct Usage {
    std::vector<std::string> args;
    std::string says;
  };
  const std::vector<Usage> usage = {
      {{"--psk-file", "keys.yaml", a}, "--asymmetric-psk"},
      {{"--generate-psk", a}, "--asymmetric-psk"},
      {{"--asymmetric-psk", a}, "--psk-file"},
      {{"-o", "out.cfg", a, b}, "--out-dir"},
      {{"-o", "out.cfg", "--out-dir", "D", a}, "-o and --out-dir"},
      {{a, b}, "--out-dir"},
      {{"--peer-config", b, a}, "--out-dir"},
      {{"--format", "yaml", a}, "--format"},
      {{}, "inputs"},
  };
  for (const auto& u : usage) {
    std::string cmd;
    for (const auto& x : u.args) cmd += x + " ";
    SCOPED_TRACE(cmd);
    RunResult r = migrate(u.args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_TRUE(contains(r.err, u.says)) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_FALSE(fs::exists(at("out.cfg")));
    EXPECT_FALSE(fs::exists(at("D")));
  }
}

// ---------------------------------------------------------------------------
// --peer-config with symmetric keys
// ---------------------------------------------------------------------------

TEST_F(CliMigrate, PeerConfigWithDifferentIkev1KeysWarnsWithoutPrintingThem) {
  const std::string a = copy("seed004/asa1.cfg");
  std::string b_text = read_file(fixture("seed004/asa2.cfg"));
  const std::string old_key = "cisco1234";
  b_text.replace(b_text.find(old_key), old_key.size(), "other-key-99");
  test::write_file(dir_.path() / "asa2.cfg", b_text);
  RunResult r = migrate({"--peer-config", "asa2.cfg", "--out-dir", "D", a});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(contains(r.err, "[MIGRATE-PSK-MISMATCH]")) << r.err;
  EXPECT_TRUE(contains(r.err, "asa1.cfg:36:23: warning:")) << r.err;
  EXPECT_FALSE(contains(r.err, old_key)) << r.err;
  EXPECT_FALSE(contains(r.err, "other-key-99")) << r.err;
  // Both ends are still migrated.
  EXPECT_TRUE(fs::exists(dir_.path() / "D" / "asa1.cfg"));
  EXPECT_TRUE(fs::exists(dir_.path() / "D" / "asa2.cfg"));

  RunResult same = migrate({"--peer-config", copy("seed004/asa2.cfg"), "--out-dir", "E", a});
  EXPECT_EQ(same.exit_code, 0) << same.err;
  EXPECT_FALSE(contains(same.err, "MIGRATE-PSK-MISMATCH")) << same.err;
}

}  // namespace
}  // namespace ikeshift::cli
