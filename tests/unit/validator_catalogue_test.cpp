// The rule catalogue is the one source of truth: ids are unique and readable,
// every rule has its texts, `--list-rules` prints every rule, and
// docs/rules.md has a section for each id (and none for ids that do not exist).
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "validator_test_support.h"

namespace ikeshift::validator {
namespace {

TEST(ValidatorCatalogue, IdsAreUniqueKebabCaseAndDocumentedInTheCode) {
  std::set<std::string> ids;
  const std::regex kebab("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  for (const RuleInfo* r : all_rules()) {
    const std::string id(r->id);
    EXPECT_TRUE(ids.insert(id).second) << "duplicate rule id " << id;
    EXPECT_TRUE(std::regex_match(id, kebab)) << id;
    EXPECT_FALSE(r->summary.empty()) << id;
    EXPECT_FALSE(r->rationale.empty()) << id;
    EXPECT_FALSE(r->fix.empty()) << id;
    EXPECT_FALSE(r->family.empty()) << id;
    EXPECT_EQ(find_rule(id), r);
    if (r->scope == Scope::Pair) {
      EXPECT_EQ(id.rfind("pair-", 0), 0u) << "pair rule ids start with pair-: " << id;
    }
  }
  EXPECT_GE(ids.size(), 30u);
}

TEST(ValidatorCatalogue, DocsRulesMdHasASectionWithAnExampleAndFixForEveryRule) {
  const std::string doc = test::read_file(test::source_dir() / "docs" / "rules.md");
  std::set<std::string> sections;
  const std::regex heading("\\n### `([a-z0-9-]+)`");
  for (auto it = std::sregex_iterator(doc.begin(), doc.end(), heading); it != std::sregex_iterator(); ++it)
    sections.insert((*it)[1]);
  for (const RuleInfo* r : all_rules()) {
    const std::string id(r->id);
    ASSERT_TRUE(sections.count(id)) << "docs/rules.md has no `### `" << id << "`` section";
    const size_t at = doc.find("\n### `" + id + "`");
    const size_t next = doc.find("\n### ", at + 1);
    const std::string section = doc.substr(at, next == std::string::npos ? std::string::npos : next - at);
    EXPECT_NE(section.find("```"), std::string::npos) << id << ": no triggering example";
    EXPECT_NE(section.find("Fix"), std::string::npos) << id << ": no fix";
    EXPECT_NE(section.find(severity_name(r->severity)), std::string::npos) << id << ": default severity not stated";
  }
  for (const std::string& s : sections) EXPECT_NE(find_rule(s), nullptr) << "docs/rules.md documents unknown rule " << s;
}

TEST(ValidatorCatalogue, ListRulesPrintsEveryRuleFromTheCode) {
  test::TempDir dir;
  const auto r = test::run_program({IKESHIFT_BINARY, "validate", "--list-rules"}, dir.path(), dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const RuleInfo* rule : all_rules()) {
    EXPECT_NE(r.out.find(std::string(rule->id) + " ("), std::string::npos) << rule->id;
    EXPECT_NE(r.out.find(std::string(rule->rationale)), std::string::npos) << rule->id;
  }
}

}  // namespace
}  // namespace ikeshift::validator
