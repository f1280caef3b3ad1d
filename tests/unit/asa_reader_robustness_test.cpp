// The reader never crashes and never loses a line, whatever the bytes: real
// configurations mutated at random (seeded, so a failure is reproducible).
#include <gtest/gtest.h>

#include <random>

#include "asa/asa_reader.h"
#include "asa/migrate_l2l.h"
#include "edit/edit_script.h"
#include "test_support.h"

namespace ikeshift::asa {
namespace {

TEST(AsaReaderRobustness, MutatedConfigsNeverCrashOrLoseALine) {
  std::vector<std::string> seeds;
  for (const char* f : {"seed004/asa1.cfg", "migrate/several-tunnels.cfg", "migrate/pre84.cfg",
                        "migrate/dynamic-map-and-ra.cfg", "migrate/overwrite.cfg"})
    seeds.push_back(test::read_file(test::fixture(f)));
  std::mt19937 rng(20261123);
  for (int i = 0; i < 600; ++i) {
    std::string text = test::mutate_config(seeds[static_cast<size_t>(i) % seeds.size()], rng);
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
