// Reads a strongSwan swanctl.conf into the swanctl settings tree without
// losing a line: the grammar (grammars/Swanctl*.g4) parses each line; the
// reader keeps the stack of open sections and files every setting by where it
// is (swanctl_schema.h): modelled, known to strongSwan but outside the model
// (ignored on purpose), or unknown with its span and a reason. `include` is
// not followed (one file is read) and says so as a finding.
#pragma once

#include <optional>
#include <string>

#include "swanctl/swanctl_model.h"
#include "common/input_check.h"
#include "text/source_text.h"

namespace ikeshift::swanctl {

ParseResult read_swanctl(const text::SourceText& src);

using InputError = ikeshift::InputError;
// Whether the file can be used as a swanctl.conf at all: empty, binary,
// another dialect, no `connections` section, or cut off inside a section.
std::optional<InputError> check_swanctl_input(const text::SourceText& src, const ParseResult& parsed);

}  // namespace ikeshift::swanctl
