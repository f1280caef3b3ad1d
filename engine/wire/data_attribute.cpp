#include "wire/data_attribute.h"

namespace ikeshift::wire {

namespace {
std::string n(size_t v) { return std::to_string(v); }
}  // namespace

std::optional<uint64_t> DataAttribute::integer() const {
  if (tv) return value;
  if (data.empty() || data.size() > 8) return std::nullopt;
  uint64_t v = 0;
  for (uint8_t b : data) v = (v << 8) | b;
  return v;
}

DataAttribute DataAttribute::number(uint16_t type, uint64_t v) {
  DataAttribute a;
  a.type = type;
  if (v <= 0xFFFF) {
    a.tv = true;
    a.value = static_cast<uint16_t>(v);
    return a;
  }
  a.tv = false;
  const size_t octets = v <= 0xFFFFFFFFu ? 4 : 8;
  for (size_t i = octets; i-- > 0;) a.data.push_back(static_cast<uint8_t>(v >> (8 * i)));
  return a;
}

bool operator==(const DataAttribute& a, const DataAttribute& b) {
  return a.type == b.type && a.tv == b.tv && (a.tv ? a.value == b.value : a.data == b.data);
}

std::optional<DecodeError> read_data_attribute(ByteReader& r, DataAttribute& a, const DecodeWhere& where) {
  const size_t start = r.offset();
  uint16_t type_af = 0, value = 0;
  if (!r.u16(type_af) || !r.u16(value))
    return malformed(start, where.text() + ": attribute header truncated (" + n(r.remaining()) + " bytes left, need 4)");
  a.type = static_cast<uint16_t>(type_af & ~kAttributeFormatTv);
  a.tv = (type_af & kAttributeFormatTv) != 0;
  if (a.tv) {
    a.value = value;
  } else if (!r.bytes(value, a.data)) {
    return malformed(start + 2, where.text() + ": attribute " + n(a.type) + " length " + n(value) +
                                    " runs past the transform (" + n(r.remaining()) + " bytes left)");
  }
  return std::nullopt;
}

void write_data_attribute(ByteWriter& w, const DataAttribute& a) {
  if (a.type & kAttributeFormatTv) throw EncodeError("attribute type " + n(a.type) + " exceeds 15 bits");
  if (a.tv) {
    w.u16(static_cast<uint16_t>(kAttributeFormatTv | a.type));
    w.u16(a.value);
    return;
  }
  w.u16(a.type);
  const size_t len_pos = w.size();
  w.u16(0);
  w.bytes(a.data);
  w.patch_u16(len_pos, a.data.size(), "TLV attribute");
}

}  // namespace ikeshift::wire
