// Reads a Yamaha RTX configuration (`show config`) into the RTX model without
// losing a line: `#` comments, IPsec commands parsed by the grammar
// (grammars/Rtx*.g4) one line at a time, the `tunnel select N` context kept
// until `tunnel select none` or the next select, the named RTX commands
// outside the IPsec model ignored on purpose, everything else unknown with a
// span and a reason. Indentation carries no meaning on the RTX.
#pragma once

#include <optional>
#include <string>

#include "rtx/rtx_model.h"
#include "common/input_check.h"
#include "text/source_text.h"

namespace ikeshift::rtx {

ParseResult read_rtx(const text::SourceText& src);

using InputError = ikeshift::InputError;
std::optional<InputError> check_rtx_input(const text::SourceText& src, const ParseResult& parsed);

}  // namespace ikeshift::rtx
