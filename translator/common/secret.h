// A string that holds secret material (pre-shared keys). Its storage is wiped
// with OPENSSL_cleanse when it is destroyed or overwritten, and it has no
// operator<< so it cannot be printed by accident: callers must say which of
// reveal() or masked() they mean.
#pragma once

#include <string>
#include <string_view>

namespace ikeshift {

class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string_view value) : value_(value) {}
  Secret(const Secret& other) : value_(other.value_) {}
  Secret(Secret&& other) noexcept;
  Secret& operator=(const Secret& other);
  Secret& operator=(Secret&& other) noexcept;
  ~Secret();

  const std::string& reveal() const { return value_; }
  bool empty() const { return value_.empty(); }
  size_t size() const { return value_.size(); }

  // What every human-facing output prints instead of a key.
  static constexpr std::string_view kMask = "*****";
  static std::string_view masked() { return kMask; }

  // Constant-time comparison, so comparing two keys leaks nothing via timing.
  bool equals(const Secret& other) const;

 private:
  void wipe();
  std::string value_;
};

// Wipes a std::string's bytes in place (used for buffers that held secrets).
void wipe_string(std::string& s);

}  // namespace ikeshift
