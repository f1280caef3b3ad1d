// The validator's reports: compiler-style text (source line, caret, keys
// masked), JSON, SARIF 2.1.0 checked against the OASIS JSON schema by a real
// validator (Ajv, tests/tools/sarif), and JUnit XML read back by a real JUnit
// consumer (Python's junitparser). Without node or junitparser these skip with
// the reason, except with CI=true, where a missing tool is a failure.
#include <gtest/gtest.h>

#include <cstdlib>

#include "validator/report/junit_writer.h"
#include "validator/report/report.h"
#include "validator_test_support.h"

namespace ikeshift::validator {
namespace {

using namespace test_support;
namespace fs = std::filesystem;

std::string find_in_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::string p = path == nullptr ? "/usr/bin:/bin" : path;
  size_t start = 0;
  while (start <= p.size()) {
    const size_t colon = p.find(':', start);
    const std::string dir = p.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    const fs::path candidate = fs::path(dir.empty() ? "." : dir) / name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return {};
}

// A report over a file with single-config findings (one of them on a key
// line) and a pair with pair findings, like a CI run would produce.
struct Sample {
  std::unique_ptr<LoadedConfig> masked, a, b;
  Report report;
  Sample() {
    const ProjectConfig all = all_rules_on();
    masked = load_config(vfixture("masked-key.cfg"), "fixtures/validator/masked-key.cfg");
    a = load_config(vfixture("clean-a.cfg"), "fixtures/validator/clean-a.cfg");
    b = load_config(vfixture("pair-psk-mirror.b.cfg"), "fixtures/validator/pair psk.b.cfg");
    for (const LoadedConfig* c : {masked.get(), a.get(), b.get()}) {
      FileReport f;
      f.name = c->display;
      f.source = c->source;
      f.findings = check_config(*c, all);
      report.files.push_back(std::move(f));
    }
    PairReport p;
    p.a = a->display;
    p.b = b->display;
    p.findings = check_pair(*a, *b, all);
    report.pairs.push_back(std::move(p));
    for (const RuleInfo* r : all_rules()) (r->scope == Scope::Pair ? report.pair_rules : report.config_rules).push_back(r);
    report.tool_version = "0.1.0";
  }
};

TEST(ValidatorReport, TextShowsTheLineWithACaretAndNeverAKey) {
  Sample s;
  const std::string text = render_text(s.report, false);
  EXPECT_NE(text.find("fixtures/validator/masked-key.cfg:49:23: error:"), std::string::npos) << text;
  // Column 23: 22 blanks before the caret, five marks under the five masked characters.
  EXPECT_NE(text.find(" 49 |  ikev1 pre-shared-key *****\n    | " + std::string(22, ' ') + "^~~~~\n"), std::string::npos)
      << text;
  // The pair finding shows both files' lines, the keys masked.
  EXPECT_NE(text.find("fixtures/validator/clean-a.cfg:52:44: error: ASA-A's local key differs from ASA-B's remote key"),
            std::string::npos) << text;
  EXPECT_NE(text.find("fixtures/validator/pair psk.b.cfg:51:45: note: ASA-B's remote key"), std::string::npos) << text;
  for (const char* key : {"KeyFromAtoB", "KeyFromBtoA", "KeyFromAtoC", "Ikev1SharedKey42"}) {
    EXPECT_EQ(text.find(key), std::string::npos) << key << " printed";
  }
  EXPECT_NE(text.find("validate: 3 files, 1 pair: 2 errors, 0 warnings, 0 infos"), std::string::npos) << text;
  const std::string coloured = render_text(s.report, true);
  EXPECT_NE(coloured.find("\x1b[1;31merror:\x1b[0m"), std::string::npos);
}

TEST(ValidatorReport, ExitCodeFollowsFailOn) {
  Sample s;
  EXPECT_EQ(exit_code(s.report), 1);
  Report warnings_only;
  FileReport f;
  f.name = "x";
  RuleFinding w;
  w.rule = "weak-crypto";
  w.severity = Severity::Warning;
  f.findings.push_back(w);
  warnings_only.files.push_back(f);
  EXPECT_EQ(exit_code(warnings_only), 0);
  warnings_only.fail_on = Severity::Warning;
  EXPECT_EQ(exit_code(warnings_only), 1);
  RuleFinding failure;
  failure.rule = "input";
  warnings_only.files.front().failure = failure;
  EXPECT_EQ(exit_code(warnings_only), 2);
}

TEST(ValidatorReport, JsonCarriesEveryFindingWithItsPlaces) {
  Sample s;
  const std::string json = render_json(s.report);
  EXPECT_NE(json.find("\"rule\":\"masked-key\",\"severity\":\"error\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"location\":{\"file\":\"fixtures/validator/masked-key.cfg\",\"line\":49,\"column\":23"),
            std::string::npos) << json;
  EXPECT_NE(json.find("\"pair\":[\"fixtures/validator/clean-a.cfg\",\"fixtures/validator/pair psk.b.cfg\"]"),
            std::string::npos) << json;
  EXPECT_NE(json.find("\"exit_code\":1"), std::string::npos);
  EXPECT_EQ(json.find("KeyFrom"), std::string::npos);
}

// SARIF against the OASIS 2.1.0 schema, with a real JSON Schema validator.
TEST(ValidatorReport, SarifValidatesAgainstTheSarif210Schema) {
  const fs::path tool = test::source_dir() / "tests" / "tools" / "sarif";
  const std::string node = find_in_path("node");
  if (node.empty() || !fs::exists(tool / "node_modules" / "@microsoft" / "jest-sarif")) {
    const std::string why = node.empty() ? "node is not installed"
                                         : "tests/tools/sarif has no node_modules (run `npm ci` there; .ci/setup does)";
    IKS_REQUIRE(why);
  }
  Sample s;
  test::TempDir dir;
  test::write_file(dir / "report.sarif", render_sarif(s.report));
  // A broken document must be refused, or the check proves nothing.
  std::string broken = render_sarif(s.report);
  broken.replace(broken.find("\"version\":\"2.1.0\""), 17, "\"version\":\"2.0.0\"");
  test::write_file(dir / "broken.sarif", broken);
  const auto ok = test::run_program({node, (tool / "validate-sarif.js").string(), (dir / "report.sarif").string()},
                                    dir.path(), dir.path());
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  const auto bad = test::run_program({node, (tool / "validate-sarif.js").string(), (dir / "broken.sarif").string()},
                                     dir.path(), dir.path());
  EXPECT_EQ(bad.exit_code, 1) << bad.out << bad.err;
  // Regions are where the text report points; the space in the path is a URI escape.
  const std::string sarif = render_sarif(s.report);
  EXPECT_NE(sarif.find("\"uri\":\"fixtures/validator/pair%20psk.b.cfg\""), std::string::npos);
  EXPECT_NE(sarif.find("\"region\":{\"startLine\":49,\"startColumn\":23,\"endLine\":49,\"endColumn\":28}"),
            std::string::npos) << sarif;
  EXPECT_NE(sarif.find("\"relatedLocations\""), std::string::npos);
}

// Columns: byte columns in findings, UTF-16 code units in SARIF.
TEST(ValidatorReport, SarifColumnsCountUtf16UnitsNotBytes) {
  test::TempDir dir;
  std::string cfg = test::read_file(vfixture("masked-key.cfg"));
  // A hostname with two two-byte characters (é): bytes and UTF-16 units differ.
  cfg.replace(cfg.find("hostname ASA-A"), 14, "hostname ASA-\xc3\xa9\xc3\xa9");
  test::write_file(dir / "u.cfg", cfg);
  auto c = load_config((dir / "u.cfg").string(), "u.cfg");
  ASSERT_FALSE(c->failure);
  Report r;
  FileReport f;
  f.name = "u.cfg";
  f.source = c->source;
  RuleFinding x;
  x.rule = "masked-key";
  x.severity = Severity::Error;
  x.message = "m";
  // "hostname ASA-éé" : the span of the word after "hostname " is bytes 10..17 (8 bytes, 6 characters).
  x.where = {"u.cfg", text::SourceSpan{5, 10, 5, 18}, {}};
  f.findings.push_back(x);
  r.files.push_back(f);
  const std::string sarif = render_sarif(r);
  EXPECT_NE(sarif.find("\"startLine\":5,\"startColumn\":10,\"endLine\":5,\"endColumn\":16"), std::string::npos)
      << sarif;
}

// JUnit XML read back by Python's junitparser (Debian's python3-junitparser).
TEST(ValidatorReport, JunitIsReadBackByARealJunitConsumer) {
  Sample s;
  std::string skip;
  const std::string out = test::read_back_junit(render_junit(s.report), skip);
  IKS_REQUIRE(skip);
  const size_t cases = 3 * s.report.config_rules.size() + s.report.pair_rules.size();
  EXPECT_NE(out.find("TOTAL " + std::to_string(cases) + " 2 0"), std::string::npos) << out;
  EXPECT_NE(out.find("fixtures/validator/masked-key.cfg | masked-key | Failure | the ikev1 pre-shared-key"),
            std::string::npos) << out;
  EXPECT_NE(out.find("| pair-psk-mirror | Failure | ASA-A's local key differs"), std::string::npos) << out;
  EXPECT_NE(out.find("fixtures/validator/clean-a.cfg | undefined-acl |  | "), std::string::npos) << out;
  EXPECT_EQ(out.find("KeyFrom"), std::string::npos);
}

TEST(JunitWriter, EscapesMarkupControlBytesAndInvalidUtf8) {
  report::JunitReport j;
  j.name = "a<b>&\"c'";
  report::JunitSuite s;
  s.name = "suite";
  report::JunitCase c;
  c.name = std::string("bad\x01utf8\xff") + "\xc3\xa9";
  c.classname = "k";
  c.failure = report::JunitProblem{"m", "t", "line1\nline2"};
  c.skipped = std::string("later");
  s.cases.push_back(c);
  j.suites.push_back(s);
  const std::string xml = report::render_junit_xml(j);
  EXPECT_NE(xml.find("name=\"a&lt;b&gt;&amp;&quot;c&apos;\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("name=\"bad\xef\xbf\xbdutf8\xef\xbf\xbd\xc3\xa9\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"1\""), std::string::npos) << xml;
  EXPECT_NE(xml.find(">line1&#10;line2</failure>"), std::string::npos) << xml;
}

}  // namespace
}  // namespace ikeshift::validator
