// The one exception type of engine/crypto.
//
// It signals a programming error or an OpenSSL failure that no peer input can
// cause (unsupported id passed to a constructor, a key of the wrong length,
// allocation failure). Anything a peer controls (KE values, ciphertext, ICVs)
// is reported through std::optional / bool instead, so a malformed packet can
// never unwind the daemon.
#pragma once

#include <stdexcept>
#include <string>

namespace ikeshift::crypto {

class CryptoError : public std::runtime_error {
 public:
  explicit CryptoError(const std::string& what);
};

// Throws CryptoError with `what` and the newest OpenSSL error queue entry.
[[noreturn]] void throw_openssl_error(const std::string& what);

}  // namespace ikeshift::crypto
