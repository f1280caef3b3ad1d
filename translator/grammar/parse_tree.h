// Reading values out of a line's ANTLR parse tree, the same way in every
// dialect's model builder: a token or rule as a Word with its span, a rule's
// span, decimal numbers, and the ASA/IOS ACL port operators (both grammars
// spell `eq|lt|gt|neq PORT` and `range LOW HIGH` with the same rule shape).
// Spans are 0-based line and byte column in, 1-based out (text::SourceSpan).
#pragma once

#include <antlr4-runtime.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "asa/asa_model.h"
#include "text/source_text.h"

namespace ikeshift::grammar {

// The token's bytes on line `line` (a zero-width token spans one column).
text::SourceSpan token_span(antlr4::Token* t, uint32_t line);
// From the rule's first to its last token.
text::SourceSpan span_of(antlr4::ParserRuleContext* ctx, uint32_t line);

asa::Word word(antlr4::Token* t, uint32_t line);
asa::Word word(antlr4::ParserRuleContext* ctx, uint32_t line);  // its first token

// A decimal number, nullopt when the token is absent or not all digits.
std::optional<uint64_t> number(antlr4::Token* t);
// The same as 32 bits; 0 when absent, not a number or too large.
uint32_t number32(antlr4::Token* t);

// Index of the first element `matches` accepts; else appends one made by
// `make`. ASA and IOS merge a repeated block header (`crypto ikev1 policy 10`
// twice) into one object.
template <class T, class Match, class Make>
size_t find_or_append(std::vector<T>& vec, Match matches, Make make) {
  auto it = std::find_if(vec.begin(), vec.end(), matches);
  if (it != vec.end()) return static_cast<size_t>(it - vec.begin());
  vec.push_back(make());
  return vec.size() - 1;
}

// `eq|lt|gt|neq PORT` / `range LOW HIGH` (rule port_match in AsaParser.g4 and
// IosParser.g4); nullopt when the ACL line has no port operator.
template <class Parser, class Ctx>
std::optional<asa::PortSpec> port_spec(Ctx* c) {
  if (c == nullptr) return std::nullopt;
  asa::PortSpec p;
  if (c->RANGE() != nullptr) {
    p.op = asa::PortSpec::Op::Range;
    p.low = c->low->getText();
    p.high = c->high->getText();
    return p;
  }
  switch (c->op->getType()) {
    case Parser::LT: p.op = asa::PortSpec::Op::Lt; break;
    case Parser::GT: p.op = asa::PortSpec::Op::Gt; break;
    case Parser::NEQ: p.op = asa::PortSpec::Op::Neq; break;
    default: p.op = asa::PortSpec::Op::Eq; break;
  }
  p.low = c->port->getText();
  p.high = p.low;
  return p;
}

}  // namespace ikeshift::grammar
