// Byte buffers for the crypto layer: public data, secrets and non-owning views.
//
// Secrets (DH private values, g^ir, SKEYSEED, SK_* keys, PSKs) must not linger
// in freed heap memory, so SecureBytes uses an allocator that wipes every block
// with OPENSSL_cleanse before it is released: on destruction, on reallocation
// when it grows, and on clear-and-shrink. A move hands the block over without a
// copy, so nothing is left behind to wipe. Copies are explicit (clone()) so a
// secret is never duplicated by accident.
#pragma once

#include <openssl/crypto.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string_view>
#include <vector>

namespace ikeshift::crypto {

// Public data: nonces, SPIs, KE payload values, ciphertext.
using Bytes = std::vector<uint8_t>;

// Allocator that wipes memory before handing it back to the heap.
template <class T>
struct CleansingAllocator {
  using value_type = T;
  CleansingAllocator() noexcept = default;
  template <class U>
  CleansingAllocator(const CleansingAllocator<U>&) noexcept {}  // NOLINT: rebind must be implicit
  T* allocate(std::size_t n) { return std::allocator<T>{}.allocate(n); }
  void deallocate(T* p, std::size_t n) noexcept {
    OPENSSL_cleanse(p, n * sizeof(T));
    std::allocator<T>{}.deallocate(p, n);
  }
  template <class U>
  bool operator==(const CleansingAllocator<U>&) const noexcept { return true; }
  template <class U>
  bool operator!=(const CleansingAllocator<U>&) const noexcept { return false; }
};

class SecureBytes;

// Non-owning read-only view of contiguous bytes (C++17 has no std::span). It
// converts implicitly from every buffer type so call sites stay short.
class ByteSpan {
 public:
  constexpr ByteSpan() noexcept = default;
  constexpr ByteSpan(const uint8_t* data, std::size_t size) noexcept : data_(data), size_(size) {}
  ByteSpan(const Bytes& b) noexcept : data_(b.data()), size_(b.size()) {}  // NOLINT: implicit by design
  inline ByteSpan(const SecureBytes& b) noexcept;                          // NOLINT: implicit by design
  template <std::size_t N>
  constexpr ByteSpan(const std::array<uint8_t, N>& a) noexcept : data_(a.data()), size_(N) {}  // NOLINT
  // Text used as bytes (e.g. the "Key Pad for IKEv2" constant); no terminator.
  static ByteSpan from_text(std::string_view s) noexcept {
    return ByteSpan(reinterpret_cast<const uint8_t*>(s.data()), s.size());
  }

  constexpr const uint8_t* data() const noexcept { return data_; }
  constexpr std::size_t size() const noexcept { return size_; }
  constexpr bool empty() const noexcept { return size_ == 0; }
  constexpr const uint8_t* begin() const noexcept { return data_; }
  constexpr const uint8_t* end() const noexcept { return data_ + size_; }
  constexpr uint8_t operator[](std::size_t i) const noexcept { return data_[i]; }
  // Sub-range [offset, offset + count); the caller guarantees the bounds.
  constexpr ByteSpan subspan(std::size_t offset, std::size_t count) const noexcept {
    return ByteSpan(data_ + offset, count);
  }
  Bytes to_bytes() const { return Bytes(begin(), end()); }

 private:
  const uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
};

// An owning buffer for secret bytes, wiped when freed. Move-only.
class SecureBytes {
 public:
  using Storage = std::vector<uint8_t, CleansingAllocator<uint8_t>>;

  SecureBytes() = default;
  explicit SecureBytes(std::size_t size) : bytes_(size) {}
  explicit SecureBytes(ByteSpan from) : bytes_(from.begin(), from.end()) {}
  SecureBytes(const SecureBytes&) = delete;
  SecureBytes& operator=(const SecureBytes&) = delete;
  SecureBytes(SecureBytes&&) noexcept = default;
  SecureBytes& operator=(SecureBytes&&) noexcept = default;
  ~SecureBytes() = default;  // the allocator wipes

  SecureBytes clone() const { return SecureBytes(ByteSpan(*this)); }

  uint8_t* data() noexcept { return bytes_.data(); }
  const uint8_t* data() const noexcept { return bytes_.data(); }
  std::size_t size() const noexcept { return bytes_.size(); }
  bool empty() const noexcept { return bytes_.empty(); }
  uint8_t& operator[](std::size_t i) noexcept { return bytes_[i]; }
  uint8_t operator[](std::size_t i) const noexcept { return bytes_[i]; }
  uint8_t* begin() noexcept { return bytes_.data(); }
  uint8_t* end() noexcept { return bytes_.data() + bytes_.size(); }
  const uint8_t* begin() const noexcept { return bytes_.data(); }
  const uint8_t* end() const noexcept { return bytes_.data() + bytes_.size(); }

  // Growing may reallocate; the old block is wiped by the allocator.
  void resize(std::size_t n) { bytes_.resize(n); }
  void reserve(std::size_t n) { bytes_.reserve(n); }
  void append(ByteSpan more) { bytes_.insert(bytes_.end(), more.begin(), more.end()); }
  // Wipes the contents now and releases the memory.
  void clear() noexcept {
    Storage empty;
    bytes_.swap(empty);
  }
  ByteSpan span() const noexcept { return ByteSpan(bytes_.data(), bytes_.size()); }
  ByteSpan subspan(std::size_t offset, std::size_t count) const noexcept {
    return ByteSpan(bytes_.data() + offset, count);
  }
  // Copies the bytes out into a public buffer: only for keylog / show-secrets.
  Bytes expose() const { return Bytes(begin(), end()); }

 private:
  Storage bytes_;
};

inline ByteSpan::ByteSpan(const SecureBytes& b) noexcept : data_(b.data()), size_(b.size()) {}

// Constant-time equality for secrets and ICVs (length is not hidden).
inline bool equal_ct(ByteSpan a, ByteSpan b) noexcept {
  return a.size() == b.size() && (a.empty() || CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0);
}

// Concatenation of several spans, for building PRF inputs (Ni | Nr | SPIi | SPIr).
inline Bytes concat(std::initializer_list<ByteSpan> parts) {
  Bytes out;
  std::size_t n = 0;
  for (const ByteSpan& p : parts) n += p.size();
  out.reserve(n);
  for (const ByteSpan& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}
inline SecureBytes concat_secure(std::initializer_list<ByteSpan> parts) {
  SecureBytes out;
  std::size_t n = 0;
  for (const ByteSpan& p : parts) n += p.size();
  out.reserve(n);
  for (const ByteSpan& p : parts) out.append(p);
  return out;
}

}  // namespace ikeshift::crypto
