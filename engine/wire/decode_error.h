// The error value every decoder in engine/wire returns (IKEv2 and IKEv1
// alike): where in the input it went wrong, why, and what kind of wrong, so
// the engine can decide how to answer without parsing the message again.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

namespace ikeshift::wire {

// What the engine does about an error depends on its kind (RFC 7296 2.21;
// RFC 2408 5: IKEv1 answers, if at all, with an unprotected notify):
// Malformed -> INVALID_SYNTAX / PAYLOAD-MALFORMED (or silently drop before
// the SA is authenticated), UnsupportedMajorVersion -> INVALID_MAJOR_VERSION,
// UnsupportedCriticalPayload -> UNSUPPORTED_CRITICAL_PAYLOAD with
// `payload_type` as notify data (IKEv2 only), LimitExceeded -> drop.
enum class DecodeErrorKind : uint8_t {
  Malformed,
  LimitExceeded,
  UnsupportedMajorVersion,
  UnsupportedCriticalPayload,
};

struct DecodeError {
  size_t offset = 0;  // of the offending field, from the start of the decoded input
  std::string what;
  DecodeErrorKind kind = DecodeErrorKind::Malformed;
  uint8_t payload_type = 0;  // UnsupportedCriticalPayload: the type not understood
};

inline DecodeError malformed(size_t offset, std::string what) {
  return DecodeError{offset, std::move(what), DecodeErrorKind::Malformed, 0};
}
inline DecodeError limit_exceeded(size_t offset, std::string what) {
  return DecodeError{offset, std::move(what), DecodeErrorKind::LimitExceeded, 0};
}

}  // namespace ikeshift::wire
