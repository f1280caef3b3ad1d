#include "swanctl/swanctl_values.h"

#include <openssl/evp.h>

#include <charconv>

#include "common/ipv4.h"
#include "common/secret.h"

namespace ikeshift::swanctl {

namespace {

using model::Algorithm;
using model::Dialect;
using model::TransformType;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<uint16_t> port_number(std::string_view s) {
  auto n = parse_number(s);
  if (!n || *n > 65535) return std::nullopt;
  return static_cast<uint16_t>(*n);
}

// `[proto]`, `[proto/port]`, `[proto/a-b]`, `[/port]`, `[%any/port]`.
bool parse_proto_port(std::string_view inner, model::TrafficSelector& ts, std::string& why) {
  const size_t slash = inner.find('/');
  std::string_view proto = inner.substr(0, slash);
  if (!proto.empty() && proto != "%any" && proto != "any") {
    if (proto == "tcp") ts.protocol = 6;
    else if (proto == "udp") ts.protocol = 17;
    else if (proto == "icmp") ts.protocol = 1;
    else if (proto == "sctp") ts.protocol = 132;
    else if (proto == "gre") ts.protocol = 47;
    else if (auto n = parse_number(proto); n && *n <= 255) ts.protocol = static_cast<uint8_t>(*n);
    else {
      why = "protocol '" + std::string(proto) + "' is not a number or tcp, udp, icmp, sctp, gre";
      return false;
    }
  }
  if (slash == std::string_view::npos) return true;
  std::string_view port = inner.substr(slash + 1);
  if (port.empty() || port == "%any" || port == "any") return true;
  if (port == "%opaque") {
    why = "%opaque ports are not modelled";
    return false;
  }
  const size_t dash = port.find('-');
  auto a = port_number(port.substr(0, dash));
  auto b = dash == std::string_view::npos ? a : port_number(port.substr(dash + 1));
  if (!a || !b || *b < *a) {
    why = "port '" + std::string(port) + "' is not a number or a range a-b (service names are not resolved)";
    return false;
  }
  ts.port_first = *a;
  ts.port_last = *b;
  return true;
}

}  // namespace

std::optional<uint64_t> parse_number(std::string_view text) {
  text = trim(text);
  uint64_t v = 0;
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    text.remove_prefix(2);
    base = 16;
  }
  if (text.empty()) return std::nullopt;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v, base);
  if (ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
  return v;
}

std::optional<uint64_t> parse_time(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  uint64_t unit = 1;
  switch (text.back()) {
    case 's': unit = 1; break;
    case 'm': unit = 60; break;
    case 'h': unit = 3600; break;
    case 'd': unit = 86400; break;
    default: unit = 0; break;
  }
  if (unit != 0) text.remove_suffix(1);
  auto n = parse_number(text);
  if (!n) return std::nullopt;
  return *n * (unit == 0 ? 1 : unit);
}

std::optional<model::TrafficSelector> parse_ts(std::string_view text, std::optional<uint32_t> dynamic_address,
                                               std::string& why) {
  text = trim(text);
  model::TrafficSelector ts;
  const size_t bracket = text.find('[');
  if (bracket != std::string_view::npos) {
    if (text.back() != ']') {
      why = "'" + std::string(text) + "': a `[` without its `]`";
      return std::nullopt;
    }
    if (!parse_proto_port(text.substr(bracket + 1, text.size() - bracket - 2), ts, why)) return std::nullopt;
    text = trim(text.substr(0, bracket));
  }
  if (text == "dynamic") {
    if (!dynamic_address) {
      why = "`dynamic` needs a fixed address (local_addrs/remote_addrs), and there is none";
      return std::nullopt;
    }
    ts.addresses = {*dynamic_address, *dynamic_address};
    return ts;
  }
  if (text == "0.0.0.0/0" || text == "%any4" || text == "%any") {
    ts.addresses = {0, 0xffffffffu};
    return ts;
  }
  if (text.find(':') != std::string_view::npos) {
    why = "'" + std::string(text) + "' is IPv6; ikeshift models IPv4 selectors";
    return std::nullopt;
  }
  const size_t slash = text.find('/');
  const size_t dash = text.find('-');
  if (slash != std::string_view::npos) {
    auto a = parse_ipv4(text.substr(0, slash));
    auto len = parse_number(text.substr(slash + 1));
    if (!a || !len || *len > 32) {
      why = "'" + std::string(text) + "' is not an IPv4 subnet a.b.c.d/n";
      return std::nullopt;
    }
    const uint32_t mask = *len == 0 ? 0 : 0xffffffffu << (32 - *len);
    ts.addresses = {*a & mask, *a | ~mask};
    return ts;
  }
  if (dash != std::string_view::npos) {
    auto a = parse_ipv4(text.substr(0, dash));
    auto b = parse_ipv4(text.substr(dash + 1));
    if (!a || !b || *b < *a) {
      why = "'" + std::string(text) + "' is not an IPv4 range a.b.c.d-e.f.g.h";
      return std::nullopt;
    }
    ts.addresses = {*a, *b};
    return ts;
  }
  auto a = parse_ipv4(text);
  if (!a) {
    why = "'" + std::string(text) + "' is not an IPv4 address, subnet, range or `dynamic`";
    return std::nullopt;
  }
  ts.addresses = {*a, *a};
  return ts;
}

