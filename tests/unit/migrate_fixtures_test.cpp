// `migrate l2l` against hand-written fixture pairs (fixtures/migrate/*.cfg and
// their *.expected.cfg), the seed 004 pair and the bad inputs (fixtures/bad/).
//
// Every expected file was written by hand from seed 004 and
// /work/shared/notes/asa-facts.md, not copied from the tool's output. Cases
// that once caught a tool bug carry a `tool_bug` note naming it (shown when
// the test fails): the expectation is what the ASA would print.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "asa/migrate_job.h"
#include "test_support.h"

namespace ikeshift::asa {
namespace {

namespace fs = std::filesystem;
using test::contains;
using test::fixture;
using test::lines_of;
using test::read_file;
using Status = MigrateJobResult::Status;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

MigrateJobResult migrate_bytes(const std::string& name, std::string bytes, MigrateJobOptions opts = {}) {
  text::SourceText src(name, std::move(bytes));
  return run_migrate_job(src, opts);
}

MigrateJobResult migrate_file(const fs::path& path, bool overwrite = false,
                              OutputFormat format = OutputFormat::Config, bool show_secrets = false) {
  MigrateJobOptions opts;
  opts.migrate.overwrite = overwrite;
  opts.format = format;
  opts.show_secrets = show_secrets;
  return migrate_bytes(path.filename().string(), read_file(path), opts);
}

const char* status_name(Status s) {
  switch (s) {
    case Status::Clean: return "Clean";
    case Status::Findings: return "Findings";
    case Status::Failed: return "Failed";
  }
  return "?";
}

struct ExpectedFinding {
  std::string code;
  Severity severity;
  uint32_t line;  // 1-based; 0 = about the file as a whole (no span)
  uint32_t col;   // 1-based; 0 = not checked
};

std::string describe(const std::vector<Finding>& findings) {
  std::string s;
  for (const auto& f : findings) s += "    " + format_finding(f);
  return s.empty() ? "    (none)\n" : s;
}

// Exactly the expected findings (order-insensitive), each with its code,
// severity and place.
void expect_findings(const std::vector<Finding>& actual, const std::vector<ExpectedFinding>& expected) {
  using Key = std::tuple<std::string, int, uint32_t, uint32_t>;
  std::multiset<Key> want, got;
  for (const auto& e : expected) want.insert({e.code, static_cast<int>(e.severity), e.line, e.col});
  for (const auto& f : actual) {
    uint32_t line = f.where.span.valid() ? f.where.span.line : 0;
    // Column only compared where the expectation names one.
    uint32_t col = 0;
    for (const auto& e : expected)
      if (e.code == f.code && e.line == line && e.col != 0) col = f.where.span.col;
    got.insert({f.code, static_cast<int>(f.severity), line, col});
  }
  EXPECT_EQ(got, want) << "actual findings:\n" << describe(actual);
}

// Every line of `in` appears, byte for byte (ending included), in `out` in
// the same order, except the 1-based lines in `removed`, which must be gone.
// A last line without a newline may gain one when lines are appended after it.
void expect_untouched_lines_kept(const std::string& in_bytes, const std::string& out_bytes,
                                 const std::set<uint32_t>& removed) {
  text::SourceText in("in", in_bytes);
  text::SourceText out("out", out_bytes);
  size_t j = 0;
  for (size_t i = 0; i < in.line_count(); ++i) {
    const uint32_t line_no = static_cast<uint32_t>(i + 1);
    const bool last_without_eol = i + 1 == in.line_count() && in.line_info(i).eol_length == 0;
    auto matches = [&](size_t k) {
      if (out.line(k) != in.line(i)) return false;
      return out.eol(k) == in.eol(i) || (last_without_eol && out.eol(k) == in.dominant_eol());
    };
    // Removed lines are skipped here; which ones went is checked by the
    // byte-exact comparison and the count of removed lines.
    if (removed.count(line_no)) continue;
    size_t k = j;  // greedy: the earliest match is the right one for a subsequence
    while (k < out.line_count() && !matches(k)) ++k;
    ASSERT_LT(k, out.line_count()) << "input line " << line_no << " is missing or changed in the output: '"
                                   << in.line(i) << "'";
    j = k + 1;
  }
}

// ---------------------------------------------------------------------------
// Seed 004
// ---------------------------------------------------------------------------

TEST(Seed004, Asa1MigratesToTheHandWrittenExpectation) {
  auto r = migrate_file(fixture("seed004/asa1.cfg"));
  EXPECT_EQ(r.status, Status::Clean) << describe(r.findings);
  EXPECT_TRUE(r.changed);
  EXPECT_EQ(r.output, read_file(fixture("seed004/asa1.expected.cfg")));
  expect_findings(r.findings, {});
  EXPECT_EQ(r.stats.unknown, 0u);
  EXPECT_EQ(r.summary.entries_migrated, 1u);
  EXPECT_EQ(r.summary.proposals_added, 1u);
  EXPECT_EQ(r.summary.policies_added, 1u);
  EXPECT_EQ(r.summary.tunnel_groups_keyed, 1u);
  EXPECT_EQ(r.keyed_tunnel_groups, std::vector<std::string>{"192.168.2.2"});
}

TEST(Seed004, Asa2GetsTheMirrorImage) {
  auto r = migrate_file(fixture("seed004/asa2.cfg"));
  EXPECT_EQ(r.status, Status::Clean) << describe(r.findings);
  auto lines = lines_of(r.output);
  auto has = [&](const std::string& l) { return std::find(lines.begin(), lines.end(), l) != lines.end(); };
  EXPECT_TRUE(has("crypto ipsec ikev2 ipsec-proposal goset"));
  EXPECT_TRUE(has("crypto map vpn 12 set ikev2 ipsec-proposal goset"));
  EXPECT_TRUE(has(" ikev2 remote-authentication pre-shared-key cisco1234"));
  EXPECT_TRUE(has(" ikev2 local-authentication pre-shared-key cisco1234"));
  EXPECT_TRUE(has("crypto ikev2 enable outside"));
}

TEST(Seed004, PatchIsInAnOrderTheAsaAccepts) {
  auto r = migrate_file(fixture("seed004/asa1.cfg"), false, OutputFormat::Patch, false);
  ASSERT_EQ(r.status, Status::Clean);
  auto lines = lines_of(r.output);
  auto index = [&](const std::string& l) -> long {
    auto it = std::find(lines.begin(), lines.end(), l);
    return it == lines.end() ? -1 : static_cast<long>(it - lines.begin());
  };
  const long proposal = index("crypto ipsec ikev2 ipsec-proposal goset");
  const long enc = index(" protocol esp encryption 3des");
  const long integ = index(" protocol esp integrity sha-1");
  const long reference = index("crypto map vpn 12 set ikev2 ipsec-proposal goset");
  const long policy = index("crypto ikev2 policy 1");
  const long enable = index("crypto ikev2 enable outside");
  const long context = index("tunnel-group 192.168.2.2 ipsec-attributes");
  const long remote = index(" ikev2 remote-authentication pre-shared-key cisco1234");
  const long local = index(" ikev2 local-authentication pre-shared-key cisco1234");
  for (long i : {proposal, enc, integ, reference, policy, enable, context, remote, local})
    ASSERT_GE(i, 0) << r.output;
  // The proposal and its sub-commands exist before the crypto map names it.
  EXPECT_EQ(enc, proposal + 1);
  EXPECT_EQ(integ, proposal + 2);
  EXPECT_LT(integ, reference);
  // Policy sub-commands follow their header.
  EXPECT_EQ(lines[static_cast<size_t>(policy + 1)], " encryption 3des");
  EXPECT_EQ(lines[static_cast<size_t>(policy + 5)], " lifetime seconds 86400");
  // Keys are typed in the tunnel-group's ipsec-attributes mode.
  EXPECT_LT(context, remote);
  EXPECT_LT(context, local);
  EXPECT_EQ(remote, context + 1);
  // Nothing of the IKEv1 configuration is re-entered or removed.
  for (const auto& l : lines) {
    EXPECT_FALSE(contains(l, "ikev1")) << l;
    EXPECT_NE(l.rfind("no ", 0), 0u) << l;
  }
  // Ends with `end`.
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.back(), "end");
}

TEST(Seed004, OverwritePatchRemovesBeforeItAdds) {
  auto r = migrate_file(fixture("migrate/overwrite.cfg"), true, OutputFormat::Patch, false);
  auto lines = lines_of(r.output);
  auto index = [&](const std::string& l) -> long {
    auto it = std::find(lines.begin(), lines.end(), l);
    return it == lines.end() ? -1 : static_cast<long>(it - lines.begin());
  };
  const long remove_proposal = index("no crypto ipsec ikev2 ipsec-proposal goset");
  const long remove_policy = index("no crypto ikev2 policy 1");
  const long remove_leftover = index("no crypto ipsec ikev2 ipsec-proposal LEFTOVER");
  const long add_proposal = index("crypto ipsec ikev2 ipsec-proposal goset");
  const long add_policy = index("crypto ikev2 policy 1");
  const long reference = index("crypto map vpn 12 set ikev2 ipsec-proposal goset");
  for (long i : {remove_proposal, remove_policy, remove_leftover, add_proposal, add_policy, reference})
    ASSERT_GE(i, 0) << r.output;
  EXPECT_LT(remove_proposal, add_proposal);
  EXPECT_LT(remove_policy, add_policy);
  EXPECT_LT(add_proposal, reference);
  EXPECT_EQ(lines.back(), "end");
}

TEST(Seed004, DiffMasksKeysUnlessAskedToShowThem) {
  auto masked = migrate_file(fixture("seed004/asa1.cfg"), false, OutputFormat::Diff, false);
  ASSERT_EQ(masked.status, Status::Clean);
  EXPECT_FALSE(contains(masked.output, "cisco1234")) << masked.output;
  EXPECT_TRUE(contains(masked.output, "+ ikev2 remote-authentication pre-shared-key *****")) << masked.output;
  EXPECT_TRUE(contains(masked.output, "+ ikev2 local-authentication pre-shared-key *****")) << masked.output;
  EXPECT_TRUE(contains(masked.output, "  ikev1 pre-shared-key *****")) << masked.output;
  EXPECT_EQ(masked.output.rfind("--- a/asa1.cfg\n+++ b/asa1.cfg\n@@ ", 0), 0u) << masked.output;
  for (const auto& l : lines_of(masked.output)) {
    ASSERT_FALSE(l.empty());
    EXPECT_TRUE(std::string("-+ @").find(l[0]) != std::string::npos) << l;
  }

  auto shown = migrate_file(fixture("seed004/asa1.cfg"), false, OutputFormat::Diff, true);
  EXPECT_TRUE(contains(shown.output, "+ ikev2 remote-authentication pre-shared-key cisco1234")) << shown.output;
  EXPECT_TRUE(contains(shown.output, "+ ikev2 local-authentication pre-shared-key cisco1234")) << shown.output;
  EXPECT_FALSE(contains(shown.output, "*****")) << shown.output;
}

TEST(Seed004, DiffMasksEveryKeyFormInTheFixtures) {
  for (const char* name : {"several-tunnels", "hex-and-encrypted-keys", "non-utf8", "pre84"}) {
    SCOPED_TRACE(name);
    const fs::path in = fixture(std::string("migrate/") + name + ".cfg");
    auto r = migrate_file(in, false, OutputFormat::Diff, false);
    for (const auto& l : lines_of(r.output)) {
      if (!contains(l, "pre-shared-key")) continue;
      // The key itself is masked; a form word (`8`, `hex`, `0`) may stay.
      EXPECT_TRUE(l.size() >= 5 && l.compare(l.size() - 5, 5, "*****") == 0) << l;
      EXPECT_FALSE(contains(l, "secret") || contains(l, "key-1") || contains(l, "JHbG") ||
                   contains(l, "6b65") || contains(l, "plain-site-c") || contains(l, "Basel"))
          << l;
    }
  }
}

// ---------------------------------------------------------------------------
// Fixture pairs
// ---------------------------------------------------------------------------

struct Case {
  std::string name;
  bool overwrite = false;
  std::optional<Status> status;                         // nullopt: not checked
  std::optional<std::vector<ExpectedFinding>> findings; // nullopt: not checked
  std::set<uint32_t> removed;                           // 1-based input lines that must go
  const char* tool_bug = nullptr;                       // the known difference, if any

