#include "crypto/crypto_error.h"

#include <openssl/err.h>

namespace ikeshift::crypto {

CryptoError::CryptoError(const std::string& what) : std::runtime_error(what) {}

void throw_openssl_error(const std::string& what) {
  // Take the newest error and drop the rest so the thread's queue does not
  // grow with stale entries across many failed peer inputs.
  const unsigned long code = ERR_peek_last_error();
  char buf[256] = {};
  if (code != 0) ERR_error_string_n(code, buf, sizeof(buf));
  ERR_clear_error();
  throw CryptoError(code != 0 ? what + ": " + buf : what);
}

}  // namespace ikeshift::crypto
