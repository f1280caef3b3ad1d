#include "esp/replay_window.h"

namespace ikeshift::engine::esp {

ReplayWindow::ReplayWindow(size_t size, bool esn) : esn_(esn), bits_(size < 64 ? 1 : (size + 63) / 64, 0) {}

bool ReplayWindow::seen(uint64_t offset) const { return (bits_[offset / 64] >> (offset % 64)) & 1u; }

void ReplayWindow::shift(uint64_t by) {
  const size_t words = bits_.size();
  if (by >= size()) {
    for (uint64_t& w : bits_) w = 0;
    return;
  }
  const size_t word_shift = static_cast<size_t>(by / 64);
  const unsigned bit_shift = static_cast<unsigned>(by % 64);
  // Moving towards higher offsets: word i takes from words i - word_shift (and the one before).
  for (size_t i = words; i-- > 0;) {
    uint64_t v = 0;
    if (i >= word_shift) {
      v = bits_[i - word_shift] << bit_shift;
      if (bit_shift != 0 && i >= word_shift + 1) v |= bits_[i - word_shift - 1] >> (64 - bit_shift);
    }
    bits_[i] = v;
  }
}

ReplayWindow::Verdict ReplayWindow::check(uint32_t seq_low, uint64_t& full) const {
  const uint64_t w = size();
  if (!esn_) {
    full = seq_low;
    if (seq_low == 0) return Verdict::Zero;  // never sent (RFC 4303 2.2)
    if (full > top_) return Verdict::Ok;
    if (top_ - full >= w) return Verdict::TooOld;
    return seen(top_ - full) ? Verdict::Replayed : Verdict::Ok;
  }
  // Appendix A2.2: which 2^32 "epoch" the low bits belong to.
  const uint32_t tl = static_cast<uint32_t>(top_);
  uint32_t th = static_cast<uint32_t>(top_ >> 32);
  const uint32_t bottom = tl - static_cast<uint32_t>(w - 1);  // mod 2^32
  if (tl >= w - 1) {
    if (seq_low < bottom) ++th;  // wrapped past 2^32 ahead of the window
  } else if (seq_low >= bottom && th > 0) {
    --th;  // the window reaches back into the previous epoch and this is from there
  }
  // (In epoch 0 there is no previous epoch: such a number is taken as ahead,
  // and the ICV, computed with these high bits, decides.)
  full = (uint64_t{th} << 32) | seq_low;
  if (full == 0) return Verdict::Zero;
  if (full > top_) return Verdict::Ok;
  if (top_ - full >= w) return Verdict::TooOld;
  return seen(top_ - full) ? Verdict::Replayed : Verdict::Ok;
}

void ReplayWindow::accept(uint64_t full) {
  if (full > top_) {
    shift(full - top_);
    top_ = full;
    bits_[0] |= 1u;
    return;
  }
  const uint64_t offset = top_ - full;
  if (offset < size()) bits_[offset / 64] |= uint64_t{1} << (offset % 64);
}

}  // namespace ikeshift::engine::esp
