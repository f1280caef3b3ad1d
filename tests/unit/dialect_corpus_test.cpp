// The public IOS configurations in ../shared/corpus (MANIFEST.tsv) through the
// IOS reader: every line gets exactly one category, the IOS files have no
// line the reader does not understand, and the ASA/IOS mix is read without a
// crash with every line accounted for.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>

#include "common/dialect_detect.h"
#include "ios/ios_reader.h"
#include "test_support.h"

namespace ikeshift::ios {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> files_with_prefix(const std::string& prefix) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(test::corpus_dir(), ec))
    if (e.is_regular_file() && e.path().filename().string().rfind(prefix, 0) == 0) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

void expect_all_lines_categorised(const text::SourceText& src, const ParseResult& parsed) {
  ASSERT_EQ(parsed.categories.size(), src.line_count());
  const ParseStats& s = parsed.stats;
  EXPECT_EQ(s.blank + s.comments + s.free_text + s.modelled + s.ignored + s.unknown, s.lines);
  size_t unknown = 0;
  for (LineCategory c : parsed.categories) unknown += c == LineCategory::Unknown ? 1 : 0;
  EXPECT_EQ(parsed.unknown.size(), unknown);
  for (const auto& u : parsed.unknown) {
    EXPECT_EQ(parsed.categories[u.line], LineCategory::Unknown);
    EXPECT_EQ(u.span.line, u.line + 1);
    EXPECT_FALSE(u.reason.empty());
  }
}

TEST(IosCorpus, EveryIosFileParsesWithoutALostLine) {
  if (!fs::is_directory(test::corpus_dir())) GTEST_SKIP() << "no corpus at " << test::corpus_dir();
  const auto files = files_with_prefix("ios-");
  ASSERT_GE(files.size(), 6u);
  for (const auto& p : files) {
    SCOPED_TRACE(p.filename().string());
    const std::string bytes = test::read_file(p);
    text::SourceText src(p.filename().string(), bytes);
    ParseResult parsed = read_ios(src);
    expect_all_lines_categorised(src, parsed);
    EXPECT_EQ(detect_dialect(src).dialect, ConfigDialect::Ios);
    EXPECT_FALSE(check_ios_input(src, parsed).has_value());
    for (const auto& u : parsed.unknown)
      ADD_FAILURE() << p.filename().string() << ":" << u.span.line << ":" << u.span.col << ": " << u.reason
                    << ": '" << src.line(u.line) << "'";
    std::cout << "[ corpus   ] " << p.filename().string() << ": " << parsed.stats.lines << " lines, "
              << parsed.stats.modelled << " modelled, " << parsed.stats.ignored << " ignored, "
              << parsed.stats.unknown << " unknown\n";
  }
}

TEST(IosCorpus, TheAsaIosMixIsReadWithEveryLineAccountedFor) {
  if (!fs::is_directory(test::corpus_dir())) GTEST_SKIP() << "no corpus at " << test::corpus_dir();
  for (const auto& p : files_with_prefix("mixed-")) {
    SCOPED_TRACE(p.filename().string());
    const std::string bytes = test::read_file(p);
    text::SourceText src(p.filename().string(), bytes);
    ParseResult parsed = read_ios(src);
    expect_all_lines_categorised(src, parsed);
    // The ASA-only lines of the mix are unknown to IOS, and listed.
    std::cout << "[ corpus   ] " << p.filename().string() << ": " << parsed.stats.unknown
              << " lines not IOS (listed with reasons)\n";
  }
}

// Detection never takes an ASA file for another dialect (the ASA reader then
// explains what is wrong with a file it cannot place), nor an IOS one.
TEST(DialectDetection, CorpusAndFixturesAreTakenForTheirOwnDialect) {
  std::vector<fs::path> asa = files_with_prefix("asa-");
  for (const char* dir : {"seed004", "migrate"}) {
    for (const auto& e : fs::directory_iterator(test::fixture(dir)))
      if (e.path().extension() == ".cfg") asa.push_back(e.path());
  }
  for (const auto& p : asa) {
    const std::string bytes = test::read_file(p);
    const ConfigDialect d = detect_dialect(text::SourceText(p.string(), bytes)).dialect;
    EXPECT_TRUE(d == ConfigDialect::Asa || d == ConfigDialect::Unknown) << p << " taken for " << dialect_name(d);
  }
  for (const auto& p : files_with_prefix("ios-")) {
    const std::string bytes = test::read_file(p);
    EXPECT_EQ(detect_dialect(text::SourceText(p.string(), bytes)).dialect, ConfigDialect::Ios) << p;
  }
  for (const char* f : {"seed003/rtx-ikev2.cfg", "seed003/rtx-ikev1.cfg"}) {
    const std::string bytes = test::read_file(test::fixture(f));
    EXPECT_EQ(detect_dialect(text::SourceText(f, bytes)).dialect, ConfigDialect::Rtx) << f;
  }
}

}  // namespace
}  // namespace ikeshift::ios
