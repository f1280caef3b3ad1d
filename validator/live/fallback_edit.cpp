#include "live/fallback_edit.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace ikeshift::live {

std::string without_ikev2_proposals(const std::string& text, const model::Intent& intent) {
  std::vector<uint32_t> drop;
  for (const model::Tunnel& t : intent.tunnels)
    if (t.spans.esp_v2.valid()) drop.push_back(t.spans.esp_v2.line);
  std::string out;
  out.reserve(text.size());
  uint32_t line = 0;
  for (size_t at = 0; at < text.size();) {
    size_t end = text.find('\n', at);
    end = end == std::string::npos ? text.size() : end + 1;  // the line with its ending (CRLF too)
    ++line;
    if (std::find(drop.begin(), drop.end(), line) == drop.end()) out.append(text, at, end - at);
    at = end;
  }
  return out;
}

}  // namespace ikeshift::live
