// JSON string escaping (RFC 8259), for JsonSink.
//
// Field values can come from the wire (a peer's FQDN identity), so the input
// is arbitrary bytes: valid UTF-8 passes through (or becomes \uXXXX with
// ascii_only), every invalid byte becomes U+FFFD, and the output is always a
// valid JSON string that no peer can break out of.
#pragma once

#include <string>
#include <string_view>

namespace ikeshift::engine::events {

// Appends `s` to `out` as a quoted JSON string.
void append_json_string(std::string& out, std::string_view s, bool ascii_only = false);
std::string json_quote(std::string_view s, bool ascii_only = false);

}  // namespace ikeshift::engine::events
