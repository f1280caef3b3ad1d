// Whether an input can be used as a Yamaha RTX configuration at all.
#include "common/dialect_detect.h"
#include "rtx/rtx_reader.h"

namespace ikeshift::rtx {

std::optional<InputError> check_rtx_input(const text::SourceText& src, const ParseResult& parsed) {
  bool any = false;
  for (size_t i = 0; i < src.line_count() && !any; ++i)
    any = src.line(i).find_first_not_of(" \t\r") != std::string_view::npos;
  if (!any) {
    return InputError{text::SourceSpan::at(0, 0, 1), "empty input: the file holds no configuration",
                      "pass the output of `show config`"};
  }
  if (auto nul = src.first_nul()) {
    return InputError{src.span_of_offset(*nul),
                      "binary data (a NUL byte at offset " + std::to_string(*nul) + "): this is not a text configuration",
                      "pass the configuration as text"};
  }
  const DialectGuess g = detect_dialect(src);
  if (g.dialect == ConfigDialect::Asa || g.dialect == ConfigDialect::Ios || g.dialect == ConfigDialect::Swanctl) {
    return InputError{text::SourceSpan::at(g.evidence_line, 0, static_cast<uint32_t>(src.line(g.evidence_line).size())),
                      std::string("not a Yamaha RTX configuration: ") + g.evidence + " is " +
                          dialect_long_name(g.dialect) + " syntax",
                      std::string("read it as ") + dialect_name(g.dialect) + " (--from " + dialect_name(g.dialect) + ")"};
  }
  size_t commands = 0, unknown = 0;
  uint32_t first = 0;
  for (size_t i = 0; i < src.line_count(); ++i) {
    if (parsed.categories[i] == LineCategory::Blank || parsed.categories[i] == LineCategory::Comment) continue;
    ++commands;
    if (parsed.categories[i] == LineCategory::Unknown && unknown++ == 0) first = static_cast<uint32_t>(i);
  }
  if (commands > 0 && unknown * 2 > commands) {
    return InputError{text::SourceSpan::at(first, 0, static_cast<uint32_t>(src.line(first).size())),
                      "not a Yamaha RTX configuration: " + std::to_string(unknown) + " of " + std::to_string(commands) +
                          " lines are not RTX commands",
                      "pass the output of `show config`; --report-unknown lists every line not understood"};
  }
  return std::nullopt;
}

}  // namespace ikeshift::rtx
