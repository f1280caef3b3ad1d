#include "common/dialect_detect.h"

#include <array>

#include "asa/top_level_commands.h"

namespace ikeshift {

namespace {

using asa::iequals;
using asa::next_word;

struct Score {
  int points = 0;
  bool seen = false;
  uint32_t line = 0;
  std::string evidence;
  void add(int p, uint32_t at, std::string_view text) {
    points += p;
    if (!seen) {
      seen = true;
      line = at;
      evidence = "`" + std::string(text.substr(0, 60)) + "`";
    }
  }
};

}  // namespace

const char* dialect_name(ConfigDialect d) {
  switch (d) {
    case ConfigDialect::Asa: return "asa";
    case ConfigDialect::Ios: return "ios";
    case ConfigDialect::Rtx: return "rtx";
    case ConfigDialect::Swanctl: return "swanctl";
    case ConfigDialect::Unknown: break;
  }
  return "unknown";
}

const char* dialect_long_name(ConfigDialect d) {
  switch (d) {
    case ConfigDialect::Asa: return "Cisco ASA";
    case ConfigDialect::Ios: return "Cisco IOS";
    case ConfigDialect::Rtx: return "Yamaha RTX";
    case ConfigDialect::Swanctl: return "strongSwan swanctl.conf";
    case ConfigDialect::Unknown: break;
  }
  return "an unknown dialect";
}

std::optional<ConfigDialect> parse_dialect(const std::string& name) {
  if (iequals(name, "asa")) return ConfigDialect::Asa;
  if (iequals(name, "ios")) return ConfigDialect::Ios;
  if (iequals(name, "rtx")) return ConfigDialect::Rtx;
  if (iequals(name, "swanctl") || iequals(name, "strongswan")) return ConfigDialect::Swanctl;
  return std::nullopt;
}

DialectGuess detect_dialect(const text::SourceText& src) {
  Score asa, ios, rtx, swan;
  for (uint32_t i = 0; i < src.line_count(); ++i) {
    std::string_view line = src.line(i);
    size_t pos = 0;
    const bool indented = !line.empty() && (line[0] == ' ' || line[0] == '\t');
    std::string_view w1 = next_word(line, pos);
    std::string_view w2 = next_word(line, pos);
    std::string_view w3 = next_word(line, pos);
    std::string_view w4 = next_word(line, pos);
    if (!indented) {
      if ((iequals(w1, "asa") || iequals(w1, "pix")) && iequals(w2, "version")) asa.add(10, i, line);
      if (iequals(w1, "tunnel-group")) asa.add(3, i, line);
      if (iequals(w1, "crypto") && (iequals(w2, "ikev1") || iequals(w2, "ikev2")) && iequals(w3, "enable"))
        asa.add(3, i, line);
      if (iequals(w1, "crypto") && iequals(w2, "map") && iequals(w4, "set")) asa.add(2, i, line);
      if (iequals(w1, "crypto") && iequals(w2, "ipsec") && iequals(w3, "ikev2") && iequals(w4, "ipsec-proposal"))
        asa.add(3, i, line);
      if (iequals(w1, "version") && !w2.empty() && w2[0] >= '0' && w2[0] <= '9') ios.add(5, i, line);
      if (iequals(w1, "crypto") && iequals(w2, "isakmp") && (iequals(w3, "policy") || iequals(w3, "key")))
        ios.add(2, i, line);
      if (iequals(w1, "crypto") && iequals(w2, "ikev2") &&
          (iequals(w3, "proposal") || iequals(w3, "keyring") || iequals(w3, "profile")))
        ios.add(3, i, line);
      // IOS opens an entry block with `ipsec-isakmp` alone; the ASA writes it
      // only as `ipsec-isakmp dynamic NAME`.
      if (iequals(w1, "crypto") && iequals(w2, "map") && iequals(w4, "ipsec-isakmp") && next_word(line, pos).empty())
        ios.add(2, i, line);
      if (iequals(w1, "crypto") && iequals(w2, "ipsec") && iequals(w3, "profile")) ios.add(2, i, line);
      if (iequals(w1, "crypto") && iequals(w2, "keyring")) ios.add(2, i, line);
      if (iequals(w1, "ip") && iequals(w2, "access-list")) ios.add(1, i, line);
      // IOS splits the key length off (`esp-aes 256`); the ASA never does.
      if (iequals(w1, "crypto") && iequals(w2, "ipsec") && iequals(w3, "transform-set") &&
          line.find(" esp-aes ") != std::string_view::npos)
        ios.add(2, i, line);
    } else {
      if (iequals(w1, "nameif") || iequals(w1, "security-level")) asa.add(3, i, line);
      if (iequals(w1, "tunnel") && iequals(w2, "protection")) ios.add(3, i, line);
      if (iequals(w1, "mode") && (iequals(w2, "tunnel") || iequals(w2, "transport"))) ios.add(2, i, line);
    }
    // RTX commands are flat; show config indents them without meaning.
    if (iequals(w1, "tunnel") && (iequals(w2, "select") || iequals(w2, "enable"))) rtx.add(3, i, line);
    if (iequals(w1, "ipsec") && (iequals(w2, "ike") || iequals(w2, "tunnel") || iequals(w2, "sa"))) rtx.add(3, i, line);
    if (iequals(w1, "ip") && w2.size() > 3 && (w2.compare(0, 3, "lan") == 0) && iequals(w3, "address"))
      rtx.add(3, i, line);
    if (iequals(w1, "pp") && iequals(w2, "select")) rtx.add(3, i, line);
    // swanctl.conf: its two top-level sections and keys no other dialect has.
    if ((w1 == "connections" || w1 == "secrets") && w2 == "{") swan.add(w1 == "connections" ? 10 : 3, i, line);
    if (w1 == "connections{" || w1 == "secrets{") swan.add(10, i, line);
    const std::string_view key = w1.substr(0, w1.find('='));
    if ((w2 == "=" || key.size() < w1.size()) &&
        (key == "local_addrs" || key == "remote_addrs" || key == "esp_proposals" || key == "local_ts" ||
         key == "remote_ts" || key == "start_action"))
      swan.add(3, i, line);
  }
  DialectGuess g;
  const Score* best = nullptr;
  ConfigDialect d = ConfigDialect::Unknown;
  for (auto [s, dialect] : {std::pair<const Score*, ConfigDialect>{&asa, ConfigDialect::Asa}, {&ios, ConfigDialect::Ios}, {&rtx, ConfigDialect::Rtx},
                                {&swan, ConfigDialect::Swanctl}}) {
    if (s->points > 0 && (best == nullptr || s->points > best->points)) {
      best = s;
      d = dialect;
    }
  }
  if (best == nullptr || best->points < 3) return g;
  g.dialect = d;
  g.evidence_line = best->line;
  g.evidence = best->evidence;
  return g;
}

}  // namespace ikeshift
