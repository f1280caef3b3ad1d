#include "validator/rules/rule_helpers.h"

#include "common/ipv4.h"

namespace ikeshift::validator {

std::string spelled(const model::Algorithm& a, model::Dialect d) {
  const std::string_view name = model::algorithm_name(a, d);
  return std::string(name.empty() ? a.id : name);
}

std::string spelled_list(const std::vector<const model::Algorithm*>& list, model::Dialect d) {
  std::string out;
  for (const model::Algorithm* a : list) out += (out.empty() ? "" : ", ") + spelled(*a, d);
  return out.empty() ? "(none)" : out;
}

std::string format_range(const model::AddressRange& r) {
  if (r.first == 0 && r.last == 0xffffffffu) return "any";
  if (r.first == r.last) return format_ipv4(r.first);
  // A CIDR block when the range is one.
  const uint32_t size = r.last - r.first;
  if (((size + 1) & size) == 0 && (r.first & size) == 0) {
    int prefix = 32;
    for (uint32_t s = size; s != 0; s >>= 1) --prefix;
    return format_ipv4(r.first) + "/" + std::to_string(prefix);
  }
  return format_ipv4(r.first) + "-" + format_ipv4(r.last);
}

namespace {

std::string side(const model::TrafficSelector& t) {
  std::string out = format_range(t.addresses);
  if (t.port_first != 0 || t.port_last != 65535) {
    out += " port " + std::to_string(t.port_first);
    if (t.port_last != t.port_first) out += "-" + std::to_string(t.port_last);
  }
  return out;
}

}  // namespace

std::string format_selector(const model::SelectorPair& s) {
  std::string out = side(s.local) + " -> " + side(s.remote);
  if (s.local.protocol != 0) out += " (protocol " + std::to_string(s.local.protocol) + ")";
  return out;
}

std::string format_seconds(uint64_t s) {
  std::string out = std::to_string(s) + " s";
  if (s >= 3600 && s % 3600 == 0) out += " (" + std::to_string(s / 3600) + " h)";
  return out;
}

}  // namespace ikeshift::validator
