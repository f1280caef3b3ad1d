// `--keylog FILE`: IKEv2 SA keys in Wireshark's `ikev2_decryption_table`
// format (the one strongSwan's save-keys plugin writes), so a capture of the
// engine's traffic decrypts in Wireshark/tshark:
//
//   SPIi,SPIr,SK_ei,SK_er,"<encryption>",SK_ai,SK_ar,"<integrity>"
//
// SPIs as 16 hex digits, keys as hex without separators, algorithm names as
// Wireshark spells them (the registry's WiresharkIke column). For AEAD the
// integrity keys are empty and the integrity is "NONE [RFC4306]".
//
// This is the one place the engine writes keys on purpose; the file is created
// 0600 and only when the operator asks for it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "crypto/secure_bytes.h"
#include "model/algorithms.h"

namespace ikeshift::engine::ikev2 {

struct IkeSaKeys {
  uint64_t spi_i = 0;
  uint64_t spi_r = 0;
  crypto::ByteSpan sk_ei, sk_er, sk_ai, sk_ar;
  const model::Algorithm* encryption = nullptr;  // as negotiated (key length included)
  const model::Algorithm* integrity = nullptr;   // nullptr for AEAD
};

// The table line (with its "\n"), or nullopt when an algorithm has no
// Wireshark name (nothing is written rather than a line Wireshark misreads).
std::optional<std::string> ikev2_keylog_line(const IkeSaKeys& keys);

// Where the engine hands an IKE SA's keys when the operator asked for a key
// log (`--keylog`). Keys never travel on the event bus; this is the one path.
class IkeKeySink {
 public:
  virtual ~IkeKeySink() = default;
  virtual void ike_keys(const IkeSaKeys& keys) = 0;
};

// Appends lines to the key log file, created with mode 0600.
class KeyLogFile {
 public:
  // nullopt with `error` set when the file cannot be opened.
  static std::optional<KeyLogFile> open(const std::string& path, std::string& error);
  KeyLogFile(KeyLogFile&& other) noexcept;
  KeyLogFile& operator=(KeyLogFile&& other) noexcept;
  KeyLogFile(const KeyLogFile&) = delete;
  KeyLogFile& operator=(const KeyLogFile&) = delete;
  ~KeyLogFile();

  bool append(const std::string& line);

 private:
  explicit KeyLogFile(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace ikeshift::engine::ikev2
