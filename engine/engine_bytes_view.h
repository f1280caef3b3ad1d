// A non-owning view of bytes, for interfaces that read key material or packet
// data without caring who owns it (C++17 has no std::span).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ikeshift::engine {

struct ByteView {
  const uint8_t* data = nullptr;
  size_t size = 0;

  ByteView() = default;
  ByteView(const uint8_t* d, size_t n) : data(d), size(n) {}
  ByteView(const std::vector<uint8_t>& v) : data(v.data()), size(v.size()) {}  // NOLINT: implicit by design
  bool empty() const { return size == 0; }
  const uint8_t* begin() const { return data; }
  const uint8_t* end() const { return data + size; }
};

}  // namespace ikeshift::engine
