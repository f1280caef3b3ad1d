#include "grammar/line_parser.h"

namespace ikeshift::grammar {

namespace {

std::string describe_expected(antlr4::Parser& parser) {
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
      out += lit;
      continue;
    }
    std::string sym = vocab.getSymbolicName(static_cast<size_t>(t));
    if (sym == "IP_ADDRESS") out += "an IPv4 address";
    else if (sym == "IP_PREFIX") out += "an address/prefix";
    else if (sym == "DEC") out += "a number";
    else if (sym == "WORD") out += "a name";
    else out += sym;
  }
  return out;
}

}  // namespace

void LineErrorCollector::syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending,
                                     size_t /*line*/, size_t column, const std::string& /*msg*/,
                                     std::exception_ptr /*e*/) {
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
  std::string expected;
  if (auto* parser = dynamic_cast<antlr4::Parser*>(recognizer); parser != nullptr && offending != nullptr) {
    expected = describe_expected(*parser);
  }
  error_.message = what;
  if (!expected.empty()) error_.message += "; expected " + expected;
}

}  // namespace ikeshift::grammar
