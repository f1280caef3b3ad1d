#include "ikev1/keylog.h"

#include "crypto/hex.h"

namespace ikeshift::engine::ikev1 {

std::string ikev1_keylog_line(const IsakmpSaKeys& keys) {
  crypto::Bytes cookie;
  for (int i = 7; i >= 0; --i) cookie.push_back(static_cast<uint8_t>(keys.cky_i >> (8 * i)));
  return crypto::to_hex(cookie) + "," + crypto::to_hex(keys.encryption_key) + "\n";
}

}  // namespace ikeshift::engine::ikev1
