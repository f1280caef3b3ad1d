#include "ios/ios_top_level.h"

#include <algorithm>
#include <array>

#include "asa/top_level_commands.h"

namespace ikeshift::ios {

namespace {

using asa::iequals;
using asa::next_word;

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Top-level IOS / IOS-XE commands outside the IPsec model (sorted, compared
// case-insensitively). Sources: Cisco IOS command references and the public
// configurations in the test corpus.
constexpr std::array<std::string_view, 105> kIgnored = {
    "aaa", "access-session", "alarm-profile", "alias", "appfw", "application", "archive", "arp",
    "authentication", "bfd", "boot", "boot-end-marker", "boot-start-marker", "bridge", "call-home",
    "card", "cdp", "chat-script", "class-map", "clock", "config-register", "control-plane",
    "controller", "cts", "cwmp", "default", "device-tracking", "diagnostic", "dial-peer", "dialer",
    "dialer-list", "dot11", "dot1x", "enable", "end", "ephone", "ephone-dn", "errdisable",
    "ethernet", "event", "exit", "file", "flow", "hw-module", "ipv6", "isdn", "kron", "l2vpn",
    "ldp", "license", "line", "lldp", "logging", "login", "mac", "mac-address-table",
    "management-interface", "memory", "mls", "monitor", "mpls", "multilink", "netconf", "ntp",
    "object-group", "onep", "parameter-map", "platform", "policy-map", "port-channel", "power",
    "privilege", "pseudowire-class", "qos", "radius", "radius-server", "redundancy", "restconf",
    "rmon", "route-map", "router", "sccp", "scheduler", "security", "service", "snmp",
    "snmp-server", "spanning-tree", "subscriber", "system", "table-map", "tacacs", "tacacs-server",
    "telephony-service", "template", "track", "transceiver", "udld", "username", "vlan", "vrf",
    "vtp", "wsma", "zone", "zone-pair",
};

bool is_ignored(std::string_view w) {
  auto less = [](std::string_view a, std::string_view b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                        [](char x, char y) { return lower(x) < lower(y); });
  };
  return std::binary_search(kIgnored.begin(), kIgnored.end(), w, less);
}

}  // namespace

TopKind classify_ios_top_line(std::string_view line) {
  if (line.empty() || line[0] == '!') return TopKind::Comment;
  size_t pos = 0;
  std::string_view w1 = next_word(line, pos);
  if (iequals(w1, "crypto")) {
    std::string_view w2 = next_word(line, pos);
    std::string_view w3 = next_word(line, pos);
    std::string_view w4 = next_word(line, pos);
    if ((iequals(w2, "ca") || iequals(w2, "pki")) && iequals(w3, "certificate") && iequals(w4, "chain"))
      return TopKind::CertificateData;
    if (iequals(w2, "key") && iequals(w3, "pubkey-chain")) return TopKind::CertificateData;
    return TopKind::Ipsec;
  }
  if (iequals(w1, "ip")) {
    std::string_view w2 = next_word(line, pos);
    if (iequals(w2, "access-list") || iequals(w2, "domain-name")) return TopKind::Ipsec;
    if (iequals(w2, "domain") && iequals(next_word(line, pos), "name")) return TopKind::Ipsec;
    return TopKind::Ignored;
  }
  if (iequals(w1, "no")) {
    std::string_view w2 = next_word(line, pos);
    return iequals(w2, "crypto") ? TopKind::Ipsec : TopKind::Ignored;
  }
  if (iequals(w1, "version") || iequals(w1, "hostname") || iequals(w1, "interface") ||
      iequals(w1, "access-list")) {
    return TopKind::Ipsec;
  }
  if (iequals(w1, "banner")) return TopKind::Banner;
  if (iequals(w1, "key")) return TopKind::CertificateData;  // key chain: key-strings below
  if (is_ignored(w1)) return TopKind::Ignored;
  return TopKind::Unknown;
}

}  // namespace ikeshift::ios
