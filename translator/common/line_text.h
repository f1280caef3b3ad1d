// What every reader asks of a raw line before parsing it: blank (spaces,
// tabs, a stray CR) and how far it is indented. One definition, so that the
// four readers agree on what a blank line is.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace ikeshift {

inline bool is_blank_line(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

// Leading blanks and tabs.
inline size_t indentation(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  return i;
}

}  // namespace ikeshift
