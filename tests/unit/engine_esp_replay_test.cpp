// The anti-replay window (RFC 4303 3.4.3, Appendix A) at its edges.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "esp/replay_window.h"

namespace ikeshift::engine::esp {
namespace {

using V = ReplayWindow::Verdict;

V offer(ReplayWindow& w, uint32_t seq) {
  uint64_t full = 0;
  V v = w.check(seq, full);
  if (v == V::Ok) w.accept(full);
  return v;
}

TEST(ReplayWindow, FirstPacketsDuplicatesAndTheLeftEdge) {
  ReplayWindow w(64);
  EXPECT_EQ(w.size(), 64u);
  EXPECT_EQ(offer(w, 0), V::Zero);  // 0 is never sent
  EXPECT_EQ(offer(w, 1), V::Ok);
  EXPECT_EQ(offer(w, 1), V::Replayed);
  EXPECT_EQ(offer(w, 100), V::Ok);
  EXPECT_EQ(offer(w, 100), V::Replayed);
  // 100 - 63 = 37 is the oldest number inside the window, 36 is outside.
  EXPECT_EQ(offer(w, 37), V::Ok);
  EXPECT_EQ(offer(w, 37), V::Replayed);
  EXPECT_EQ(offer(w, 36), V::TooOld);
  EXPECT_EQ(offer(w, 1), V::TooOld);
  // Out of order inside the window is fine, once.
  EXPECT_EQ(offer(w, 99), V::Ok);
  EXPECT_EQ(offer(w, 50), V::Ok);
  EXPECT_EQ(offer(w, 50), V::Replayed);
  EXPECT_EQ(w.top(), 100u);
}

TEST(ReplayWindow, CheckAloneNeverMovesTheWindow) {
  ReplayWindow w(64);
  uint64_t full = 0;
  EXPECT_EQ(w.check(1000, full), V::Ok);  // e.g. a forged packet: ICV fails, no accept()
  EXPECT_EQ(offer(w, 5), V::Ok);         // so old numbers are still fine
  EXPECT_EQ(w.top(), 5u);
}

TEST(ReplayWindow, JumpsLargerThanTheWindowClearIt) {
  ReplayWindow w(64);
  for (uint32_t s = 1; s <= 64; ++s) ASSERT_EQ(offer(w, s), V::Ok);
  EXPECT_EQ(offer(w, 1000), V::Ok);
  EXPECT_EQ(offer(w, 999), V::Ok);   // not marked by the old bits
  EXPECT_EQ(offer(w, 937), V::Ok);   // 1000 - 63
  EXPECT_EQ(offer(w, 936), V::TooOld);
}

// A bigger window across word boundaries against a plain set model.
TEST(ReplayWindow, MultiWordWindowAgreesWithAReferenceModel) {
  for (size_t size : {64u, 128u, 1024u}) {
    ReplayWindow w(size);
    std::set<uint64_t> seen;
    uint64_t top = 0;
    std::mt19937 rng(static_cast<unsigned>(size));
    uint64_t base = 1;
    for (int i = 0; i < 20000; ++i) {
      base += rng() % 3;
      const uint64_t s = base + rng() % (size + 40) - std::min<uint64_t>(base - 1, size / 2);
      if (s == 0 || s > UINT32_MAX) continue;
      V expected = s > top ? V::Ok : (top - s >= size ? V::TooOld : (seen.count(s) ? V::Replayed : V::Ok));
      V got = offer(w, static_cast<uint32_t>(s));
      ASSERT_EQ(got, expected) << "size " << size << " seq " << s << " top " << top;
      if (got == V::Ok) {
        seen.insert(s);
        top = std::max(top, s);
      }
    }
  }
}

TEST(ReplayWindow, ExtendedSequenceNumbersInferTheHighHalf) {
  ReplayWindow w(64, true);
  uint64_t full = 0;
  // Walk up to just below 2^32, then cross it.
  ASSERT_EQ(w.check(0xfffffff0u, full), V::Ok);
  w.accept(full);
  EXPECT_EQ(full, 0xfffffff0u);
  ASSERT_EQ(w.check(0x00000005u, full), V::Ok);  // the next epoch
  EXPECT_EQ(full, 0x100000005ull);
  w.accept(full);
  // A late packet from before the wrap, still inside the window.
  ASSERT_EQ(w.check(0xfffffff8u, full), V::Ok);
  EXPECT_EQ(full, 0xfffffff8ull);
  w.accept(full);
  EXPECT_EQ(w.check(0xfffffff8u, full), V::Replayed);
  // Below the window's bottom (2^32 + 5 - 63) the low bits are read as the
  // current epoch, i.e. far ahead (Appendix A2.2, case B): the ICV computed
  // with high half 1 then fails for the sender's real (epoch 0) packet.
  EXPECT_EQ(w.check(0xffffffc0u, full), V::Ok);
  EXPECT_EQ(full, 0x1ffffffc0ull);
  EXPECT_EQ(w.top(), 0x100000005ull);
}

}  // namespace
}  // namespace ikeshift::engine::esp
