// The device-wide inbound SPI allocator both IKE engines draw from.
#include <gtest/gtest.h>

#include <deque>

#include "crypto/rng.h"
#include "sa/inbound_spi_allocator.h"

namespace ikeshift::engine::sa {
namespace {

// Hands out the 32-bit values it was given, big-endian, in order.
class ScriptedRng : public crypto::Rng {
 public:
  explicit ScriptedRng(std::deque<uint32_t> values) : values_(std::move(values)) {}
  void fill(uint8_t* out, std::size_t n) override {
    ASSERT_EQ(n, 4u);
    ASSERT_FALSE(values_.empty()) << "the allocator drew more often than the test expects";
    const uint32_t v = values_.front();
    values_.pop_front();
    for (int i = 0; i < 4; ++i) out[i] = static_cast<uint8_t>(v >> (24 - 8 * i));
  }
  size_t left() const { return values_.size(); }

 private:
  std::deque<uint32_t> values_;
};

TEST(InboundSpiAllocator, SkipsReservedValuesAndSpisInUse) {
  ScriptedRng rng({0, 255, 0x1000, 0x1000, 256, 0xffffffffu});
  InboundSpiAllocator spis(rng);
  EXPECT_EQ(spis.allocate(), 0x1000u);  // 0 and 255 are reserved (RFC 4303 2.1)
  EXPECT_EQ(spis.allocate(), 256u);     // 0x1000 is taken: drawn again
  EXPECT_EQ(spis.allocate(), 0xffffffffu);
  EXPECT_EQ(spis.size(), 3u);
  EXPECT_EQ(rng.left(), 0u);
}

TEST(InboundSpiAllocator, AReleasedSpiCanBeHandedOutAgain) {
  ScriptedRng rng({0x2000, 0x2000});
  InboundSpiAllocator spis(rng);
  ASSERT_EQ(spis.allocate(), 0x2000u);
  spis.release(0x2000);
  EXPECT_FALSE(spis.in_use(0x2000));
  EXPECT_EQ(spis.allocate(), 0x2000u);
  spis.release(0x9999);  // unknown: ignored
  EXPECT_EQ(spis.size(), 1u);
}

TEST(InboundSpiAllocator, ReserveTakesAnSpiChosenElsewhere) {
  ScriptedRng rng({0x3000, 0x3001});
  InboundSpiAllocator spis(rng);
  EXPECT_TRUE(spis.reserve(0x3000));
  EXPECT_FALSE(spis.reserve(0x3000));
  EXPECT_FALSE(spis.reserve(17));
  EXPECT_EQ(spis.allocate(), 0x3001u);
}

TEST(SpiLease, GivesItsSpiBackWhenItEndsAndMovesWithItsOwner) {
  ScriptedRng rng({0x4000});
  InboundSpiAllocator spis(rng);
  {
    SpiLease lease(spis, spis.allocate());
    EXPECT_EQ(lease.spi(), 0x4000u);
    SpiLease moved = std::move(lease);
    EXPECT_EQ(lease.spi(), 0u);  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
    EXPECT_TRUE(spis.in_use(0x4000));
    SpiLease other;
    other = std::move(moved);
    EXPECT_TRUE(spis.in_use(0x4000));
  }
  EXPECT_FALSE(spis.in_use(0x4000));
  EXPECT_EQ(spis.size(), 0u);
}

}  // namespace
}  // namespace ikeshift::engine::sa
