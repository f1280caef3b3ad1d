// Reads an ASA configuration into the ASA model without losing a line.
//
// Strategy (see docs/ARCHITECTURE.md, "Reading a configuration"):
//  1. Lines are grouped into blocks by indentation and every top-level line is
//     filed by its first keywords (top_level_commands.h).
//  2. VPN commands are parsed by the ANTLR grammar at once, one line at a time.
//  3. access-lists, network objects and object-groups are parsed only when a
//     crypto map needs them (directly or through other objects/groups); the
//     rest are known syntax, kept verbatim and counted as ignored.
// Every line ends up in exactly one LineCategory; nothing is fatal here --
// whether the input is usable at all is judged by check_asa_input().
#pragma once

#include <optional>
#include <string>

#include "asa/asa_model.h"
#include "common/input_check.h"
#include "text/source_text.h"

namespace ikeshift::asa {

struct ReadOptions {
  // Parse every access-list and object with the grammar, not only the ones
  // the VPN model needs (slower; used by tests of the grammar itself).
  bool parse_all = false;
};

ParseResult read_asa(const text::SourceText& src, const ReadOptions& options = {});

// A reason the input cannot be migrated at all: empty, binary, not an ASA
// configuration, or truncated. nullopt when the input is usable.
using InputError = ikeshift::InputError;
std::optional<InputError> check_asa_input(const text::SourceText& src, const ParseResult& parsed);

}  // namespace ikeshift::asa
