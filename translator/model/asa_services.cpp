#include "model/asa_services.h"

#include <cctype>

#include "common/text_case.h"

namespace ikeshift::model {

namespace {

struct Keyword {
  std::string_view name;
  uint16_t number;
};

// IANA protocol numbers of the ASA protocol keywords.
constexpr Keyword kProtocols[] = {
    {"ip", 0},      {"icmp", 1},  {"igmp", 2},   {"ipinip", 4}, {"tcp", 6},   {"igrp", 9},
    {"udp", 17},    {"gre", 47},  {"esp", 50},   {"ah", 51},    {"icmp6", 58}, {"eigrp", 88},
    {"ospf", 89},   {"nos", 94},  {"pim", 103},  {"pcp", 108},  {"snp", 109}, {"sctp", 132},
};

// ASA port literals (TCP and UDP share one table: no name means two numbers;
// 512-514 have different names per protocol, which is why both appear).
constexpr Keyword kPorts[] = {
    {"aol", 5190},         {"bgp", 179},          {"biff", 512},         {"bootpc", 68},
    {"bootps", 67},        {"chargen", 19},       {"cifs", 3020},        {"citrix-ica", 1494},
    {"cmd", 514},          {"ctiqbe", 2748},      {"daytime", 13},       {"discard", 9},
    {"dnsix", 195},        {"domain", 53},        {"echo", 7},           {"exec", 512},
    {"finger", 79},        {"ftp", 21},           {"ftp-data", 20},      {"gopher", 70},
    {"h323", 1720},        {"hostname", 101},     {"http", 80},          {"https", 443},
    {"ident", 113},        {"imap4", 143},        {"irc", 194},          {"isakmp", 500},
    {"kerberos", 750},     {"klogin", 543},       {"kshell", 544},       {"ldap", 389},
    {"ldaps", 636},        {"login", 513},        {"lotusnotes", 1352},  {"lpd", 515},
    {"mobile-ip", 434},    {"nameserver", 42},    {"netbios-dgm", 138},  {"netbios-ns", 137},
    {"netbios-ssn", 139},  {"nfs", 2049},         {"nntp", 119},         {"ntp", 123},
    {"pcanywhere-data", 5631}, {"pcanywhere-status", 5632}, {"pim-auto-rp", 496},
    {"pop2", 109},         {"pop3", 110},         {"pptp", 1723},        {"radius", 1645},
    {"radius-acct", 1646}, {"rip", 520},          {"rsh", 514},          {"rtsp", 554},
    {"secureid-udp", 5510}, {"sip", 5060},        {"smtp", 25},          {"snmp", 161},
    {"snmptrap", 162},     {"sqlnet", 1521},      {"ssh", 22},           {"sunrpc", 111},
    {"syslog", 514},       {"tacacs", 49},        {"talk", 517},         {"telnet", 23},
    {"tftp", 69},          {"time", 37},          {"uucp", 540},         {"who", 513},
    {"whois", 43},         {"www", 80},           {"xdmcp", 177},
};


std::optional<uint32_t> parse_decimal(std::string_view word, uint32_t max) {
  if (word.empty() || word.size() > 5) return std::nullopt;
  uint32_t v = 0;
  for (char c : word) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<uint32_t>(c - '0');
  }
  if (v > max) return std::nullopt;
  return v;
}

template <size_t N>
std::optional<uint16_t> lookup(const Keyword (&table)[N], std::string_view word) {
  for (const Keyword& k : table) {
    if (iequals(k.name, word)) return k.number;
  }
  return std::nullopt;
}

}  // namespace

std::optional<uint8_t> asa_protocol_number(std::string_view word) {
  if (auto n = parse_decimal(word, 255)) return static_cast<uint8_t>(*n);
  if (auto n = lookup(kProtocols, word)) return static_cast<uint8_t>(*n);
  return std::nullopt;
}

std::optional<uint16_t> asa_port_number(std::string_view word) {
  if (auto n = parse_decimal(word, 65535)) return static_cast<uint16_t>(*n);
  return lookup(kPorts, word);
}

bool protocol_has_ports(uint8_t protocol) {
  return protocol == 6 || protocol == 17 || protocol == 132;
}

}  // namespace ikeshift::model