const Algorithm* prf_for_integrity(const Algorithm& integrity) {
  const std::string_view n = model::algorithm_name(integrity, Dialect::Strongswan);
  if (n.empty()) return nullptr;
  return model::find_algorithm(TransformType::Prf, Dialect::Strongswan, "prf" + std::string(n));
}

std::optional<ParsedProposal> parse_proposal(std::string_view text, bool ike, const text::SourceSpan& span,
                                             std::string& why) {
  ParsedProposal p;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t dash = text.find('-', pos);
    if (dash == std::string_view::npos) dash = text.size();
    const std::string_view w = text.substr(pos, dash - pos);
    const text::SourceSpan at{span.line, span.col + static_cast<uint32_t>(pos), span.line,
                              span.col + static_cast<uint32_t>(dash)};
    pos = dash + 1;
    if (w.empty()) {
      why = "an empty algorithm between two dashes";
      return std::nullopt;
    }
    if (w == "esn" || w == "noesn") {
      p.esn_only = true;
      continue;
    }
    const Algorithm* a = nullptr;
    for (TransformType t : {TransformType::Encryption, TransformType::Integrity, TransformType::Prf, TransformType::DhGroup}) {
      if (t == TransformType::Prf && !ike) continue;
      if ((a = model::find_algorithm(t, Dialect::Strongswan, w)) != nullptr) break;
    }
    if (a == nullptr) {
      why = "'" + std::string(w) + "' is not a strongSwan algorithm ikeshift knows";
      return std::nullopt;
    }
    switch (a->type) {
      case TransformType::Encryption: p.encryption.push_back(a); break;
      case TransformType::Integrity: p.integrity.push_back(a); break;
      case TransformType::Prf: p.prf.push_back(a); break;
      case TransformType::DhGroup: p.dh_groups.push_back(a); break;
    }
    p.sources.push_back({a, at});
  }
  if (p.encryption.empty()) {
    why = "no encryption algorithm";
    return std::nullopt;
  }
  const bool aead = p.encryption.front()->aead;
  if (!aead && p.integrity.empty()) {
    why = "no integrity algorithm for a non-AEAD cipher";
    return std::nullopt;
  }
  if (ike && p.prf.empty()) {
    // charon proposes the integrity algorithms as PRFs when none is written.
    for (const Algorithm* i : p.integrity)
      if (const Algorithm* f = prf_for_integrity(*i)) p.prf.push_back(f);
    if (p.prf.empty()) {
      why = "an AEAD IKE proposal needs a PRF (e.g. prfsha256): charon refuses it without one";
      return std::nullopt;
    }
  }
  if (ike && p.dh_groups.empty()) {
    why = "no key exchange (DH) group: an IKE proposal needs one";
    return std::nullopt;
  }
  return p;
}

std::optional<std::string> decode_secret(const std::string& text, std::string& why) {
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    std::string out;
    auto hex = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    if ((text.size() - 2) % 2 != 0) {
      why = "a 0x secret with an odd number of hex digits";
      return std::nullopt;
    }
    for (size_t i = 2; i + 1 < text.size(); i += 2) {
      const int h = hex(text[i]), l = hex(text[i + 1]);
      if (h < 0 || l < 0) {
        wipe_string(out);
        why = "a 0x secret with a character that is not a hex digit";
        return std::nullopt;
      }
      out += static_cast<char>(h * 16 + l);
    }
    return out;
  }
  if (text.size() > 2 && text[0] == '0' && (text[1] == 's' || text[1] == 'S')) {
    const std::string b64 = text.substr(2);
    std::string out((b64.size() / 4 + 1) * 3, '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(b64.data()), static_cast<int>(b64.size()));
    if (n < 0 || b64.size() % 4 != 0) {
      wipe_string(out);
      why = "a 0s secret that is not valid base64";
      return std::nullopt;
    }
    size_t len = static_cast<size_t>(n);
    // EVP_DecodeBlock counts the padding bytes as output.
    if (!b64.empty() && b64.back() == '=') --len;
    if (b64.size() > 1 && b64[b64.size() - 2] == '=') --len;
    out.resize(len);
    return out;
  }
  return text;
}

}  // namespace ikeshift::swanctl
