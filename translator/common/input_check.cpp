#include "common/input_check.h"

namespace ikeshift {

std::optional<InputError> check_empty_or_binary(const text::SourceText& src, const std::string& empty_hint,
                                                const std::string& binary_hint) {
  bool any = false;
  for (size_t i = 0; i < src.line_count() && !any; ++i)
    any = src.line(i).find_first_not_of(" \t\r") != std::string_view::npos;
  if (!any) return InputError{text::SourceSpan::at(0, 0, 1), "empty input: the file holds no configuration", empty_hint};
  if (auto nul = src.first_nul()) {
    return InputError{src.span_of_offset(*nul),
                      "binary data (a NUL byte at offset " + std::to_string(*nul) + "): this is not a text configuration",
                      binary_hint};
  }
  return std::nullopt;
}

std::optional<InputError> check_text_input(const text::SourceText& src, ConfigDialect expected,
                                           const std::string& empty_hint) {
  if (auto e = check_empty_or_binary(src, empty_hint)) return e;
  const DialectGuess g = detect_dialect(src);
  if (g.dialect == ConfigDialect::Unknown || g.dialect == expected) return std::nullopt;
  return InputError{text::SourceSpan::at(g.evidence_line, 0, static_cast<uint32_t>(src.line(g.evidence_line).size())),
                    std::string("not a ") + dialect_long_name(expected) + " configuration: " + g.evidence + " is " +
                        dialect_long_name(g.dialect) + " syntax",
                    std::string("read it as ") + dialect_name(g.dialect) + " (--from " + dialect_name(g.dialect) + ")"};
}

Finding input_error_finding(const InputError& e, const std::string& file) {
  Finding f;
  f.severity = Severity::Error;
  f.code = "INPUT";
  f.message = e.message;
  f.hint = e.hint;
  f.where = {file, e.span};
  return f;
}

}  // namespace ikeshift
