// A transform's data attribute, the same in both IKE versions (RFC 2408 3.3,
// RFC 7296 3.3.5): TV (AF = 1) carries a 16-bit value, TLV a byte string.
// Either form can hold a "variable" attribute such as IKEv1's Life Duration;
// integer() reads both. The SA body codecs of both versions read and write
// attributes here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "wire/byte_reader.h"
#include "wire/byte_writer.h"
#include "wire/bytes.h"
#include "wire/decode_error.h"
#include "wire/decode_where.h"

namespace ikeshift::wire {

struct DataAttribute {
  uint16_t type = 0;  // without the AF bit
  bool tv = true;
  uint16_t value = 0;  // TV only
  Bytes data;          // TLV only

  // TV: the value; TLV: the big-endian number if it fits 64 bits.
  std::optional<uint64_t> integer() const;
  // The shortest form for a number: TV when it fits 16 bits, else TLV of 4
  // (or 8) octets, as Life Duration 86400 is written.
  static DataAttribute number(uint16_t type, uint64_t v);
};

// Equal in meaning: the same type and form and the value of that form.
bool operator==(const DataAttribute& a, const DataAttribute& b);
inline bool operator!=(const DataAttribute& a, const DataAttribute& b) { return !(a == b); }

inline constexpr uint16_t kAttributeFormatTv = 0x8000;  // the AF bit

// Reads one attribute at r's position; `where` names the transform for errors.
std::optional<DecodeError> read_data_attribute(ByteReader& r, DataAttribute& out, const DecodeWhere& where);
// Throws EncodeError for a type that does not fit 15 bits or an oversized TLV.
void write_data_attribute(ByteWriter& w, const DataAttribute& a);

}  // namespace ikeshift::wire
