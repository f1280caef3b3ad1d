// The two-stage, one-line-at-a-time ANTLR parse every dialect reader uses
// (ASA, IOS, RTX): SLL prediction with a bail-out error strategy first (fast,
// right for almost every line), then full LL with error reporting only when
// SLL fails. One instance is reused for every line of a file: lexer, token
// stream and parser are reset between lines, which also frees the previous
// parse tree, so memory stays flat. Keywords are case-insensitive through the
// case-folding byte stream; token text keeps the original bytes.
#pragma once

#include <antlr4-runtime.h>

#include <memory>
#include <string>
#include <string_view>

#include "asa/case_folding_stream.h"

namespace ikeshift::grammar {

struct LineParseError {
  size_t column = 0;    // 0-based byte column where the grammar stopped
  size_t length = 1;    // of the offending token
  std::string message;  // "unexpected 'x'; expected ..." in plain words
};

// Keeps the first syntax error of a line, in words an engineer can act on.
class LineErrorCollector : public antlr4::BaseErrorListener {
 public:
  void reset() { seen_ = false; }
  bool seen() const { return seen_; }
  const LineParseError& error() const { return error_; }
  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line,
                   size_t column, const std::string& msg, std::exception_ptr e) override;

 private:
  bool seen_ = false;
  LineParseError error_;
};

template <class Lexer, class Parser>
class LineParser {
 public:
  LineParser()
      : lexer_(&input_),
        tokens_(&lexer_),
        parser_(&tokens_),
        bail_(std::make_shared<antlr4::BailErrorStrategy>()),
        report_(std::make_shared<antlr4::DefaultErrorStrategy>()),
        collector_(std::make_unique<LineErrorCollector>()) {
    lexer_.removeErrorListeners();
    parser_.removeErrorListeners();
    parser_.addErrorListener(collector_.get());
  }
  LineParser(const LineParser&) = delete;
  LineParser& operator=(const LineParser&) = delete;

  // Parses `line` with the start rule `entry` (e.g. &Parser::top_line). The
  // tree lives until the next call; nullptr on a syntax error (see error()).
  template <class Ctx>
  Ctx* parse(std::string_view line, Ctx* (Parser::*entry)()) {
    input_.reset(line);
    lexer_.setInputStream(&input_);
    tokens_.setTokenSource(&lexer_);
    parser_.setTokenStream(&tokens_);

    parser_.setErrorHandler(bail_);
    parser_.template getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::SLL);
    collector_->reset();
    try {
      Ctx* ctx = (parser_.*entry)();
      if (!collector_->seen()) return ctx;
    } catch (antlr4::ParseCancellationException&) {
    } catch (antlr4::RecognitionException&) {
    }

    ++ll_fallbacks_;
    tokens_.seek(0);
    parser_.reset();
    parser_.setErrorHandler(report_);
    parser_.template getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::LL);
    collector_->reset();
    Ctx* ctx = (parser_.*entry)();
    if (collector_->seen()) {
      error_ = collector_->error();
      return nullptr;
    }
    return ctx;
  }

  const LineParseError& error() const { return error_; }
  size_t ll_fallbacks() const { return ll_fallbacks_; }

 private:
  asa::CaseFoldingByteStream input_;
  Lexer lexer_;
  antlr4::CommonTokenStream tokens_;
  Parser parser_;
  std::shared_ptr<antlr4::BailErrorStrategy> bail_;
  std::shared_ptr<antlr4::DefaultErrorStrategy> report_;
  std::unique_ptr<LineErrorCollector> collector_;
  LineParseError error_;
  size_t ll_fallbacks_ = 0;
};

}  // namespace ikeshift::grammar
