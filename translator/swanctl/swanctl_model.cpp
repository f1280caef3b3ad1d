#include "swanctl/swanctl_model.h"

namespace ikeshift::swanctl {

const Setting* Section::setting(const std::string& key) const {
  for (auto it = settings.rbegin(); it != settings.rend(); ++it)
    if (it->key == key) return &*it;
  return nullptr;
}

const Section* Section::section(const std::string& n) const {
  for (const Section& s : sections)
    if (s.name == n) return &s;
  return nullptr;
}

std::vector<ListItem> split_list(const Value& v) {
  std::vector<ListItem> out;
  if (v.quoted) {
    out.push_back({v.text, v.span});
    return out;
  }
  const std::string& t = v.text;
  size_t start = 0;
  bool in_quote = false;
  auto flush = [&](size_t end) {
    size_t a = start, b = end;
    while (a < b && (t[a] == ' ' || t[a] == '\t')) ++a;
    while (b > a && (t[b - 1] == ' ' || t[b - 1] == '\t')) --b;
    if (b > a) {
      std::string item = t.substr(a, b - a);
      if (item.size() >= 2 && item.front() == '"' && item.back() == '"') item = item.substr(1, item.size() - 2);
      out.push_back({item, SourceSpan{v.span.line, v.span.col + static_cast<uint32_t>(a), v.span.line,
                                      v.span.col + static_cast<uint32_t>(b)}});
    }
  };
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '"') in_quote = !in_quote;
    if (t[i] == ',' && !in_quote) {
      flush(i);
      start = i + 1;
    }
  }
  flush(t.size());
  return out;
}

}  // namespace ikeshift::swanctl
