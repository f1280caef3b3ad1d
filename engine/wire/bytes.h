// Byte buffers and read-only views for the wire codec.
//
// C++17 has no std::span, and the codec must never own or copy a datagram just
// to look at it, so a minimal view type carries (pointer, size) and every
// slice it hands out is clamped to its own bounds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ikeshift::wire {

using Bytes = std::vector<uint8_t>;

class ByteView {
 public:
  constexpr ByteView() = default;
  constexpr ByteView(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  // Implicit on purpose: every owning buffer can be looked at without ceremony.
  // Like any view it must not outlive the buffer (no views of temporaries kept).
  ByteView(const Bytes& bytes) : data_(bytes.data()), size_(bytes.size()) {}  // NOLINT

  constexpr const uint8_t* data() const { return data_; }
  constexpr size_t size() const { return size_; }
  constexpr bool empty() const { return size_ == 0; }
  constexpr const uint8_t* begin() const { return data_; }
  constexpr const uint8_t* end() const { return data_ + size_; }

  // Bytes [offset, offset + count), clamped to the view: never out of bounds.
  constexpr ByteView subview(size_t offset, size_t count) const {
    if (offset > size_) offset = size_;
    if (count > size_ - offset) count = size_ - offset;
    return ByteView(data_ + offset, count);
  }
  Bytes to_bytes() const { return Bytes(begin(), end()); }

 private:
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace ikeshift::wire
