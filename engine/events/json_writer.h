// A minimal streaming JSON writer (objects, arrays, strings, integers,
// booleans, null) that inserts commas itself. Just enough for JsonSink.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ikeshift::engine::events {

class JsonWriter {
 public:
  // ascii_only: strings escape non-ASCII as \uXXXX (see json_escape.h).
  explicit JsonWriter(std::string& out, bool ascii_only = false)
      : out_(out), ascii_only_(ascii_only) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  // Inside an object: the next value's name.
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(uint64_t n);
  JsonWriter& value(int64_t n);
  JsonWriter& value(uint32_t n) { return value(static_cast<uint64_t>(n)); }
  JsonWriter& value(int n) { return value(static_cast<int64_t>(n)); }
  JsonWriter& value(bool b);
  JsonWriter& null();

 private:
  void before_value();

  std::string& out_;
  bool ascii_only_;
  // Per open container: has it got a member yet (so the next needs a comma)?
  std::vector<bool> has_member_;
  bool after_key_ = false;
};

}  // namespace ikeshift::engine::events
