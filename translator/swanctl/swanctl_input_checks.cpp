// Whether an input can be used as a swanctl.conf at all.
#include "common/dialect_detect.h"
#include "swanctl/swanctl_reader.h"

namespace ikeshift::swanctl {

std::optional<InputError> check_swanctl_input(const text::SourceText& src, const ParseResult& parsed) {
  bool any = false;
  for (size_t i = 0; i < src.line_count() && !any; ++i)
    any = src.line(i).find_first_not_of(" \t\r") != std::string_view::npos;
  if (!any) {
    return InputError{text::SourceSpan::at(0, 0, 1), "empty input: the file holds no configuration",
                      "pass a swanctl.conf with a `connections` section"};
  }
  if (auto nul = src.first_nul()) {
    return InputError{src.span_of_offset(*nul),
                      "binary data (a NUL byte at offset " + std::to_string(*nul) + "): this is not a text configuration",
                      "pass the configuration as text"};
  }
  const DialectGuess g = detect_dialect(src);
  if (g.dialect != ConfigDialect::Unknown && g.dialect != ConfigDialect::Swanctl) {
    return InputError{text::SourceSpan::at(g.evidence_line, 0, static_cast<uint32_t>(src.line(g.evidence_line).size())),
                      std::string("not a strongSwan swanctl.conf: ") + g.evidence + " is " +
                          dialect_long_name(g.dialect) + " syntax",
                      std::string("read it as ") + dialect_name(g.dialect) + " (--from " + dialect_name(g.dialect) + ")"};
  }
  if (parsed.unclosed_line) {
    const uint32_t l = *parsed.unclosed_line;
    return InputError{text::SourceSpan::at(l, 0, static_cast<uint32_t>(src.line(l).size())),
                      "truncated: the section opened here is never closed with `}`",
                      "pass the whole file; a swanctl.conf cut off inside a section would not load in strongSwan either"};
  }
  if (parsed.config.root.section("connections") == nullptr) {
    return InputError{text::SourceSpan::at(0, 0, 1),
                      "no `connections { ... }` section: nothing here describes an IKE connection",
                      "pass the swanctl.conf (or the file under conf.d/) that holds the connections"};
  }
  return std::nullopt;
}

}  // namespace ikeshift::swanctl
