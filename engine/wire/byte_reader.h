// A bounds-checked big-endian reader over a ByteView.
//
// Every read either succeeds completely or leaves the reader where it was and
// returns false, so a decoder can never read past its input. offset() is
// absolute (base + position) so that errors point into the original datagram
// even when a nested structure is read through its own sub-reader.
#pragma once

#include <cstddef>
#include <cstdint>

#include "wire/bytes.h"

namespace ikeshift::wire {

class ByteReader {
 public:
  ByteReader(ByteView data, size_t base_offset) : data_(data), base_(base_offset) {}

  size_t offset() const { return base_ + pos_; }
  size_t remaining() const { return data_.size() - pos_; }
  bool at_end() const { return pos_ == data_.size(); }

  bool u8(uint8_t& v) {
    if (remaining() < 1) return false;
    v = data_.data()[pos_++];
    return true;
  }
  bool u16(uint16_t& v) {
    uint64_t x = 0;
    if (!be(2, x)) return false;
    v = static_cast<uint16_t>(x);
    return true;
  }
  bool u32(uint32_t& v) {
    uint64_t x = 0;
    if (!be(4, x)) return false;
    v = static_cast<uint32_t>(x);
    return true;
  }
  bool u64(uint64_t& v) { return be(8, v); }

  // The next n bytes as a view (no copy), or false if fewer remain.
  bool view(size_t n, ByteView& v) {
    if (remaining() < n) return false;
    v = data_.subview(pos_, n);
    pos_ += n;
    return true;
  }
  bool bytes(size_t n, Bytes& v) {
    ByteView part;
    if (!view(n, part)) return false;
    v = part.to_bytes();
    return true;
  }
  Bytes rest() {
    Bytes v = data_.subview(pos_, remaining()).to_bytes();
    pos_ = data_.size();
    return v;
  }
  // Splits off the next n bytes as their own reader (for a nested structure
  // whose length field says n), keeping absolute offsets.
  bool sub(size_t n, ByteReader& out) {
    const size_t start = offset();
    ByteView part;
    if (!view(n, part)) return false;
    out = ByteReader(part, start);
    return true;
  }

 private:
  bool be(size_t n, uint64_t& v) {
    if (remaining() < n) return false;
    uint64_t x = 0;
    for (size_t i = 0; i < n; ++i) x = (x << 8) | data_.data()[pos_ + i];
    pos_ += n;
    v = x;
    return true;
  }

  ByteView data_;
  size_t base_ = 0;
  size_t pos_ = 0;
};

}  // namespace ikeshift::wire
