#include "live/swanctl_raw.h"

#include <cctype>

namespace ikeshift::live {

namespace {

bool blank(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// Reads members into `into` until its closing brace (or the end).
void parse_members(const std::string& text, size_t& pos, SwanctlRaw& into) {
  while (pos < text.size()) {
    while (pos < text.size() && blank(text[pos])) ++pos;
    if (pos >= text.size()) return;
    if (text[pos] == '}') {
      ++pos;
      return;
    }
    const size_t start = pos;
    while (pos < text.size() && !blank(text[pos]) && text[pos] != '{' && text[pos] != '}' && text[pos] != '=') ++pos;
    std::string word = text.substr(start, pos - start);
    if (pos < text.size() && text[pos] == '=') {
      ++pos;
      std::string value;
      if (pos < text.size() && text[pos] == '[') {  // a list: kept as its text
        size_t end = text.find(']', pos);
        if (end == std::string::npos) end = text.size();
        value = text.substr(pos + 1, end - pos - 1);
        pos = end + 1;
      } else {
        const size_t vstart = pos;
        while (pos < text.size() && !blank(text[pos]) && text[pos] != '}') ++pos;
        value = text.substr(vstart, pos - vstart);
      }
      into.values.emplace_back(std::move(word), std::move(value));
      continue;
    }
    while (pos < text.size() && blank(text[pos])) ++pos;
    if (pos < text.size() && text[pos] == '{') {
      ++pos;
      SwanctlRaw child;
      child.name = std::move(word);
      parse_members(text, pos, child);
      into.sections.push_back(std::move(child));
    } else if (word.empty()) {
      ++pos;  // a stray character: skip it rather than loop forever
    }
  }
}

}  // namespace

std::string SwanctlRaw::get(const std::string& key) const {
  for (const auto& [k, v] : values)
    if (k == key) return v;
  return {};
}

const SwanctlRaw* SwanctlRaw::section(const std::string& n) const {
  for (const SwanctlRaw& s : sections)
    if (s.name == n) return &s;
  return nullptr;
}

SwanctlRaw parse_swanctl_raw(const std::string& text) {
  SwanctlRaw root;
  size_t pos = 0;
  parse_members(text, pos, root);
  return root;
}

}  // namespace ikeshift::live
