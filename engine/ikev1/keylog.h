// IKEv1 keys in Wireshark's `ikev1_decryption_table` format (the UAT
// "IKEv1 Decryption Table": Initiator's COOKIE, Encryption Key; the file
// strongSwan's save-keys plugin writes next to ikev2_decryption_table):
//
//   <initiator cookie, 16 hex digits>,<encryption key Ka, hex>
//
// Wireshark finds the cipher in the captured SA payloads and derives every
// IV itself (from the KE payloads and message IDs it sees), so the key is
// all it needs. The file is opened with ikev2::KeyLogFile (0600, appended).
#pragma once

#include <cstdint>
#include <string>

#include "crypto/secure_bytes.h"

namespace ikeshift::engine::ikev1 {

struct IsakmpSaKeys {
  uint64_t cky_i = 0;
  uint64_t cky_r = 0;
  crypto::ByteSpan encryption_key;  // Ka (after the App. B expansion)
};

// The table line, with its "\n".
std::string ikev1_keylog_line(const IsakmpSaKeys& keys);

// Where the engine hands an ISAKMP SA's key when the operator asked for a key
// log (`--keylog-ikev1`); keys never travel on the event bus.
class IsakmpKeySink {
 public:
  virtual ~IsakmpKeySink() = default;
  virtual void isakmp_keys(const IsakmpSaKeys& keys) = 0;
};

}  // namespace ikeshift::engine::ikev1
