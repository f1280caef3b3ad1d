// The edit script renderers: byte identity of untouched lines, placement of
// insertions, and a unified diff that matches GNU diff -u exactly.
#include "edit/edit_script.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace ikeshift::edit {
namespace {

using text::SourceText;

SourceText src_of(std::string bytes) { return SourceText("test.cfg", std::move(bytes)); }

std::string render(const std::string& bytes, const EditScript& s) {
  const SourceText src = src_of(bytes);
  return render_config(src, s);
}

// ---------------------------------------------------------------------------
// render_config
// ---------------------------------------------------------------------------

TEST(RenderConfig, EmptyScriptIsByteIdentical) {
  const std::vector<std::string> inputs = {
      "",
      "\n",
      "\r\n",
      "a\nb\nc\n",
      "a\r\nb\r\nc\r\n",
      "a\r\nb\nc\r\n",            // mixed endings
      "a\nb\nno final newline",   // no final newline
      "a\rb\nlone cr\r",          // lone CR is content, also at EOF
      "caf\xc3\xa9\n\xff\xfe\x80 bytes\r\n\x01\x7f",  // non-UTF-8 and control bytes
      std::string("nul\0byte\n", 9),
  };
  for (const auto& in : inputs) {
    EditScript s;
    EXPECT_EQ(render(in, s), in);
  }
}

TEST(RenderConfig, UntouchedLinesKeepTheirEndings) {
  EditScript s;
  s.remove(1);
  EXPECT_EQ(render("a\r\nb\nc\r\nd\xff\rx\n", s), "a\r\nc\r\nd\xff\rx\n");
}

TEST(RenderConfig, InsertedLinesUseDominantEol) {
  {
    EditScript s;
    s.insert_after(0, {"x", "y"});
    EXPECT_EQ(render("a\r\nb\nc\r\n", s), "a\r\nx\r\ny\r\nb\nc\r\n");
  }
  {
    EditScript s;
    s.insert_after(0, {"x"});
    EXPECT_EQ(render("a\r\nb\nc\n", s), "a\r\nx\nb\nc\n");
  }
  {  // a file without any newline: "\n"
    EditScript s;
    s.insert_before(0, {"x"});
    EXPECT_EQ(render("only", s), "x\nonly");
  }
}

TEST(RenderConfig, InsertBeforeAndAfterAreTheSameAnchor) {
  EditScript s;
  s.insert_after(0, {"1"});
  s.insert_before(1, {"2"});
  s.insert_after(0, {"3", "4"});
  EXPECT_EQ(render("a\nb\n", s), "a\n1\n2\n3\n4\nb\n");
  ASSERT_EQ(s.inserts().size(), 3u);
  EXPECT_EQ(s.inserted_line_count(), 4u);
}

TEST(RenderConfig, InsertsAddedOutOfOrderComeOutInAnchorOrder) {
  EditScript s;
  s.insert_before(2, {"before c"});
  s.insert_before(0, {"before a"});
  s.insert_before(1, {"before b"});
  s.insert_before(0, {"before a 2"});
  EXPECT_EQ(render("a\nb\nc\n", s), "before a\nbefore a 2\na\nbefore b\nb\nbefore c\nc\n");
}

TEST(RenderConfig, RemoveAndInsertAroundRemovedLine) {
  EditScript s;
  s.insert_after(1, {"after b"});  // == before 2
  s.remove(1);
  s.insert_before(1, {"before b"});
  s.remove(1);  // twice is once
  EXPECT_EQ(s.removed_line_count(), 1u);
  EXPECT_TRUE(s.is_removed(1));
  EXPECT_FALSE(s.is_removed(0));
  EXPECT_EQ(render("a\nb\nc\n", s), "a\nbefore b\nafter b\nc\n");
}

TEST(RenderConfig, RemoveFirstLastAndAll) {
  {
    EditScript s;
    s.remove(0);
    s.remove(2);
    EXPECT_EQ(render("a\r\nb\nc", s), "b\n");
  }
  {
    EditScript s;
    for (uint32_t i = 0; i < 3; ++i) s.remove(i);
    EXPECT_EQ(render("a\nb\nc\n", s), "");
  }
  {  // out-of-range removals are ignored
    EditScript s;
    s.remove(7);
    EXPECT_EQ(render("a\nb\n", s), "a\nb\n");
  }
}

TEST(RenderConfig, AppendAfterLastLineWithoutNewline) {
  {
    EditScript s;
    s.insert_after(1, {"x", "y"});
    EXPECT_EQ(render("a\nb", s), "a\nb\nx\ny");
  }
  {  // CRLF dominant: the last line gets "\r\n"
    EditScript s;
    s.insert_before(2, {"x"});
    s.insert_before(99, {"y"});  // past the end == at the end
    EXPECT_EQ(render("a\r\nb", s), "a\r\nb\r\nx\r\ny");
  }
  {  // the last line removed: what precedes already ends with a newline
    EditScript s;
    s.remove(1);
    s.insert_after(1, {"x"});
    EXPECT_EQ(render("a\nb", s), "a\nx");
  }
  {  // file ending with a newline: inserted lines end with one too
    EditScript s;
    s.insert_after(1, {"x"});
    EXPECT_EQ(render("a\nb\n", s), "a\nb\nx\n");
  }
  {  // empty file
    EditScript s;
    s.insert_before(0, {"x", "y"});
    EXPECT_EQ(render("", s), "x\ny\n");
  }
  {  // empty insertion is no insertion: the last line stays as it was
    EditScript s;
    s.insert_after(1, {});
    EXPECT_TRUE(s.empty());
    EXPECT_EQ(render("a\nb", s), "a\nb");
  }
}

TEST(RenderConfig, InsertBeforeRemovedLastLineWithoutNewline) {
  EditScript s;
  s.insert_before(1, {"x"});
  s.remove(1);
  EXPECT_EQ(render("a\nb", s), "a\nx\n");
}

TEST(RenderConfig, FastOnLargeFiles) {
  constexpr uint32_t kLines = 200000;
  std::string big;
  big.reserve(kLines * 40);
  for (uint32_t i = 0; i < kLines; ++i) {
    big += " ikev1 pre-shared-key line-number-" + std::to_string(i);
    big += (i % 7 == 0) ? "\r\n" : "\n";
  }
  const SourceText src = src_of(big);
  EditScript s;
  for (uint32_t i = 0; i < kLines; i += 50) {
    s.insert_after(i, {"  ikev2 local-authentication pre-shared-key x"});
    s.remove(i + 1);
  }
  const auto t0 = std::chrono::steady_clock::now();
  std::string out;
  constexpr int kRounds = 5;
  for (int r = 0; r < kRounds; ++r) out = render_config(src, s);
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / kRounds;
  EXPECT_GT(out.size(), big.size() / 2);
  // Generous bound (debug builds, shared CI): well over 1M lines/s in release.
  EXPECT_LT(secs, 0.2) << "lines/s: " << kLines / secs;
}

// ---------------------------------------------------------------------------
// render_unified_diff: exact expectations
// ---------------------------------------------------------------------------

DiffOptions labels(unsigned context = 3) {
  DiffOptions o;
  o.old_label = "a/asa.cfg";
  o.new_label = "b/asa.cfg";
  o.context = context;
  return o;
}

TEST(UnifiedDiff, EmptyScriptGivesEmptyDiff) {
  const SourceText src = src_of("a\nb\n");
  EXPECT_EQ(render_unified_diff(src, EditScript{}, labels()), "");
  EditScript s;
  s.remove(9);
  EXPECT_EQ(render_unified_diff(src, s, labels()), "");
}

TEST(UnifiedDiff, SimpleChangeStripsCrAndCountsLikeGnu) {
  const SourceText src = src_of("a\r\nb\r\nc\r\nd\r\n");
  EditScript s;
  s.remove(1);
  s.insert_before(1, {"B1", "B2"});
  EXPECT_EQ(render_unified_diff(src, s, labels()),
            "--- a/asa.cfg\n+++ b/asa.cfg\n"
            "@@ -1,4 +1,5 @@\n a\n-b\n+B1\n+B2\n c\n d\n");
}

TEST(UnifiedDiff, EmptyRanges) {
  {  // pure insertion at the start of an empty file
    const SourceText src = src_of("");
    EditScript s;
    s.insert_before(0, {"x"});
    EXPECT_EQ(render_unified_diff(src, s, labels()),
              "--- a/asa.cfg\n+++ b/asa.cfg\n@@ -0,0 +1 @@\n+x\n");
  }
  {  // everything removed
    const SourceText src = src_of("a\nb\n");
    EditScript s;
    s.remove(0);
    s.remove(1);
    EXPECT_EQ(render_unified_diff(src, s, labels()),
              "--- a/asa.cfg\n+++ b/asa.cfg\n@@ -1,2 +0,0 @@\n-a\n-b\n");
  }
  {  // context 0: an insertion's old range is the line before it, count 0
    const SourceText src = src_of("a\nb\nc\n");
    EditScript s;
    s.insert_after(1, {"x"});
    EXPECT_EQ(render_unified_diff(src, s, labels(0)),
              "--- a/asa.cfg\n+++ b/asa.cfg\n@@ -2,0 +3 @@\n+x\n");
  }
}

TEST(UnifiedDiff, NoNewlineMarkers) {
  const SourceText src = src_of("a\nb");
  EditScript s;
  s.insert_after(1, {"c"});
  EXPECT_EQ(render_unified_diff(src, s, labels()),
            "--- a/asa.cfg\n+++ b/asa.cfg\n@@ -1,2 +1,3 @@\n a\n-b\n"
            "\\ No newline at end of file\n+b\n+c\n\\ No newline at end of file\n");
}

TEST(UnifiedDiff, FilterAppliesToEveryShownLine) {
  const SourceText src = src_of("k1\nk2\nk3\n");
  EditScript s;
  s.remove(1);
  s.insert_after(1, {"k4"});
  DiffOptions o = labels();
  o.filter = [](std::string_view l) { return std::string(l.substr(0, 1)) + "*"; };
  EXPECT_EQ(render_unified_diff(src, s, o),
            "--- a/asa.cfg\n+++ b/asa.cfg\n@@ -1,3 +1,3 @@\n k*\n-k*\n+k*\n k*\n");
}

TEST(UnifiedDiff, Colour) {
  const SourceText src = src_of("a\nb");
  EditScript s;
  s.remove(0);
  s.insert_after(1, {"c"});
  DiffOptions o = labels();
  o.color = true;
  EXPECT_EQ(render_unified_diff(src, s, o),
            "\x1b[1m--- a/asa.cfg\x1b[0m\n"
            "\x1b[1m+++ b/asa.cfg\x1b[0m\n"
            "\x1b[36m@@ -1,2 +1,2 @@\x1b[0m\n"
            "\x1b[31m-a\x1b[0m\n"
            "\x1b[31m-b\x1b[0m\n"
            "\\ No newline at end of file\n"
            "\x1b[32m+b\x1b[0m\n"
            "\x1b[32m+c\x1b[0m\n"
            "\\ No newline at end of file\n");
}

// ---------------------------------------------------------------------------
// render_unified_diff against GNU diff
// ---------------------------------------------------------------------------

// A temporary directory removed with its files at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = ::testing::TempDir() + "ikeshift-diff-XXXXXX";
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    if (::mkdtemp(buf.data()) != nullptr) path_ = buf.data();
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    for (const auto& f : files_) std::remove(f.c_str());
    if (!path_.empty()) ::rmdir(path_.c_str());
  }
  bool ok() const { return !path_.empty(); }
  std::string write(const std::string& name, const std::string& data) {
    const std::string p = path_ + "/" + name;
    std::ofstream(p, std::ios::binary) << data;
    files_.push_back(p);
    return p;
  }

 private:
  std::string path_;
  std::vector<std::string> files_;
};

