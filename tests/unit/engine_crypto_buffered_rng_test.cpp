// BufferedRng, the daemon's RNG: the same bytes as its source, in the same
// order, for the small draws it buffers; large draws straight from the source.
#include "crypto/rng.h"

#include <gtest/gtest.h>

namespace ikeshift::crypto {
namespace {

// Counts the calls that reach the source (what the buffer is there to save).
class CountingRng final : public Rng {
 public:
  explicit CountingRng(Rng& inner) : inner_(inner) {}
  void fill(uint8_t* out, std::size_t n) override {
    ++calls;
    inner_.fill(out, n);
  }
  int calls = 0;

 private:
  Rng& inner_;
};

TEST(BufferedRng, SmallDrawsAreTheSourceStreamInOrderFromFewCalls) {
  CryptoContext ctx;
  DeterministicRng reference(ctx, 7), source(ctx, 7);
  CountingRng counting(source);
  BufferedRng buffered(counting, 64);
  Bytes got, want;
  for (std::size_t n : {8u, 32u, 1u, 20u, 16u, 32u, 3u, 8u, 32u, 4u}) {  // 156 bytes, across block ends
    Bytes b = buffered.bytes(n);
    got.insert(got.end(), b.begin(), b.end());
  }
  want = reference.bytes(got.size());
  EXPECT_EQ(got, want);
  EXPECT_EQ(counting.calls, 3);  // three 64-byte blocks, not ten draws
}

TEST(BufferedRng, LargeDrawsGoStraightToTheSource) {
  CryptoContext ctx;
  DeterministicRng reference(ctx, 9), source(ctx, 9);
  CountingRng counting(source);
  BufferedRng buffered(counting, 64);
  Bytes big = buffered.bytes(33);  // more than half a block
  EXPECT_EQ(big, reference.bytes(33));
  EXPECT_EQ(counting.calls, 1);
  Bytes small = buffered.bytes(4);  // now a block: the source's next 64 bytes
  EXPECT_EQ(small, reference.bytes(4));
  EXPECT_EQ(counting.calls, 2);
}

}  // namespace
}  // namespace ikeshift::crypto
