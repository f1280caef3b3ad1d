// Parses one ASA configuration line with the generated grammar, using the
// two-stage strategy: SLL prediction with a bail-out error strategy first
// (fast, right for almost every line), then full LL with error reporting only
// when SLL fails. One instance is reused for every line of a file: the lexer,
// token stream and parser are reset between lines, which also frees the
// previous parse tree (ANTLR's ParseTreeTracker), so memory stays flat.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "AsaLexer.h"
#include "AsaParser.h"
#include "asa/case_folding_stream.h"

namespace ikeshift::asa {

struct LineParseError {
  size_t column = 0;    // 0-based byte column where the grammar stopped
  size_t length = 1;    // of the offending token
  std::string message;  // "unexpected 'x'; expected ..." in plain words
};

class AsaLineParser {
 public:
  AsaLineParser();
  AsaLineParser(const AsaLineParser&) = delete;
  AsaLineParser& operator=(const AsaLineParser&) = delete;
  ~AsaLineParser();

  // The returned tree lives until the next call. nullptr on a syntax error,
  // with error() describing it.
  AsaParser::Top_commandContext* parse_top(std::string_view line);
  AsaParser::Sub_commandContext* parse_sub(std::string_view line);

  const LineParseError& error() const { return error_; }
  // How many lines needed the LL stage (for the parse statistics).
  size_t ll_fallbacks() const { return ll_fallbacks_; }

 private:
  class ErrorCollector;
  template <class Ctx, class Entry>
  Ctx* parse(std::string_view line, Entry entry);

  CaseFoldingByteStream input_;
  AsaLexer lexer_;
  antlr4::CommonTokenStream tokens_;
  AsaParser parser_;
  std::shared_ptr<antlr4::BailErrorStrategy> bail_;
  std::shared_ptr<antlr4::DefaultErrorStrategy> report_;
  std::unique_ptr<ErrorCollector> collector_;
  LineParseError error_;
  size_t ll_fallbacks_ = 0;
};

}  // namespace ikeshift::asa
