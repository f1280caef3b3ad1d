// Whether an input can be used as an IOS configuration at all.
#include "common/dialect_detect.h"
#include "ios/ios_reader.h"

namespace ikeshift::ios {

std::optional<InputError> check_ios_input(const text::SourceText& src, const ParseResult& parsed) {
  if (auto e = check_text_input(src, ConfigDialect::Ios, "pass the output of `show running-config`")) return e;
  size_t commands = 0, unknown = 0;
  uint32_t first = 0;
  for (size_t i = 0; i < src.line_count(); ++i) {
    std::string_view l = src.line(i);
    if (l.empty() || l[0] == ' ' || l[0] == '\t' || l[0] == '!') continue;
    if (parsed.categories[i] == LineCategory::Blank || parsed.categories[i] == LineCategory::Comment) continue;
    ++commands;
    if (parsed.categories[i] == LineCategory::Unknown && unknown++ == 0) first = static_cast<uint32_t>(i);
  }
  if (commands > 0 && unknown * 2 > commands) {
    return InputError{text::SourceSpan::at(first, 0, static_cast<uint32_t>(src.line(first).size())),
                      "not a Cisco IOS configuration: " + std::to_string(unknown) + " of " +
                          std::to_string(commands) + " top-level lines are not IOS commands",
                      "pass a Cisco IOS running-config; --report-unknown lists every line not understood"};
  }
  return std::nullopt;
}

}  // namespace ikeshift::ios
