#include "translate/acl_text.h"

#include "common/ipv4.h"
#include "translate/writer.h"

namespace ikeshift::translate {

namespace {

std::string protocol_name(uint8_t p) {
  switch (p) {
    case 0: return "ip";
    case 1: return "icmp";
    case 6: return "tcp";
    case 17: return "udp";
    case 47: return "gre";
    case 50: return "esp";
    default: return std::to_string(p);
  }
}

std::optional<std::string> address(const model::AddressRange& r, AclStyle style) {
  if (r.first == 0 && r.last == 0xffffffffu) return std::string("any");
  if (r.first == r.last) return "host " + format_ipv4(r.first);
  auto len = prefix_of(r);
  if (!len) return std::nullopt;
  const uint32_t mask = *len == 0 ? 0 : 0xffffffffu << (32 - *len);
  return format_ipv4(r.first) + " " + format_ipv4(style == AclStyle::AsaMask ? mask : ~mask);
}

std::optional<std::string> ports(const model::TrafficSelector& t) {
  if (t.port_first == 0 && t.port_last == 65535) return std::string();
  if (t.protocol != 6 && t.protocol != 17) return std::nullopt;
  if (t.port_first == t.port_last) return " eq " + std::to_string(t.port_first);
  if (t.port_first == 0) return " lt " + std::to_string(t.port_last + 1);
  if (t.port_last == 65535) return " gt " + std::to_string(t.port_first - 1);
  return " range " + std::to_string(t.port_first) + " " + std::to_string(t.port_last);
}

}  // namespace

std::optional<std::string> acl_rule_text(const model::SelectorPair& s, AclStyle style) {
  if (s.local.protocol != s.remote.protocol) return std::nullopt;
  auto src = address(s.local.addresses, style);
  auto dst = address(s.remote.addresses, style);
  auto sp = ports(s.local);
  auto dp = ports(s.remote);
  if (!src || !dst || !sp || !dp) return std::nullopt;
  return protocol_name(s.local.protocol) + " " + *src + *sp + " " + *dst + *dp;
}

}  // namespace ikeshift::translate
