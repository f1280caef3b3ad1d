#include "asa/top_level_commands.h"

#include <algorithm>
#include <array>

namespace ikeshift::asa {

namespace {

// Top-level ASA commands (8.x/9.x) outside the VPN model. Sorted for binary
// search; compared case-insensitively. Sources: Cisco ASA command references
// and the public configurations in the test corpus.
constexpr std::array<std::string_view, 142> kIgnoredCommands = {
    "aaa", "aaa-server", "access-group", "anyconnect", "anyconnect-custom-attr", "arp", "asdm",
    "asp", "auth-prompt", "boot", "ca", "call-home", "checkheaps", "class-map", "client-update",
    "clock", "cluster", "command-alias", "compression", "configure", "console", "context",
    "coredump", "crashinfo", "ctl-file", "cts", "ddns", "dhcp-client", "dhcpd", "dhcprelay",
    "dns", "dns-group", "dns-guard", "dynamic-access-policy-config",
    "dynamic-access-policy-record", "dynamic-filter", "eigrp", "enable", "end", "established",
    "event", "exit", "failover", "file-bandwidth", "fips", "firewall", "flow-export",
    "flow-offload", "fragment", "ftp", "global", "hpm", "http", "http-proxy", "hw-module", "icmp",
    "igmp", "imap4s", "import", "ip", "ip-client", "ipv6", "isakmp-over-tcp", "jumbo-frame",
    "key", "l2tp", "ldap", "license", "logging", "mac-address", "mac-learn", "mac-list",
    "management-access", "media-termination", "monitor-interface", "mount", "mroute", "mtu",
    "multicast-routing", "nat", "nat-control", "netflow", "no", "ntp", "object-group-search",
    "pager", "passwd", "password", "password-policy", "phone-proxy", "pim", "policy-list",
    "policy-map", "pop3s", "prefix-list", "priority-queue", "privilege", "prompt", "quit",
    "quota", "regex", "route", "route-map", "router", "same-security-traffic", "scansafe",
    "service", "service-module", "service-policy", "setup", "sla", "smtp-server", "smtps", "snmp",
    "snmp-map", "snmp-server", "ssh", "ssl", "static", "sysopt", "tcp-map", "telnet", "terminal",
    "tftp-server", "threat-detection", "time-range", "timeout", "tls-proxy", "track", "uc-ime",
    "user-identity", "username", "virtual", "vpdn", "vpn", "vpn-addr-assign", "vpn-sessiondb",
    "vpnclient", "vpnsetup", "wccp", "webvpn", "zone",
};

bool is_ignored_command(std::string_view word) {
  auto less = [](std::string_view a, std::string_view b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                        [](char x, char y) { return lower_ascii(x) < lower_ascii(y); });
  };
  return std::binary_search(kIgnoredCommands.begin(), kIgnoredCommands.end(), word, less);
}

}  // namespace

std::string_view next_word(std::string_view line, size_t& pos) {
  while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
  size_t start = pos;
  while (pos < line.size() && line[pos] != ' ' && line[pos] != '\t') ++pos;
  return line.substr(start, pos - start);
}

TopClass classify_top_line(std::string_view line) {
  if (line.empty()) return {TopKind::Comment, {}};
  if (line[0] == '!' || line[0] == ':') return {TopKind::Comment, {}};
  size_t pos = 0;
  std::string_view w1 = next_word(line, pos);
  if (w1.size() >= 15 && iequals(w1.substr(0, 15), "Cryptochecksum:")) return {TopKind::Comment, {}};

  if (iequals(w1, "access-list")) return {TopKind::DeferredAcl, next_word(line, pos)};
  if (iequals(w1, "object")) {
    std::string_view w2 = next_word(line, pos);
    if (iequals(w2, "network")) return {TopKind::DeferredObject, next_word(line, pos)};
    return {TopKind::Ignored, {}};  // object service / protocol / icmp-type ...
  }
  if (iequals(w1, "object-group")) {
    std::string_view w2 = next_word(line, pos);
    if (iequals(w2, "network")) return {TopKind::DeferredGroup, next_word(line, pos)};
    return {TopKind::Ignored, {}};
  }
  if (iequals(w1, "crypto")) {
    std::string_view w2 = next_word(line, pos);
    if (iequals(w2, "ca")) {
      std::string_view w3 = next_word(line, pos);
      std::string_view w4 = next_word(line, pos);
      if (iequals(w3, "certificate") && iequals(w4, "chain")) return {TopKind::CertificateData, {}};
      return {TopKind::Ignored, {}};
    }
    return {TopKind::Vpn, {}};
  }
  if (iequals(w1, "no")) {
    std::string_view w2 = next_word(line, pos);
    return {iequals(w2, "crypto") ? TopKind::Vpn : TopKind::Ignored, {}};
  }
  if (iequals(w1, "tunnel-group") || iequals(w1, "group-policy") || iequals(w1, "interface") ||
      iequals(w1, "hostname") || iequals(w1, "domain-name") || iequals(w1, "names") || iequals(w1, "name")) {
    return {TopKind::Vpn, {}};
  }
  if (iequals(w1, "asa")) {
    std::string_view w2 = next_word(line, pos);
    return {iequals(w2, "version") ? TopKind::Vpn : TopKind::Unknown, {}};
  }
  if (iequals(w1, "banner")) return {TopKind::FreeText, {}};
  if (iequals(w1, "tunnel-group-map") || is_ignored_command(w1)) return {TopKind::Ignored, {}};
  return {TopKind::Unknown, {}};
}

}  // namespace ikeshift::asa
