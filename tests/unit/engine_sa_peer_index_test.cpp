// The index both engines use to find the crypto map entry of a first message.
#include "sa/peer_index.h"

#include <gtest/gtest.h>

namespace ikeshift::engine::sa {
namespace {

TunnelEndpoints entry(uint32_t sequence, uint32_t local, uint32_t peer) {
  TunnelEndpoints e;
  e.map = "vpn";
  e.sequence = sequence;
  e.local_address = local;
  e.peer_address = peer;
  return e;
}

TEST(PeerIndex, FindsTheEntryByBothAddressesAndTheFirstOfTwins) {
  const std::vector<TunnelEndpoints> peers{entry(10, 0xC0A80101, 0xC0A80202), entry(20, 0xC0A80101, 0xC0A80303),
                                           entry(30, 0xC0A80A01, 0xC0A80202), entry(40, 0xC0A80101, 0xC0A80202)};
  PeerIndex index(peers);
  EXPECT_EQ(index.find(0xC0A80202, 0xC0A80101), std::optional<size_t>(0));  // not 3: configuration order
  EXPECT_EQ(index.find(0xC0A80303, 0xC0A80101), std::optional<size_t>(1));
  EXPECT_EQ(index.find(0xC0A80202, 0xC0A80A01), std::optional<size_t>(2));  // same peer, other local address
  EXPECT_FALSE(index.find(0xC0A80101, 0xC0A80202).has_value());            // the addresses swapped
  EXPECT_FALSE(index.find(0xC0A80404, 0xC0A80101).has_value());
  EXPECT_FALSE(PeerIndex().find(0xC0A80202, 0xC0A80101).has_value());
}

}  // namespace
}  // namespace ikeshift::engine::sa
