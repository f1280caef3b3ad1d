// Whether an input can be used as a Yamaha RTX configuration at all.
#include "common/dialect_detect.h"
#include "rtx/rtx_reader.h"

namespace ikeshift::rtx {

std::optional<InputError> check_rtx_input(const text::SourceText& src, const ParseResult& parsed) {
  if (auto e = check_text_input(src, ConfigDialect::Rtx, "pass the output of `show config`")) return e;
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
