// Whether an input can be migrated at all: the errors that stop a file (exit
// code 2), each with the place and the reason, as the CLI reports them.
#include <algorithm>

#include "asa/asa_reader.h"
#include "asa/top_level_commands.h"

namespace ikeshift::asa {

namespace {

using text::SourceSpan;

std::string quote_line(std::string_view line) {
  constexpr size_t kMax = 60;
  std::string out;
  for (char c : line.substr(0, kMax)) {
    unsigned char u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u == 0x7f) ? '?' : c;
  }
  if (line.size() > kMax) out += "...";
  return "'" + out + "'";
}

size_t first_non_blank_line(const text::SourceText& src) {
  for (size_t i = 0; i < src.line_count(); ++i) {
    std::string_view l = src.line(i);
    if (l.find_first_not_of(" \t\r") != std::string_view::npos) return i;
  }
  return src.line_count();
}

}  // namespace

std::optional<InputError> check_asa_input(const text::SourceText& src, const ParseResult& parsed) {
  if (auto e = check_empty_or_binary(src, "pass the output of `show running-config` (or `more system:running-config`)",
                                     "pass the configuration as text, e.g. saved from `show running-config`"))
    return e;

  // Not an ASA configuration: most top-level commands are unknown to the ASA.
  size_t commands = 0;
  size_t unknown_commands = 0;
  std::optional<uint32_t> first_unknown;
  bool ios_version_line = false;
  for (size_t i = 0; i < src.line_count(); ++i) {
    std::string_view l = src.line(i);
    if (l.empty() || l[0] == ' ' || l[0] == '\t' || l[0] == '!' || l[0] == ':') continue;
    LineCategory c = parsed.categories[i];
    if (c == LineCategory::Blank || c == LineCategory::Comment) continue;
    ++commands;
    if (c == LineCategory::Unknown) {
      ++unknown_commands;
      if (!first_unknown) first_unknown = static_cast<uint32_t>(i);
      size_t pos = 0;
      if (iequals(next_word(l, pos), "version")) ios_version_line = true;
    }
  }
  // IOS shares many commands with the ASA, but starts with `version N` where
  // the ASA says `ASA Version N`: that alone settles it.
  if (ios_version_line && !parsed.config.version) {
    uint32_t at = *first_unknown;
    for (size_t i = 0; i < src.line_count(); ++i) {
      size_t pos = 0;
      if (iequals(next_word(src.line(i), pos), "version")) {
        at = static_cast<uint32_t>(i);
        break;
      }
    }
    return InputError{SourceSpan::at(at, 0, static_cast<uint32_t>(src.line(at).size())),
                      "not an ASA configuration: " + quote_line(src.line(at)) +
                          " is how Cisco IOS starts a configuration; an ASA writes `ASA Version`",
                      "this looks like Cisco IOS: ikeshift migrate l2l reads ASA configurations"};
  }
  if (commands > 0 && unknown_commands * 2 > commands) {
    uint32_t at = *first_unknown;
    std::string msg = "not an ASA configuration: " + std::to_string(unknown_commands) + " of " +
                      std::to_string(commands) + " top-level lines are not ASA commands (first: " +
                      quote_line(src.line(at)) + ")";
    std::string hint = ios_version_line
                           ? "this looks like Cisco IOS (a `version` line); ASA input starts with `ASA Version`"
                           : "pass a Cisco ASA running-config; see --report-unknown for every line not understood";
    return InputError{SourceSpan::at(at, 0, static_cast<uint32_t>(src.line(at).size())), msg, hint};
  }

  // Truncation. (a) A saved running-config that lost its `: end` trailer.
  size_t first = first_non_blank_line(src);
  std::string_view first_line = src.line(first);
  if (first_line.rfind(": Saved", 0) == 0) {
    bool has_end = false;
    for (size_t i = src.line_count(); i-- > 0;) {
      std::string_view l = src.line(i);
      if (l.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      has_end = l.rfind(": end", 0) == 0;
      break;
    }
    if (!has_end) {
      uint32_t last = static_cast<uint32_t>(src.line_count() - 1);
      return InputError{SourceSpan::at(last, 0, static_cast<uint32_t>(src.line(last).size()) + 1),
                        "truncated: the file starts with `: Saved` but does not end with `: end`",
                        "copy the whole `show running-config` output again"};
    }
  }
  // (b) The last line stops mid-command (no final newline and not parseable).
  if (!src.ends_with_newline()) {
    uint32_t last = static_cast<uint32_t>(src.line_count() - 1);
    if (parsed.categories[last] == LineCategory::Unknown) {
      auto it = std::find_if(parsed.unknown.begin(), parsed.unknown.end(),
                             [&](const UnknownLine& u) { return u.line == last; });
      std::string why = it != parsed.unknown.end() ? it->reason : "not a complete command";
      return InputError{it != parsed.unknown.end() ? it->span : SourceSpan::at(last, 0, 1),
                        "truncated: the last line has no line ending and is incomplete (" + why + ")",
                        "copy the whole configuration again"};
    }
  }
  // (c) A block that needs sub-commands ends the file without any.
  if (parsed.trailing_empty_block) {
    uint32_t at = *parsed.trailing_empty_block;
    return InputError{SourceSpan::at(at, 0, static_cast<uint32_t>(src.line(at).size())),
                      "truncated mid-block: " + quote_line(src.line(at)) +
                          " is the last line and has none of its sub-commands",
                      "copy the whole configuration again"};
  }
  return std::nullopt;
}

}  // namespace ikeshift::asa
