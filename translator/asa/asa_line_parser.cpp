#include "asa/asa_line_parser.h"

namespace ikeshift::asa {

// Keeps the first syntax error of a line, in words an engineer can act on.
class AsaLineParser::ErrorCollector : public antlr4::BaseErrorListener {
 public:
  void reset() { seen_ = false; }
  bool seen() const { return seen_; }
  const LineParseError& error() const { return error_; }

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t /*line*/,
                   size_t column, const std::string& msg, std::exception_ptr /*e*/) override {
    if (seen_) return;
    seen_ = true;
    error_.column = column;
    error_.length = 1;
    std::string what;
    if (offending != nullptr) {
      if (offending->getType() == antlr4::Token::EOF) {
        what = "the line ends too early";
      } else {
        std::string text = offending->getText();
        error_.length = text.empty() ? 1 : text.size();
        what = "unexpected '" + text + "'";
      }
    } else {
      what = "unexpected input";
    }
    auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
    std::string expected;
    if (parser != nullptr && offending != nullptr) {
      expected = describe_expected(*parser);
    }
    error_.message = what;
    if (!expected.empty()) error_.message += "; expected " + expected;
    (void)msg;
  }

 private:
  static std::string describe_expected(antlr4::Parser& parser) {
    antlr4::misc::IntervalSet set;
    try {
      set = parser.getExpectedTokens();
    } catch (...) {
      return {};
    }
    if (set.isEmpty() || set.size() > 12) return {};
    const antlr4::dfa::Vocabulary& vocab = parser.getVocabulary();
    std::string out;
    size_t n = 0;
    for (ssize_t t : set.toList()) {
      if (n++) out += ", ";
      if (static_cast<size_t>(t) == antlr4::Token::EOF) {
        out += "end of line";
        continue;
      }
      std::string lit = vocab.getLiteralName(static_cast<size_t>(t));
      if (!lit.empty()) {
        out += lit;  // 'keyword' with quotes
      } else {
        std::string sym = vocab.getSymbolicName(static_cast<size_t>(t));
        if (sym == "IP_ADDRESS") out += "an IPv4 address";
        else if (sym == "DEC") out += "a number";
        else if (sym == "WORD") out += "a name";
        else out += sym;
      }
    }
    return out;
  }

  bool seen_ = false;
  LineParseError error_;
};

AsaLineParser::AsaLineParser()
    : lexer_(&input_),
      tokens_(&lexer_),
      parser_(&tokens_),
      bail_(std::make_shared<antlr4::BailErrorStrategy>()),
      report_(std::make_shared<antlr4::DefaultErrorStrategy>()),
      collector_(std::make_unique<ErrorCollector>()) {
  lexer_.removeErrorListeners();
  parser_.removeErrorListeners();
  parser_.addErrorListener(collector_.get());
}

AsaLineParser::~AsaLineParser() = default;

template <class Ctx, class Entry>
Ctx* AsaLineParser::parse(std::string_view line, Entry entry) {
  input_.reset(line);
  lexer_.setInputStream(&input_);
  tokens_.setTokenSource(&lexer_);
  parser_.setTokenStream(&tokens_);

  // Stage 1: SLL, bail out at the first error.
  parser_.setErrorHandler(bail_);
  parser_.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::SLL);
  collector_->reset();
  try {
    auto* ctx = (parser_.*entry)();
    if (!collector_->seen()) return ctx;
  } catch (antlr4::ParseCancellationException&) {
  } catch (antlr4::RecognitionException&) {
  }

  // Stage 2: full LL with error reporting; the tokens are already buffered.
  ++ll_fallbacks_;
  tokens_.seek(0);
  parser_.reset();
  parser_.setErrorHandler(report_);
  parser_.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::LL);
  collector_->reset();
  auto* ctx = (parser_.*entry)();
  if (collector_->seen()) {
    error_ = collector_->error();
    return nullptr;
  }
  return ctx;
}

AsaParser::Top_commandContext* AsaLineParser::parse_top(std::string_view line) {
  auto* ctx = parse<AsaParser::Top_lineContext>(line, &AsaParser::top_line);
  return ctx == nullptr ? nullptr : ctx->top_command();
}

AsaParser::Sub_commandContext* AsaLineParser::parse_sub(std::string_view line) {
  auto* ctx = parse<AsaParser::Sub_lineContext>(line, &AsaParser::sub_line);
  return ctx == nullptr ? nullptr : ctx->sub_command();
}

}  // namespace ikeshift::asa
