// Parses one ASA configuration line with the generated grammar, using the
// two-stage strategy every dialect shares (grammar/line_parser.h): SLL with a
// bail-out error strategy first, full LL with error reporting only when SLL
// fails; one instance reused for every line, so memory stays flat.
#pragma once

#include <string_view>

#include "AsaLexer.h"
#include "AsaParser.h"
#include "grammar/line_parser.h"

namespace ikeshift::asa {

using LineParseError = grammar::LineParseError;

class AsaLineParser {
 public:
  // The returned tree lives until the next call. nullptr on a syntax error,
  // with error() describing it.
  AsaParser::Top_commandContext* parse_top(std::string_view line);
  AsaParser::Sub_commandContext* parse_sub(std::string_view line);

  const LineParseError& error() const { return parser_.error(); }
  // How many lines needed the LL stage (for the parse statistics).
  size_t ll_fallbacks() const { return parser_.ll_fallbacks(); }

 private:
  grammar::LineParser<AsaLexer, AsaParser> parser_;
};

}  // namespace ikeshift::asa
