#include "translate/writer.h"

#include <algorithm>

#include "common/ipv4.h"

namespace ikeshift::translate {

void WriterFindings::add(Severity s, std::string code, std::string message, std::string hint,
                         const text::SourceSpan& span, const std::string& lossy_field) {
  Finding f;
  f.severity = s;
  f.code = std::move(code);
  f.message = std::move(message);
  f.hint = std::move(hint);
  f.where = FindingLocation{in_.file, span};
  out_.findings.push_back(std::move(f));
  if (!lossy_field.empty() &&
      std::find(out_.lossy_fields.begin(), out_.lossy_fields.end(), lossy_field) == out_.lossy_fields.end()) {
    out_.lossy_fields.push_back(lossy_field);
  }
}

std::string tunnel_label(const model::Intent& in, const model::Tunnel& t) {
  if (in.dialect == "rtx") return "tunnel select " + std::to_string(t.sequence);
  if (in.dialect == "swanctl") return "connection " + t.map;
  if (t.route_based) return "interface " + t.map;
  return "crypto map " + t.map + " " + std::to_string(t.sequence);
}

std::optional<int> prefix_of(const model::AddressRange& r) {
  const uint32_t size_minus_one = r.last - r.first;
  if ((size_minus_one & (size_minus_one + 1)) != 0) return std::nullopt;  // not a power of two
  if ((r.first & size_minus_one) != 0) return std::nullopt;               // not aligned
  int bits = 0;
  for (uint32_t v = size_minus_one; v != 0; v >>= 1) ++bits;
  return 32 - bits;
}

}  // namespace ikeshift::translate

namespace ikeshift::translate {

bool same_ike_proposal(const model::IkeProposal& a, const model::IkeProposal& b) {
  return a.version == b.version && a.encryption == b.encryption && a.integrity == b.integrity && a.prf == b.prf &&
         a.dh_groups == b.dh_groups && a.lifetime_seconds == b.lifetime_seconds;
}

bool same_esp_proposal(const model::EspProposal& a, const model::EspProposal& b) {
  return a.encryption == b.encryption && a.integrity == b.integrity && a.mode == b.mode;
}

std::vector<model::IkeProposal> distinct_ike_proposals(const model::Intent& in, int version) {
  std::vector<model::IkeProposal> out;
  for (const model::Tunnel& t : in.tunnels) {
    for (const model::IkeProposal& p : version == 1 ? t.ikev1_proposals : t.ikev2_proposals) {
      bool seen = false;
      for (const auto& q : out) seen = seen || same_ike_proposal(p, q);
      if (!seen) out.push_back(p);
    }
  }
  return out;
}

std::string word_name(const std::string& name) {
  std::string s = name;
  for (char& c : s)
    if (c == ' ' || c == '\t') c = '-';
  return s.empty() ? "VPN" : s;
}

}  // namespace ikeshift::translate
