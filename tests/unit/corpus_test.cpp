// The public configurations in /work/shared/corpus (see its MANIFEST.tsv):
// every file is read without a crash, a no-op edit renders it byte for byte,
// every line gets exactly one category, and the ASA files have no line the
// reader does not understand.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "asa/asa_reader.h"
#include "asa/migrate_job.h"
#include "edit/edit_script.h"
#include "test_support.h"

namespace ikeshift::asa {
namespace {

namespace fs = std::filesystem;

fs::path corpus_dir() { return test::corpus_dir(); }

std::vector<fs::path> corpus_files() {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(corpus_dir(), ec))
    if (e.is_regular_file()) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

bool is_asa_file(const fs::path& p) { return p.filename().string().rfind("asa-", 0) == 0; }

const char* category_name(LineCategory c) {
  switch (c) {
    case LineCategory::Blank: return "blank";
    case LineCategory::Comment: return "comment";
    case LineCategory::FreeText: return "free-text";
    case LineCategory::Modelled: return "modelled";
    case LineCategory::Ignored: return "ignored";
    case LineCategory::Unknown: return "unknown";
  }
  return nullptr;
}

class Corpus : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::is_directory(corpus_dir())) {
      GTEST_SKIP() << "no corpus at " << corpus_dir().string()
                   << " (the shared corpus of public ASA/IOS configurations is not checked out here)";
    }
    files_ = corpus_files();
    ASSERT_FALSE(files_.empty()) << corpus_dir().string() << " is empty";
  }
  std::vector<fs::path> files_;
};

TEST_F(Corpus, EveryFileIsReadAndANoOpEditIsByteIdentical) {
  for (const auto& p : files_) {
    SCOPED_TRACE(p.filename().string());
    std::string error;
    auto src = text::SourceText::load(p.string(), error);
    ASSERT_TRUE(src.has_value()) << error;
    EXPECT_EQ(std::string(src->bytes()), test::read_file(p));

    ParseResult parsed = read_asa(*src);
    (void)check_asa_input(*src, parsed);  // must not crash, whatever it decides

    edit::EditScript none;
    EXPECT_TRUE(none.empty());
    EXPECT_EQ(edit::render_config(*src, none), test::read_file(p));
    edit::DiffOptions d;
    d.old_label = "a";
    d.new_label = "b";
    EXPECT_EQ(edit::render_unified_diff(*src, none, d), "");
  }
}

TEST_F(Corpus, EveryLineHasExactlyOneCategory) {
  for (const auto& p : files_) {
    SCOPED_TRACE(p.filename().string());
    std::string error;
    auto src = text::SourceText::load(p.string(), error);
    ASSERT_TRUE(src.has_value()) << error;
    ParseResult parsed = read_asa(*src);
    ASSERT_EQ(parsed.categories.size(), src->line_count());
    for (size_t i = 0; i < parsed.categories.size(); ++i)
      EXPECT_NE(category_name(parsed.categories[i]), nullptr) << "line " << i + 1 << " has no valid category";

    const ParseStats& s = parsed.stats;
    EXPECT_EQ(s.lines, src->line_count());
    EXPECT_EQ(s.blank + s.comments + s.free_text + s.modelled + s.ignored + s.unknown, s.lines);

    // The list of unknown lines is exactly the lines filed as Unknown, in order.
    size_t unknown_by_category = 0;
    for (LineCategory c : parsed.categories) unknown_by_category += c == LineCategory::Unknown ? 1 : 0;
    EXPECT_EQ(parsed.unknown.size(), unknown_by_category);
    EXPECT_EQ(s.unknown, unknown_by_category);
    for (size_t k = 0; k < parsed.unknown.size(); ++k) {
      const UnknownLine& u = parsed.unknown[k];
      ASSERT_LT(u.line, parsed.categories.size());
      EXPECT_EQ(parsed.categories[u.line], LineCategory::Unknown);
      EXPECT_EQ(u.span.line, u.line + 1);
      EXPECT_FALSE(u.reason.empty());
      if (k > 0) {
        EXPECT_LT(parsed.unknown[k - 1].line, u.line);
      }
    }
  }
}

TEST_F(Corpus, UnknownLinesPerFile) {
  size_t total = 0;
  for (const auto& p : files_) {
    std::string error;
    auto src = text::SourceText::load(p.string(), error);
    ASSERT_TRUE(src.has_value()) << error;
    ParseResult parsed = read_asa(*src);
    const std::string name = p.filename().string();
    RecordProperty("unknown:" + name, static_cast<int>(parsed.stats.unknown));
    std::cout << "[ corpus   ] " << name << ": " << src->line_count() << " lines, " << parsed.stats.unknown
              << " unknown, " << parsed.stats.modelled << " modelled, " << parsed.stats.ignored
              << " ignored\n";
    total += parsed.stats.unknown;
    if (!is_asa_file(p)) continue;
    // ASA files: every line is known ASA syntax.
    EXPECT_EQ(parsed.stats.unknown, 0u) << name;
    for (const auto& u : parsed.unknown)
      ADD_FAILURE() << name << ":" << u.span.line << ":" << u.span.col << ": " << u.reason << ": '"
                    << src->line(u.line) << "'";
  }
  std::cout << "[ corpus   ] total unknown lines: " << total << "\n";
}

// The whole pipeline (read, check, migrate, render) on every file: no crash,
// a failure is an INPUT finding with a place, and for what migrates, every
// original line survives and migrating the result again changes nothing.
TEST_F(Corpus, MigrateEveryFileAndAgain) {
  for (const auto& p : files_) {
    SCOPED_TRACE(p.filename().string());
    const std::string bytes = test::read_file(p);
    auto first = run_migrate_job(text::SourceText(p.filename().string(), bytes), MigrateJobOptions{});
    if (first.status == MigrateJobResult::Status::Failed) {
      ASSERT_EQ(first.findings.size(), 1u);
      EXPECT_EQ(first.findings[0].code, "INPUT");
      EXPECT_TRUE(first.findings[0].where.span.valid()) << format_finding(first.findings[0]);
      continue;
    }
    // Nothing removed without --overwrite: the input lines are a subsequence of the output.
    const auto in_lines = test::lines_of(bytes);
    const auto out_lines = test::lines_of(first.output);
    size_t j = 0;
    for (const auto& l : in_lines) {
      while (j < out_lines.size() && out_lines[j] != l) ++j;
      ASSERT_LT(j, out_lines.size()) << "input line lost: '" << l << "'";
      ++j;
    }
    auto second = run_migrate_job(text::SourceText(p.filename().string(), first.output), MigrateJobOptions{});
    ASSERT_NE(second.status, MigrateJobResult::Status::Failed);
    EXPECT_FALSE(second.changed);
    EXPECT_EQ(second.output, first.output);
  }
}

}  // namespace
}  // namespace ikeshift::asa