struct PcloseDeleter {
  void operator()(FILE* f) const { ::pclose(f); }
};

std::string gnu_diff(TempDir& dir, const std::string& old_text, const std::string& new_text,
                     const DiffOptions& o, bool strip_cr) {
  const std::string a = dir.write("old.cfg", old_text);
  const std::string b = dir.write("new.cfg", new_text);
  const std::string cmd = std::string("/usr/bin/diff ") + (strip_cr ? "--strip-trailing-cr " : "") +
                          "-U " + std::to_string(o.context) + " --label '" + o.old_label +
                          "' --label '" + o.new_label + "' '" + a + "' '" + b + "'";
  std::unique_ptr<FILE, PcloseDeleter> p(::popen(cmd.c_str(), "r"));
  std::string out;
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p.get())) > 0) out.append(buf, n);
  return out;
}

// Random scripts over files of unique lines (so GNU diff's LCS is the script),
// with and without final newline, LF and CRLF, contexts 0..4.
TEST(UnifiedDiff, MatchesGnuDiff) {
  if (::access("/usr/bin/diff", X_OK) != 0) GTEST_SKIP() << "GNU diff not installed";
  TempDir dir;
  ASSERT_TRUE(dir.ok());
  std::mt19937 rng(20240611);  // fixed seed: reproducible cases
  int compared = 0;
  for (int round = 0; round < 300; ++round) {
    const uint32_t n = rng() % 40;
    const bool crlf = rng() % 3 == 0;
    const bool final_newline = rng() % 3 != 0;
    std::string old_text;
    for (uint32_t i = 0; i < n; ++i) {
      old_text += "line " + std::to_string(i) + (i % 5 == 0 ? "  " : "");
      if (i + 1 < n || final_newline) old_text += crlf ? "\r\n" : "\n";
    }
    const SourceText src = src_of(old_text);
    EditScript s;
    const uint32_t edits = rng() % 6;
    int added = 0;
    for (uint32_t e = 0; e < edits; ++e) {
      const uint32_t kind = rng() % 4;
      const uint32_t at = n == 0 ? 0 : rng() % (n + 1);
      if (kind == 0 && at < n) {
        s.remove(at);
        if (rng() % 2 == 0 && at + 1 < n) s.remove(at + 1);
      } else {
        std::vector<std::string> lines;
        const uint32_t k = 1 + rng() % 3;
        for (uint32_t j = 0; j < k; ++j) lines.push_back("new " + std::to_string(added++));
        if (kind == 1) {
          s.insert_after(at, std::move(lines));
        } else {
          s.insert_before(at, std::move(lines));
        }
      }
    }
    const std::string new_text = render_config(src, s);
    DiffOptions o = labels(round % 5);
    const std::string ours = render_unified_diff(src, s, o);
    const std::string theirs = gnu_diff(dir, old_text, new_text, o, crlf);
    ASSERT_EQ(ours, theirs) << "round " << round << " n=" << n << " crlf=" << crlf
                            << " final_newline=" << final_newline << "\nold:\n"
                            << old_text << "\nnew:\n"
                            << new_text;
    ++compared;
  }
  EXPECT_EQ(compared, 300);
}

}  // namespace
}  // namespace ikeshift::edit
