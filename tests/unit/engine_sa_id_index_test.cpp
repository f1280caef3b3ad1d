#include <gtest/gtest.h>

#include <set>

#include "sa/sa_id_index.h"

namespace ikeshift::engine::sa {
namespace {

std::set<uint32_t> ids(const SaIdIndex& index, uint64_t key) {
  std::set<uint32_t> out;
  auto range = index.equal_range(key);
  for (auto r = range.first; r != range.second; ++r) out.insert(r->second);
  return out;
}

TEST(SaIdIndex, RemovingOneSaLeavesTheOthersUnderTheSameValue) {
  SaIdIndex index;
  index.add(0x1122334455667788, 1);
  index.add(0x1122334455667788, 2);  // e.g. a retransmitted first message
  index.add(0x99, 3);
  EXPECT_EQ(ids(index, 0x1122334455667788), (std::set<uint32_t>{1, 2}));
  index.remove(0x1122334455667788, 1);
  EXPECT_EQ(ids(index, 0x1122334455667788), (std::set<uint32_t>{2}));
  EXPECT_EQ(ids(index, 0x99), (std::set<uint32_t>{3}));
  index.remove(0x99, 2);  // not under that value: nothing changes
  EXPECT_EQ(ids(index, 0x99), (std::set<uint32_t>{3}));
  index.remove(0x1122334455667788, 2);
  EXPECT_TRUE(ids(index, 0x1122334455667788).empty());
}

}  // namespace
}  // namespace ikeshift::engine::sa
