// Every input ikeshift has (the shared corpus and the fixtures), read in its
// own dialect and written in every target: no crash, every output is syntax
// its own reader understands (no unknown line), and every finding names a
// place in the input.
#include <gtest/gtest.h>

#include <algorithm>

#include "asa/asa_reader.h"
#include "asa/asa_writer.h"
#include "ios/ios_reader.h"
#include "ios/ios_writer.h"
#include "rtx/rtx_reader.h"
#include "rtx/rtx_writer.h"
#include "swanctl/swanctl_writer.h"
#include "test_support.h"
#include "translate/translate_job.h"

namespace ikeshift {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> inputs() {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(test::corpus_dir(), ec))
    if (e.is_regular_file() && e.path().extension() == ".cfg") out.push_back(e.path());
  for (const char* dir : {"seed002", "seed003", "seed004", "migrate", "migrate-ios", "migrate-rtx"})
    for (const auto& e : fs::directory_iterator(test::fixture(dir)))
      if (e.path().extension() == ".cfg") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

template <class Parsed>
void expect_known(const Parsed& parsed, const std::string& text, const std::string& what) {
  text::SourceText src(what, text);
  for (const auto& u : parsed.unknown) ADD_FAILURE() << what << ":" << u.span.line << ": " << u.reason << ": '" << src.line(u.line) << "'";
}

TEST(TranslateEverything, EveryInputToEveryTargetIsReadableAgain) {
  size_t translated = 0;
  for (const fs::path& p : inputs()) {
    SCOPED_TRACE(p.string());
    const std::string bytes = test::read_file(p);
    text::SourceText src(p.filename().string(), bytes);
    translate::ReadIntent read = translate::read_intent(src, std::nullopt, p.filename().string());
    if (!read.intent) {
      ASSERT_TRUE(read.input_error.has_value());
      EXPECT_EQ(read.input_error->code, "INPUT");
      continue;
    }
    for (const auto ike : {translate::IkeChoice::Keep, translate::IkeChoice::V2, translate::IkeChoice::V1}) {
      std::vector<Finding> choice_findings;
      const model::Intent in = translate::choose_ike(*read.intent, ike, choice_findings);
      {
        auto w = asa::write_asa(in, {});
        text::SourceText out("out.asa", w.text);
        expect_known(asa::read_asa(out), w.text, "asa from " + p.filename().string());
      }
      {
        auto w = ios::write_ios(in, {});
        text::SourceText out("out.ios", w.text);
        expect_known(ios::read_ios(out), w.text, "ios from " + p.filename().string());
      }
      {
        auto w = rtx::write_rtx(in, {});
        text::SourceText out("out.rtx", w.text);
        expect_known(rtx::read_rtx(out), w.text, "rtx from " + p.filename().string());
        for (const auto& f : w.findings) EXPECT_EQ(f.where.file, p.filename().string()) << format_finding(f);
      }
      {
        auto w = swanctl::write_swanctl(in, {});
        EXPECT_EQ(std::count(w.text.begin(), w.text.end(), '{'), std::count(w.text.begin(), w.text.end(), '}')) << w.text;
      }
    }
    ++translated;
  }
  EXPECT_GE(translated, 20u);
}

}  // namespace
}  // namespace ikeshift
