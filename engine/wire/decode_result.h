// What decoding a whole datagram gives, for either IKE version: the message,
// or the error with the header when the fixed 28 bytes could be read (the
// engine needs SPIs/cookies, flags and message ID to answer with a notify).
#pragma once

#include <optional>
#include <variant>

#include "wire/decode_error.h"

namespace ikeshift::wire {

template <typename MessageT, typename HeaderT>
struct BasicDecodeResult {
  std::variant<MessageT, DecodeError> value;
  // Whenever the fixed 28-byte header could be read, even if the rest failed.
  std::optional<HeaderT> header;

  bool ok() const { return std::holds_alternative<MessageT>(value); }
  explicit operator bool() const { return ok(); }
  const MessageT& message() const { return std::get<MessageT>(value); }
  MessageT& message() { return std::get<MessageT>(value); }
  const DecodeError& error() const { return std::get<DecodeError>(value); }
};

}  // namespace ikeshift::wire