  std::string expected_file() const {
    return name + (overwrite ? ".overwrite.expected.cfg" : ".expected.cfg");
  }
};

std::ostream& operator<<(std::ostream& os, const Case& c) {
  return os << c.name << (c.overwrite ? " --overwrite" : "");
}

const std::vector<Case>& cases() {
  using S = Severity;
  static const std::vector<Case> all = {
      {"pre84", false, Status::Clean,
       std::vector<ExpectedFinding>{{"MIGRATE-PRE-84-SYNTAX", S::Info, 0, 0}}, {}, nullptr},
      {"multi-peer", false, Status::Findings,
       std::vector<ExpectedFinding>{{"MIGRATE-MULTI-PEER", S::Warning, 21, 49}}, {}, nullptr},
      {"masked-keys", false, Status::Findings,
       std::vector<ExpectedFinding>{{"MIGRATE-MASKED-KEY", S::Warning, 40, 23},
                                    {"MIGRATE-MASKED-KEY", S::Warning, 44, 23}},
       {}, nullptr},
      {"dynamic-map-and-ra", false, Status::Clean,
       std::vector<ExpectedFinding>{{"MIGRATE-DYNAMIC-MAP", S::Info, 23, 1},
                                    {"MIGRATE-REMOTE-ACCESS", S::Info, 42, 28}},
       {}, nullptr},
      {"already-ikev2", false, Status::Clean,
       std::vector<ExpectedFinding>{{"MIGRATE-ALREADY-IKEV2", S::Info, 31, 1}}, {}, nullptr},
      {"dangling-refs", false, Status::Findings,
       std::vector<ExpectedFinding>{{"MIGRATE-UNDEFINED-ACL", S::Error, 20, 41},
                                    {"MIGRATE-UNDEFINED-TRANSFORM-SET", S::Error, 22, 63},
                                    {"MIGRATE-NO-TUNNEL-GROUP", S::Warning, 24, 36}},
       {}, nullptr},
      {"several-tunnels", false, Status::Clean, std::vector<ExpectedFinding>{}, {}, nullptr},
      {"crlf", false, Status::Clean, std::vector<ExpectedFinding>{}, {}, nullptr},
      {"no-final-newline", false, Status::Clean, std::vector<ExpectedFinding>{}, {}, nullptr},
      {"non-utf8", false, Status::Clean, std::vector<ExpectedFinding>{}, {}, nullptr},
      {"two-space-indent", false, Status::Clean, std::vector<ExpectedFinding>{}, {}, nullptr},
      {"overwrite", false, Status::Findings,
       std::vector<ExpectedFinding>{{"MIGRATE-PROPOSAL-CONFLICT", S::Warning, 20, 35},
                                    {"MIGRATE-POLICY-CONFLICT", S::Warning, 32, 1}},
       {}, nullptr},
      {"overwrite", true, Status::Clean,
       std::vector<ExpectedFinding>{{"MIGRATE-REMOVED-PROPOSAL", S::Info, 23, 35}},
       // old goset proposal, LEFTOVER proposal, old ikev2 policy 1, stale IKEv2 keys
       {20, 21, 22, 23, 24, 25, 32, 33, 34, 35, 36, 37, 50, 51}, nullptr},
      {"hex-and-encrypted-keys", false, Status::Clean,
       std::vector<ExpectedFinding>{{"MIGRATE-ENCRYPTED-KEY", S::Info, 42, 25}}, {}, nullptr},
      {"mixed-case", false, Status::Clean, std::vector<ExpectedFinding>{}, {}, nullptr},
      {"two-interfaces", false, Status::Clean, std::vector<ExpectedFinding>{}, {},
       "regression: `show run` prints all `crypto ikev2 enable IF` lines together, before the "
       "`crypto ikev1 enable IF` lines; they must not be interleaved (ikev2 outside, ikev1 outside, "
       "ikev2 outside2, ikev1 outside2)"},
      {"partial-ikev2-key", false, std::nullopt, std::nullopt, {},
       "regression: a tunnel-group that already has one IKEv2 key (local) must not get both keys "
       "appended (two `ikev2 local-authentication` lines); without --overwrite the existing key "
       "is kept and only the missing remote key added"},
  };
  return all;
}

class FixturePair : public ::testing::TestWithParam<Case> {};

TEST_P(FixturePair, OutputIsByteExact) {
  const Case& c = GetParam();
  if (c.tool_bug) RecordProperty("tool_bug", c.tool_bug);
  const fs::path in = fixture("migrate/" + c.name + ".cfg");
  auto r = migrate_file(in, c.overwrite);
  EXPECT_NE(r.status, Status::Failed) << describe(r.findings);
  EXPECT_EQ(r.output, read_file(fixture("migrate/" + c.expected_file())))
      << (c.tool_bug ? c.tool_bug : "") << "\nactual output:\n" << r.output;
}

TEST_P(FixturePair, FindingsAndStatus) {
  const Case& c = GetParam();
  const fs::path in = fixture("migrate/" + c.name + ".cfg");
  auto r = migrate_file(in, c.overwrite);
  if (c.status) {
    EXPECT_EQ(status_name(r.status), std::string(status_name(*c.status))) << describe(r.findings);
  }
  if (c.findings) expect_findings(r.findings, *c.findings);
  // Findings never carry a key.
  for (const auto& f : r.findings) {
    for (const char* secret : {"cisco1234", "primary-key", "backup-key", "site-b-key", "branch-key-1",
                               "site1-secret", "nfn-key", "JHbGUWT1", "6b65792d", "plain-site-c"}) {
      EXPECT_FALSE(contains(f.message, secret) || contains(f.hint, secret)) << format_finding(f);
    }
  }
}

TEST_P(FixturePair, EveryFixtureLineIsKnownAsaSyntax) {
  const Case& c = GetParam();
  auto r = migrate_file(fixture("migrate/" + c.name + ".cfg"), c.overwrite);
  EXPECT_EQ(r.stats.unknown, 0u);
  for (size_t k = 0; k < r.unknown.size(); ++k)
    ADD_FAILURE() << c.name << ".cfg:" << r.unknown[k].span.line << ": " << r.unknown[k].reason << ": "
                  << r.unknown_text[k];
}

TEST_P(FixturePair, UntouchedLinesStayByteIdentical) {
  const Case& c = GetParam();
  const std::string in = read_file(fixture("migrate/" + c.name + ".cfg"));
  auto r = migrate_file(fixture("migrate/" + c.name + ".cfg"), c.overwrite);
  expect_untouched_lines_kept(in, r.output, c.removed);
  EXPECT_EQ(r.summary.lines_removed, c.removed.size());
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  std::string n = info.param.name + (info.param.overwrite ? "_overwrite" : "");
  for (char& ch : n)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Migrate, FixturePair, ::testing::ValuesIn(cases()), case_name);

// Every fixture on disk is covered by a case, and every case has its files.
TEST(FixtureSet, EveryFixtureFileHasACase) {
  std::set<std::string> inputs, expected;
  for (const auto& e : fs::directory_iterator(fixture("migrate"))) {
    const std::string f = e.path().filename().string();
    if (f.size() > 13 && f.compare(f.size() - 13, 13, ".expected.cfg") == 0) {
      expected.insert(f);
    } else if (e.path().extension() == ".cfg") {
      inputs.insert(e.path().stem().string());
    }
  }
  std::set<std::string> case_inputs, case_expected;
  for (const auto& c : cases()) {
    case_inputs.insert(c.name);
    case_expected.insert(c.expected_file());
  }
  EXPECT_EQ(inputs, case_inputs);
  EXPECT_EQ(expected, case_expected);
  // The cases the brief asks for, at least.
  for (const char* n : {"pre84", "multi-peer", "masked-keys", "dynamic-map-and-ra", "already-ikev2",
                        "dangling-refs", "several-tunnels", "crlf", "no-final-newline", "non-utf8",
                        "two-space-indent", "overwrite", "hex-and-encrypted-keys", "mixed-case"})
    EXPECT_TRUE(inputs.count(n)) << n;
}

// The fixtures really have the property their name promises.
TEST(FixtureSet, FixturesHaveTheirPromisedShape) {
  const std::string crlf_in = read_file(fixture("migrate/crlf.cfg"));
  const std::string crlf_out = read_file(fixture("migrate/crlf.expected.cfg"));
  for (const std::string* s : {&crlf_in, &crlf_out}) {
    size_t lf = std::count(s->begin(), s->end(), '\n');
    size_t crlf = 0;
    for (size_t p = s->find("\r\n"); p != std::string::npos; p = s->find("\r\n", p + 2)) ++crlf;
    EXPECT_GT(lf, 0u);
    EXPECT_EQ(lf, crlf);
  }
  for (const char* f : {"migrate/no-final-newline.cfg", "migrate/no-final-newline.expected.cfg"}) {
    const std::string s = read_file(fixture(f));
    ASSERT_FALSE(s.empty());
    EXPECT_NE(s.back(), '\n') << f;
  }
  const std::string latin1 = read_file(fixture("migrate/non-utf8.cfg"));
  EXPECT_TRUE(contains(latin1, " description Uplink Z\xfcrich"));
  EXPECT_TRUE(contains(latin1, "banner motd Zugang nur f\xfcr"));
  const std::string two = read_file(fixture("migrate/two-space-indent.cfg"));
  EXPECT_TRUE(contains(two, "\n  ikev1 pre-shared-key cisco1234\n"));
  EXPECT_FALSE(contains(two, "\n ikev1"));
}

// ---------------------------------------------------------------------------
// Round trip: migrating a migrated configuration changes nothing
// ---------------------------------------------------------------------------

std::vector<fs::path> expected_files() {
  std::vector<fs::path> out{fixture("seed004/asa1.expected.cfg")};
  for (const auto& e : fs::directory_iterator(fixture("migrate"))) {
    const std::string f = e.path().filename().string();
    if (f.size() > 13 && f.compare(f.size() - 13, 13, ".expected.cfg") == 0) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(RoundTrip, MigratingAnExpectedFileAgainChangesNothing) {
  const auto files = expected_files();
  ASSERT_GE(files.size(), 16u);
  for (const auto& p : files) {
    SCOPED_TRACE(p.filename().string());
    const std::string bytes = read_file(p);
    MigrateJobOptions opts;
    auto r = migrate_bytes(p.filename().string(), bytes, opts);
    ASSERT_NE(r.status, Status::Failed) << describe(r.findings);
    EXPECT_FALSE(r.changed) << "the edit script is not empty";
    EXPECT_EQ(r.output, bytes);
    EXPECT_EQ(r.summary.proposals_added, 0u);
    EXPECT_EQ(r.summary.policies_added, 0u);
    EXPECT_EQ(r.summary.tunnel_groups_keyed, 0u);
    EXPECT_EQ(r.summary.interfaces_enabled, 0u);
    EXPECT_EQ(r.summary.lines_removed, 0u);

    opts.format = OutputFormat::Diff;
    EXPECT_EQ(migrate_bytes(p.filename().string(), bytes, opts).output, "");
    opts.format = OutputFormat::Patch;
    EXPECT_TRUE(contains(migrate_bytes(p.filename().string(), bytes, opts).output, "nothing to change"));
  }
}

// Regression: with --overwrite an already migrated configuration once got its
// `set ikev2 ipsec-proposal` line and its IKEv2 keys removed and added again
// (identical text, but a non-empty diff and patch, and "1 changed").
// `migrate overwrite` removes only IKEv2 configuration that is not needed;
// identical lines are needed.
TEST(RoundTrip, OverwriteOnAMigratedConfigurationIsANoOp) {
  for (const char* f : {"seed004/asa1.expected.cfg", "migrate/overwrite.overwrite.expected.cfg",
                        "migrate/several-tunnels.expected.cfg"}) {
    SCOPED_TRACE(f);
    const std::string bytes = read_file(fixture(f));
    MigrateJobOptions opts;
    opts.migrate.overwrite = true;
    auto r = migrate_bytes("x.cfg", bytes, opts);
    EXPECT_EQ(r.output, bytes);
    EXPECT_FALSE(r.changed) << "--overwrite must not re-create identical lines";
    opts.format = OutputFormat::Diff;
    EXPECT_EQ(migrate_bytes("x.cfg", bytes, opts).output, "") << "the diff must be empty";
  }
}

// ---------------------------------------------------------------------------
// Bad inputs
// ---------------------------------------------------------------------------

struct BadCase {
  std::string file;
  uint32_t line;     // expected 1-based line of the error; 0 = any line
  std::string word;  // expected in message or hint
  const char* tool_bug;
};

void expect_input_error(const std::string& name, const std::string& bytes, const BadCase& c) {
  auto r = migrate_bytes(name, bytes);
  ASSERT_EQ(status_name(r.status), std::string("Failed"))
      << (c.tool_bug ? c.tool_bug : "") << "\nfindings:\n" << describe(r.findings);
  ASSERT_EQ(r.findings.size(), 1u) << describe(r.findings);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.code, "INPUT");
  EXPECT_EQ(f.severity, Severity::Error);
  EXPECT_EQ(f.where.file, name);
  EXPECT_TRUE(f.where.span.valid()) << format_finding(f);
  EXPECT_GE(f.where.span.col, 1u);
  if (c.line != 0) {
    EXPECT_EQ(f.where.span.line, c.line) << format_finding(f);
  }
  EXPECT_TRUE(contains(f.message + " " + f.hint, c.word)) << format_finding(f);
  EXPECT_FALSE(f.hint.empty());
  EXPECT_TRUE(r.output.empty());
}

TEST(BadInput, EachFixtureIsRejectedWithItsPlaceAndReason) {
  const std::vector<BadCase> bad = {
      {"empty.cfg", 1, "empty", nullptr},
      {"not-asa.yaml", 0, "not an ASA configuration", nullptr},
      // An IOS router config (`version 15.2`, no `ASA Version`) must not pass as an ASA one.
      {"ios.cfg", 4, "IOS", nullptr},
      {"truncated-saved.cfg", 28, "truncated", nullptr},
      {"truncated-midblock.cfg", 18, "truncated", nullptr},
      // `crypto map vpn 10 set pe` without a final newline is a cut-off line, not a command.
      {"truncated-midline.cfg", 14, "truncated", nullptr},
  };
  std::set<std::string> on_disk;
  for (const auto& e : fs::directory_iterator(fixture("bad"))) on_disk.insert(e.path().filename().string());
  std::set<std::string> listed;
  for (const auto& c : bad) listed.insert(c.file);
  EXPECT_EQ(on_disk, listed);
  for (const auto& c : bad) {
    SCOPED_TRACE(c.file);
    if (c.tool_bug) RecordProperty(c.file, c.tool_bug);
    expect_input_error(c.file, read_file(fixture("bad/" + c.file)), c);
  }
}

TEST(BadInput, EmptyFixtureIsZeroBytes) { EXPECT_EQ(fs::file_size(fixture("bad/empty.cfg")), 0u); }

TEST(BadInput, BinaryDataIsRejectedAtTheFirstNul) {
  // The seed with a NUL byte inside its third line ("ASA Version 8.4(2)").
  std::string bytes = read_file(fixture("seed004/asa1.cfg"));
  const size_t at = bytes.find("Version") + 3;
  bytes[at] = '\0';
  BadCase c{"binary.cfg", 3, "binary", nullptr};
  expect_input_error("binary.cfg", bytes, c);
  auto r = migrate_bytes("binary.cfg", bytes);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].where.span.col, 8u);  // "ASA Ver" is 7 bytes: the NUL is column 8

  // Random-looking binary with NULs early on.
  std::string blob;
  for (int i = 0; i < 512; ++i) blob.push_back(static_cast<char>((i * 37) % 256));
  BadCase any{"blob.bin", 0, "binary", nullptr};
  expect_input_error("blob.bin", blob, any);
}

TEST(BadInput, WhitespaceOnlyIsEmpty) {
  BadCase c{"blank.cfg", 1, "empty", nullptr};
  expect_input_error("blank.cfg", "\n  \r\n\t\n", c);
}

}  // namespace
}  // namespace ikeshift::asa
