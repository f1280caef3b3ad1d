// Reads a Cisco IOS / IOS-XE configuration into the IOS model without losing a
// line. Same strategy as the ASA reader (docs/ARCHITECTURE.md): blocks by
// indentation (`!` comments and `exit` do not lose a line), top-level lines
// filed by their first words (ios_top_level.h), IPsec lines parsed with the
// grammar (grammars/Ios*.g4) one line at a time, every line in exactly one
// LineCategory, unknown lines listed with a span and a reason.
#pragma once

#include <optional>
#include <string>

#include "ios/ios_model.h"
#include "common/input_check.h"
#include "text/source_text.h"

namespace ikeshift::ios {

ParseResult read_ios(const text::SourceText& src);

using InputError = ikeshift::InputError;
// Empty, binary, or not an IOS configuration (an ASA or RTX file is named as such).
std::optional<InputError> check_ios_input(const text::SourceText& src, const ParseResult& parsed);

}  // namespace ikeshift::ios
