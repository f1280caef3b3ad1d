// The reader never crashes and never loses a line, whatever the bytes: real
// configurations mutated at random (seeded, so a failure is reproducible).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "asa/asa_reader.h"
#include "asa/migrate_l2l.h"
#include "edit/edit_script.h"

namespace ikeshift::asa {
namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string mutate(std::string text, std::mt19937& rng) {
  std::uniform_int_distribution<int> op(0, 5);
  std::uniform_int_distribution<int> byte(0, 255);
  const int edits = 1 + static_cast<int>(rng() % 8);
  for (int k = 0; k < edits && !text.empty(); ++k) {
    size_t at = rng() % text.size();
    switch (op(rng)) {
      case 0: text.erase(at, 1 + rng() % 12); break;                           // cut
      case 1: text.insert(at, 1, static_cast<char>(byte(rng))); break;         // any byte
      case 2: text[at] = static_cast<char>(byte(rng)); break;                  // flip
      case 3: text.insert(at, " "); break;                                     // indent / split
      case 4: text.insert(at, "\n"); break;                                    // break a line
      default: text.resize(at); break;                                         // truncate
    }
  }
  return text;
}

TEST(AsaReaderRobustness, MutatedConfigsNeverCrashOrLoseALine) {
  std::vector<std::string> seeds;
  seeds.push_back(slurp(std::filesystem::path(IKESHIFT_SOURCE_DIR) / "fixtures/seed004/asa1.cfg"));
  for (const char* f : {"several-tunnels.cfg", "pre84.cfg", "dynamic-map-and-ra.cfg", "overwrite.cfg"}) {
    auto p = std::filesystem::path(IKESHIFT_SOURCE_DIR) / "fixtures/migrate" / f;
    if (std::filesystem::exists(p)) seeds.push_back(slurp(p));
  }
  std::mt19937 rng(20261123);
  for (int i = 0; i < 600; ++i) {
    std::string text = mutate(seeds[static_cast<size_t>(i) % seeds.size()], rng);
    text::SourceText src("m.cfg", text);
    ParseResult r = read_asa(src);
    ASSERT_EQ(r.categories.size(), src.line_count()) << "iteration " << i;
    ASSERT_EQ(r.stats.lines, src.line_count());
    // No line lost: an empty edit renders the input byte for byte.
    ASSERT_EQ(edit::render_config(src, edit::EditScript{}), text) << "iteration " << i;
    // The checks and the migration run on whatever was read, without crashing,
    // and every original line survives the migration (only --overwrite removes).
    (void)check_asa_input(src, r);
    MigrateResult m = migrate_l2l(src, r, MigrateOptions{});
    ASSERT_EQ(m.script.removed_line_count(), 0u) << "iteration " << i;
    for (const auto& u : r.unknown) {
      ASSERT_GE(u.span.line, 1u);
      ASSERT_LE(u.span.line, src.line_count());
      ASSERT_FALSE(u.reason.empty());
    }
  }
}

}  // namespace
}  // namespace ikeshift::asa
