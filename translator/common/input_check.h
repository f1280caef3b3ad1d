// Whether a file can be read as a configuration at all, the part every
// dialect's input check shares: empty, binary (a NUL byte), or written in
// another dialect (named, with the line that shows it). Each reader adds its
// own checks after these (truncated blocks, mostly unknown lines ...). And the
// one way an input error becomes a finding (code INPUT, exit code 2 in the CLI).
#pragma once

#include <optional>
#include <string>

#include "common/dialect_detect.h"
#include "common/finding.h"
#include "text/source_text.h"

namespace ikeshift {

struct InputError {
  text::SourceSpan span;  // where (line 1 col 1 for "empty")
  std::string message;    // what and why
  std::string hint;       // what to do
};

// Empty (only blanks) or binary; `empty_hint` says what to pass instead.
std::optional<InputError> check_empty_or_binary(const text::SourceText& src, const std::string& empty_hint,
                                                const std::string& binary_hint = "pass the configuration as text");

// The same, then: another dialect's marker lines win (`expected` is what the
// caller reads it as, never Unknown): "not a Yamaha RTX configuration: `ASA
// Version 9.8` is Cisco ASA syntax".
std::optional<InputError> check_text_input(const text::SourceText& src, ConfigDialect expected,
                                           const std::string& empty_hint);

Finding input_error_finding(const InputError& e, const std::string& file);

}  // namespace ikeshift
