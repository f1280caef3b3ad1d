#include "grammar/parse_tree.h"

#include <charconv>

namespace ikeshift::grammar {

text::SourceSpan token_span(antlr4::Token* t, uint32_t line) {
  const size_t start = t->getStartIndex();
  const size_t stop = t->getStopIndex();
  return text::SourceSpan::at(line, static_cast<uint32_t>(start),
                              stop >= start ? static_cast<uint32_t>(stop - start + 1) : 1);
}

text::SourceSpan span_of(antlr4::ParserRuleContext* ctx, uint32_t line) {
  const size_t start = ctx->getStart()->getStartIndex();
  const size_t stop = ctx->getStop() != nullptr ? ctx->getStop()->getStopIndex() : start;
  return text::SourceSpan::at(line, static_cast<uint32_t>(start),
                              static_cast<uint32_t>(stop >= start ? stop - start + 1 : 1));
}

asa::Word word(antlr4::Token* t, uint32_t line) { return asa::Word{t->getText(), token_span(t, line)}; }

asa::Word word(antlr4::ParserRuleContext* ctx, uint32_t line) { return word(ctx->getStart(), line); }

std::optional<uint64_t> number(antlr4::Token* t) {
  if (t == nullptr) return std::nullopt;
  const std::string s = t->getText();
  uint64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

uint32_t number32(antlr4::Token* t) {
  auto v = number(t);
  return v && *v <= 0xffffffffu ? static_cast<uint32_t>(*v) : 0;
}

}  // namespace ikeshift::grammar
