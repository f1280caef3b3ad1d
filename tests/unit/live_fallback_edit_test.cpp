// --scenario fallback's edit: seed 004's `no crypto map vpn 12 set ikev2
// ipsec-proposal GOSET` done on the migrated text, nothing else touched.
#include "live/fallback_edit.h"

#include <gtest/gtest.h>

#include "asa/asa_intent.h"
#include "asa/asa_reader.h"
#include "test_support.h"

namespace ikeshift::live {
namespace {

model::Intent intent_of(const std::string& text) {
  text::SourceText src("asa1.cfg", text);
  return model::derive_intent(asa::read_asa(src).config, "asa1.cfg");
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

TEST(FallbackEdit, RemovesOnlyTheProposalLinesAndTheEntryFallsBackToIkev1) {
  const std::string migrated = test::read_file(test::fixture("seed004/asa1.expected.cfg"));
  const model::Intent before = intent_of(migrated);
  ASSERT_FALSE(before.tunnels.empty());
  ASSERT_TRUE(before.tunnels[0].ikev2);

  const std::string edited = without_ikev2_proposals(migrated, before);
  EXPECT_EQ(edited.find("set ikev2 ipsec-proposal"), std::string::npos) << edited;
  // Exactly the line that sets the proposal is gone; the rest is byte for byte.
  const size_t at = migrated.find("crypto map vpn 12 set ikev2 ipsec-proposal");
  ASSERT_NE(at, std::string::npos);
  const size_t end = migrated.find('\n', at) + 1;
  EXPECT_EQ(edited, migrated.substr(0, at) + migrated.substr(end));

  const model::Intent after = intent_of(edited);
  ASSERT_EQ(after.tunnels.size(), before.tunnels.size());
  EXPECT_FALSE(after.tunnels[0].ikev2);
  EXPECT_TRUE(after.tunnels[0].ikev1);
  EXPECT_NE(edited.find("crypto ikev2 policy 1"), std::string::npos) << "the policies stay; only the entry's proposal goes";
}

TEST(FallbackEdit, KeepsCrlfAndAMissingFinalNewline) {
  std::string migrated = test::read_file(test::fixture("seed004/asa1.expected.cfg"));
  replace_all(migrated, "\n", "\r\n");
  while (!migrated.empty() && (migrated.back() == '\n' || migrated.back() == '\r')) migrated.pop_back();
  const std::string edited = without_ikev2_proposals(migrated, intent_of(migrated));
  EXPECT_EQ(edited.find("set ikev2 ipsec-proposal"), std::string::npos);
  EXPECT_NE(edited.find("\r\n"), std::string::npos);
  EXPECT_NE(edited.back(), '\n');
  EXPECT_EQ(migrated.size() - edited.size(), std::string("crypto map vpn 12 set ikev2 ipsec-proposal goset\r\n").size());
}

}  // namespace
}  // namespace ikeshift::live
