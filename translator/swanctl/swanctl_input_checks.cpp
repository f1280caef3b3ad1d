// Whether an input can be used as a swanctl.conf at all.
#include "common/dialect_detect.h"
#include "swanctl/swanctl_reader.h"

namespace ikeshift::swanctl {

std::optional<InputError> check_swanctl_input(const text::SourceText& src, const ParseResult& parsed) {
  if (auto e = check_text_input(src, ConfigDialect::Swanctl, "pass a swanctl.conf with a `connections` section")) return e;
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
