// swanctl --raw, as charon 5.9.8 prints --list-sas here: the tree the check's
// strongSwan peer and the interop tests read charon's SAs from.
#include "live/swanctl_raw.h"

#include <gtest/gtest.h>

namespace ikeshift::live {
namespace {

TEST(SwanctlRaw, ReadsNestedSectionsValuesAndLists) {
  const std::string raw =
      "list-sa event {vpn-12 {uniqueid=1 version=2 state=ESTABLISHED local-host=192.168.2.2 "
      "initiator-spi=87e0bdbb188c5632 encr-alg=3DES_CBC child-sas {vpn-12-1-3 {name=vpn-12-1 state=INSTALLED "
      "spi-in=c8f01a8e local-ts=[10.20.20.0/24] remote-ts=[10.10.10.0/24 10.11.0.0/16]}}}}\n"
      "list-sa event {second {state=CONNECTING}}\n";
  const SwanctlRaw root = parse_swanctl_raw(raw);
  ASSERT_EQ(root.sections.size(), 2u);
  EXPECT_EQ(root.sections[0].name, "event");  // "list-sa event": the word before the brace
  ASSERT_EQ(root.sections[0].sections.size(), 1u);
  const SwanctlRaw& ike = root.sections[0].sections[0];
  EXPECT_EQ(ike.name, "vpn-12");
  EXPECT_EQ(ike.get("state"), "ESTABLISHED");
  EXPECT_EQ(ike.get("initiator-spi"), "87e0bdbb188c5632");
  EXPECT_EQ(ike.get("absent"), "");
  const SwanctlRaw* children = ike.section("child-sas");
  ASSERT_NE(children, nullptr);
  ASSERT_EQ(children->sections.size(), 1u);
  EXPECT_EQ(children->sections[0].get("spi-in"), "c8f01a8e");
  EXPECT_EQ(children->sections[0].get("remote-ts"), "10.10.10.0/24 10.11.0.0/16");
  EXPECT_EQ(root.sections[1].sections[0].get("state"), "CONNECTING");
}

TEST(SwanctlRaw, ATruncatedListingKeepsWhatItHolds) {
  const SwanctlRaw root = parse_swanctl_raw("list-sa event {a {state=ESTABLISHED child-sas {c {spi-in=");
  ASSERT_EQ(root.sections.size(), 1u);
  ASSERT_EQ(root.sections[0].sections.size(), 1u);
  EXPECT_EQ(root.sections[0].sections[0].get("state"), "ESTABLISHED");
  EXPECT_TRUE(parse_swanctl_raw("").sections.empty());
  EXPECT_TRUE(parse_swanctl_raw("} } = [").sections.empty());
}

}  // namespace
}  // namespace ikeshift::live
