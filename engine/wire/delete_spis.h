// The SPI list of a Delete payload, the same in both IKE versions (RFC 2408
// 3.15, RFC 7296 3.11): #SPIs SPIs of SPI Size octets each, filling the rest
// of the payload. IKEv1 puts a DOI in front of Protocol, SPI Size and #SPIs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "wire/byte_reader.h"
#include "wire/byte_writer.h"
#include "wire/bytes.h"
#include "wire/decode_error.h"

namespace ikeshift::wire {

// Reads `count` SPIs of `spi_size` octets that must fill the rest of `body`.
// Errors point at `size_at` (SPIs of size 0 would take no space whatever the
// count, so they are refused and the count stays bounded by the payload
// length) or at `count_at` (the count does not fit the bytes there).
std::optional<DecodeError> read_delete_spis(ByteReader& body, uint8_t spi_size, uint16_t count, size_t size_at,
                                            size_t count_at, std::vector<Bytes>& spis);

// SPI Size, #SPIs and the SPIs; throws EncodeError when an SPI is not
// `spi_size` octets or there are more than 65535.
void write_delete_spis(ByteWriter& w, uint8_t spi_size, const std::vector<Bytes>& spis);

}  // namespace ikeshift::wire
