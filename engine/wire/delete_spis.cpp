#include "wire/delete_spis.h"

#include <string>

namespace ikeshift::wire {

namespace {
std::string n(size_t v) { return std::to_string(v); }
}  // namespace

std::optional<DecodeError> read_delete_spis(ByteReader& body, uint8_t spi_size, uint16_t count, size_t size_at,
                                            size_t count_at, std::vector<Bytes>& spis) {
  if (spi_size == 0 && count != 0) return malformed(size_at, "Delete lists " + n(count) + " SPIs of size 0");
  if (static_cast<size_t>(count) * spi_size != body.remaining())
    return malformed(count_at, "Delete lists " + n(count) + " SPIs of " + n(spi_size) + " bytes, but " +
                                   n(body.remaining()) + " bytes follow");
  spis.resize(count);
  for (auto& spi : spis) body.bytes(spi_size, spi);  // sizes checked above
  return std::nullopt;
}

void write_delete_spis(ByteWriter& w, uint8_t spi_size, const std::vector<Bytes>& spis) {
  if (spis.size() > 0xFFFF) throw EncodeError("Delete with more than 65535 SPIs");
  for (const auto& spi : spis) {
    if (spi.size() != spi_size)
      throw EncodeError("Delete SPI of " + n(spi.size()) + " bytes, SPI size is " + n(spi_size));
  }
  w.u8(spi_size);
  w.u16(static_cast<uint16_t>(spis.size()));
  for (const auto& spi : spis) w.bytes(spi);
}

}  // namespace ikeshift::wire
