#include "asa/asa_line_parser.h"

namespace ikeshift::asa {

AsaParser::Top_commandContext* AsaLineParser::parse_top(std::string_view line) {
  auto* ctx = parser_.parse(line, &AsaParser::top_line);
  return ctx == nullptr ? nullptr : ctx->top_command();
}

AsaParser::Sub_commandContext* AsaLineParser::parse_sub(std::string_view line) {
  auto* ctx = parser_.parse(line, &AsaParser::sub_line);
  return ctx == nullptr ? nullptr : ctx->sub_command();
}

}  // namespace ikeshift::asa
