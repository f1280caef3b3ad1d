// The receiver's anti-replay window (RFC 4303 3.4.3 and Appendix A): a packet
// whose sequence number was seen already, or lies left of the window, is
// dropped. The window only advances after the ICV verified, so a forged
// packet cannot move it (check first, update after authentication).
//
// With extended sequence numbers only the low 32 bits travel; the high bits
// are inferred from the window position (Appendix A2.2) and then confirmed by
// the ICV, which covers them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ikeshift::engine::esp {

class ReplayWindow {
 public:
  // `size` packets (rounded up to a multiple of 64; at least 64; ASA and
  // RFC 4303 default 64). esn: 64-bit sequence numbers.
  explicit ReplayWindow(size_t size = 64, bool esn = false);

  enum class Verdict { Ok, Replayed, TooOld, Zero };
  // Classifies the received low 32 bits; `full` gets the inferred 64-bit
  // number (the high half is what the ICV must be computed with).
  Verdict check(uint32_t seq_low, uint64_t& full) const;
  // Records an authenticated packet. Call only after check() returned Ok
  // and the ICV verified.
  void accept(uint64_t full);

  size_t size() const { return bits_.size() * 64; }
  uint64_t top() const { return top_; }  // highest authenticated number (0: none yet)
  // The newest 64 positions, bit 0 = top() (the ASA's "Anti replay bitmap").
  uint64_t newest_bits() const { return bits_[0]; }

 private:
  bool seen(uint64_t offset) const;  // offset = top - seq, < size()
  void shift(uint64_t by);

  bool esn_;
  uint64_t top_ = 0;
  // Bit i of the window (word i / 64, bit i % 64) = top_ - i was received.
  std::vector<uint64_t> bits_;
};

}  // namespace ikeshift::engine::esp
