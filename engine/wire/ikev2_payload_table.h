// Internal to the codec: the declarative description of every payload type
// the codec knows. The chain decoder is a loop over this table: it checks the
// generic header, then the fixed part of the body (min_body), then hands the
// body to the type's decoder. Types without a decoder are kept raw; types not
// in the table are "unknown" for the critical-bit rule of RFC 7296 3.2.
#pragma once

#include <cstddef>

#include "wire/ikev2_payload_bodies.h"
#include "wire/ikev2_types.h"

namespace ikeshift::wire::detail {

struct PayloadDescriptor {
  PayloadType type;
  const char* name;       // RFC 7296 notation, as logs show it: "SA", "IDi", "N"
  const char* long_name;  // "Security Association"
  size_t min_body;        // octets of fixed fields after the generic header
  BodyDecoder decode;     // nullptr: understood but kept as RawPayload
  bool ends_chain;        // SK: its Next Payload field names the first inner payload
};

// nullptr for payload types the codec does not know.
const PayloadDescriptor* find_payload_descriptor(PayloadType type);

}  // namespace ikeshift::wire::detail
