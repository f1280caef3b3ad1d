// The IOS and RTX readers, their intents, migrations and every writer never
// crash and never lose a line, whatever the bytes: the seed fixtures mutated
// at random (seeded, so a failure is reproducible).
#include <gtest/gtest.h>

#include <random>

#include "asa/asa_writer.h"
#include "edit/edit_script.h"
#include "ios/ios_intent.h"
#include "ios/ios_migrate.h"
#include "ios/ios_reader.h"
#include "ios/ios_writer.h"
#include "rtx/rtx_intent.h"
#include "rtx/rtx_migrate.h"
#include "rtx/rtx_reader.h"
#include "rtx/rtx_writer.h"
#include "swanctl/swanctl_writer.h"
#include "test_support.h"

namespace ikeshift {
namespace {

template <class Parsed>
void expect_every_line(const text::SourceText& src, const Parsed& r, int i) {
  ASSERT_EQ(r.categories.size(), src.line_count()) << "iteration " << i;
  const auto& s = r.stats;
  ASSERT_EQ(s.blank + s.comments + s.free_text + s.modelled + s.ignored + s.unknown, src.line_count()) << i;
  ASSERT_EQ(edit::render_config(src, edit::EditScript{}), std::string(src.bytes())) << i;
}

void write_all(const model::Intent& in) {
  (void)asa::write_asa(in, {});
  (void)ios::write_ios(in, {});
  (void)rtx::write_rtx(in, {});
  (void)swanctl::write_swanctl(in, {});
}

TEST(DialectRobustness, MutatedIosConfigsNeverCrashOrLoseALine) {
  std::vector<std::string> seeds;
  for (const char* f : {"seed002/hub.cfg", "seed002/spoke1.cfg", "migrate-ios/branch.cfg", "migrate-ios/branch.expected.cfg",
                        "translate/asa1-to-ios.cfg"})
    seeds.push_back(test::read_file(test::fixture(f)));
  std::mt19937 rng(20261201);
  for (int i = 0; i < 2000; ++i) {
    const std::string text = test::mutate_config(seeds[static_cast<size_t>(i) % seeds.size()], rng);
    text::SourceText src("m.cfg", text);
    ios::ParseResult r = ios::read_ios(src);
    expect_every_line(src, r, i);
    (void)ios::check_ios_input(src, r);
    write_all(model::derive_intent(r.config, "m.cfg"));
    asa::MigrateResult m = ios::migrate_l2l(src, r);
    const auto out = test::lines_of(edit::render_config(src, m.script));
    ASSERT_GE(out.size(), test::lines_of(text).size()) << "iteration " << i << ": the IOS migration only adds";
  }
}

TEST(DialectRobustness, MutatedRtxConfigsNeverCrashOrLoseALine) {
  std::vector<std::string> seeds;
  for (const char* f : {"seed003/rtx-ikev2.cfg", "seed003/rtx-ikev1.cfg", "translate/asa1-to-rtx.cfg"})
    seeds.push_back(test::read_file(test::fixture(f)));
  std::mt19937 rng(20261202);
  for (int i = 0; i < 2000; ++i) {
    const std::string text = test::mutate_config(seeds[static_cast<size_t>(i) % seeds.size()], rng);
    text::SourceText src("m.cfg", text);
    rtx::ParseResult r = rtx::read_rtx(src);
    expect_every_line(src, r, i);
    (void)rtx::check_rtx_input(src, r);
    write_all(model::derive_intent(r.config, "m.cfg"));
    asa::MigrateResult m = rtx::migrate_l2l(src, r);
    (void)edit::render_config(src, m.script);
  }
}

}  // namespace
}  // namespace ikeshift
