// Every public configuration in ../shared/corpus/ validates without a crash:
// the ASA files are validated (every finding has a place in the file and a
// known rule), the IOS ones are reported as not ASA (exit code 2 for them)
// until the IOS reader lands, or, without IOS markers, read as ASA text; pairing any two corpus files does not crash.
// IKESHIFT_CORPUS names another corpus directory.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

#include "validator_test_support.h"

namespace ikeshift::validator {
namespace {

using namespace test_support;
namespace fs = std::filesystem;

using test::corpus_dir;  // IKESHIFT_CORPUS, or the shared corpus beside the checkout or the worktree

TEST(ValidatorCorpus, EveryFileValidatesWithoutACrash) {
  if (!fs::is_directory(corpus_dir())) {
    GTEST_SKIP() << "no corpus at " << corpus_dir().string() << " (set IKESHIFT_CORPUS to run this here)";
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(corpus_dir()))
    if (e.is_regular_file() && e.path().extension() == ".cfg") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty());
  std::vector<std::unique_ptr<LoadedConfig>> loaded;
  size_t asa = 0;
  for (const fs::path& p : files) {
    SCOPED_TRACE(p.filename().string());
    auto c = load_config(p.string(), p.filename().string());
    const bool is_asa = p.filename().string().rfind("asa-", 0) == 0;
    const bool is_ios = p.filename().string().rfind("ios-", 0) == 0;
    // Every dialect is validated as itself: the IOS files are read as IOS (a
    // fragment without any marker line falls back to the ASA reader, whose
    // check then says it is not ASA).
    if (c->failure) {
      EXPECT_NE(c->failure->message.find("not an ASA configuration"), std::string::npos) << c->failure->message;
      EXPECT_FALSE(is_asa) << c->failure->message;
    }
    if (is_ios && !c->failure) {
      EXPECT_EQ(c->dialect, ConfigDialect::Ios) << p.filename().string();
    }
    if (is_asa) {
      EXPECT_FALSE(c->failure.has_value()) << (c->failure ? c->failure->message : "");
      ++asa;
    }
    for (const RuleFinding& f : check_config(*c, all_rules_on())) {
      EXPECT_NE(find_rule(f.rule), nullptr) << f.rule;
      EXPECT_EQ(f.where.file, p.filename().string());
      if (f.where.span.valid()) {
        EXPECT_LE(f.where.span.line, c->source->line_count()) << f.rule << " " << f.message;
      }
    }
    loaded.push_back(std::move(c));
  }
  EXPECT_GT(asa, 0u);
  for (size_t i = 0; i < loaded.size(); ++i)
    for (size_t j = 0; j < loaded.size(); ++j)
      if (i != j) (void)check_pair(*loaded[i], *loaded[j], all_rules_on());
}

}  // namespace
}  // namespace ikeshift::validator
