// A big-endian writer that appends to a Bytes buffer and can patch a length
// field after the structure it describes has been written.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "wire/bytes.h"

namespace ikeshift::wire {

// Thrown by the encoder for messages that cannot be represented on the wire
// (a payload over 65535 bytes, an SK payload that is not last, ...). These are
// programming errors in the caller: received data never reaches the encoder.
class EncodeError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

class ByteWriter {
 public:
  explicit ByteWriter(Bytes& out) : out_(out) {}

  size_t size() const { return out_.size(); }
  void u8(uint8_t v) { out_.push_back(v); }
  void u16(uint16_t v) { be(v, 2); }
  void u32(uint32_t v) { be(v, 4); }
  void u64(uint64_t v) { be(v, 8); }
  void bytes(ByteView v) { out_.insert(out_.end(), v.begin(), v.end()); }
  void zeros(size_t n) { out_.insert(out_.end(), n, 0); }

  // Writes `value` as a 16-bit length at `pos` (where a placeholder was
  // written before), refusing values the field cannot hold.
  void patch_u16(size_t pos, size_t value, const char* what) {
    if (value > 0xFFFF) throw EncodeError(std::string(what) + " of " + std::to_string(value) +
                                          " bytes does not fit its 16-bit length field");
    out_[pos] = static_cast<uint8_t>(value >> 8);
    out_[pos + 1] = static_cast<uint8_t>(value);
  }
  void patch_u32(size_t pos, uint32_t value) {
    for (size_t i = 0; i < 4; ++i) out_[pos + i] = static_cast<uint8_t>(value >> (8 * (3 - i)));
  }
  void patch_u8(size_t pos, uint8_t value) { out_[pos] = value; }

 private:
  void be(uint64_t v, size_t n) {
    for (size_t i = n; i-- > 0;) out_.push_back(static_cast<uint8_t>(v >> (8 * i)));
  }
  Bytes& out_;
};

}  // namespace ikeshift::wire
