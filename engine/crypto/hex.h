// Hex text <-> bytes, for test vectors, the --keylog file and debug output.
#pragma once

#include "crypto/secure_bytes.h"

#include <optional>
#include <string>
#include <string_view>

namespace ikeshift::crypto {

// Lower-case hex, no separators.
std::string to_hex(ByteSpan bytes);
// Accepts upper or lower case and ignores whitespace, so vectors can be pasted
// as printed in RFCs ("C88F01F5 10D9AC3F ..."). nullopt on any other character
// or an odd digit count.
std::optional<Bytes> parse_hex(std::string_view text);
// parse_hex for literals known to be valid: throws CryptoError otherwise.
Bytes from_hex(std::string_view text);

}  // namespace ikeshift::crypto
