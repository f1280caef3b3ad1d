#include "swanctl/swanctl_schema.h"

#include <algorithm>
#include <array>

namespace ikeshift::swanctl {

namespace {

// Keys the intent derivation reads.
constexpr std::array<std::string_view, 8> kConnModelled = {
    "aggressive", "dpd_delay", "local_addrs", "proposals", "reauth_time", "rekey_time", "remote_addrs", "version"};
// The rest of connections.<conn> in swanctl.conf(5), outside the model.
constexpr std::array<std::string_view, 25> kConnIgnored = {
    "dpd_timeout", "encap", "over_time", "childless", "dscp", "fragmentation", "if_id_in", "if_id_out", "keyingtries", "local_port", "mediated_by",
    "mediation", "mediation_peer", "mobike", "ocsp", "pools", "ppk_id", "ppk_required", "pull", "rand_time",
    "remote_port", "send_cert", "send_certreq", "unique", "vips"};
constexpr std::array<std::string_view, 2> kAuthModelled = {"auth", "id"};
constexpr std::array<std::string_view, 13> kAuthIgnored = {
    "aaa_id", "ca_id", "cacerts", "cert_policy", "certs", "eap_id", "groups", "pubkeys", "revocation", "round",
    "xauth_id", "cert", "cacert"};
constexpr std::array<std::string_view, 7> kChildModelled = {
    "esp_proposals", "local_ts", "mode", "rekey_bytes", "rekey_time", "remote_ts", "start_action"};
constexpr std::array<std::string_view, 39> kChildIgnored = {
    "dpd_action", "life_bytes", "life_time", "ah_proposals", "close_action", "copy_df", "copy_dscp", "copy_ecn", "hostaccess", "hw_offload", "if_id_in",
    "if_id_out", "inactivity", "interface", "ipcomp", "label", "label_mode", "life_packets", "mark_in",
    "mark_in_sa", "mark_out", "per_cpu_sas", "policies", "policies_fwd_out", "priority", "rand_bytes",
    "rand_packets", "rand_time", "rekey_packets", "replay_window", "reqid", "set_mark_in", "set_mark_out",
    "sha256_96", "tfc_padding", "updown", "sec_label", "sec_label_mode", "trap"};

template <size_t N>
bool in(const std::array<std::string_view, N>& a, std::string_view k) {
  return std::find(a.begin(), a.end(), k) != a.end();
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

}  // namespace

const char* context_path(Context c) {
  switch (c) {
    case Context::Root: return "the top level";
    case Context::Connections: return "connections";
    case Context::Connection: return "connections.<conn>";
    case Context::Auth: return "connections.<conn>.local|remote";
    case Context::Children: return "connections.<conn>.children";
    case Context::Child: return "connections.<conn>.children.<child>";
    case Context::Secrets: return "secrets";
    case Context::IkeSecret: return "secrets.ike<suffix>";
    case Context::Opaque: return "a section outside the IPsec model";
    case Context::Unknown: return "an unknown section";
  }
  return "?";
}

Context section_context(Context parent, std::string_view name) {
  switch (parent) {
    case Context::Root:
      if (name == "connections") return Context::Connections;
      if (name == "secrets") return Context::Secrets;
      if (name == "pools" || name == "authorities") return Context::Opaque;
      return Context::Unknown;
    case Context::Connections: return Context::Connection;  // any name is a connection
    case Context::Connection:
      if (name == "children") return Context::Children;
      if (starts_with(name, "local") || starts_with(name, "remote")) return Context::Auth;
      return Context::Unknown;
    case Context::Children: return Context::Child;
    case Context::Auth:
      // cert<suffix> / cacert<suffix> { handle = ... }: a certificate on a token (PKCS#11).
      if (starts_with(name, "cert") || starts_with(name, "cacert")) return Context::Opaque;
      return Context::Unknown;
    case Context::Secrets:
      if (starts_with(name, "ike")) return Context::IkeSecret;
      for (std::string_view k : {"eap", "xauth", "ntlm", "ppk", "private", "rsa", "ecdsa", "pkcs8", "pkcs12", "token"})
        if (starts_with(name, k)) return Context::Opaque;
      return Context::Unknown;
    case Context::Opaque: return Context::Opaque;
    case Context::Child:
    case Context::IkeSecret:
    case Context::Unknown: return Context::Unknown;
  }
  return Context::Unknown;
}

KeyKind key_kind(Context c, std::string_view key) {
  switch (c) {
    case Context::Connection:
      if (in(kConnModelled, key)) return KeyKind::Modelled;
      return in(kConnIgnored, key) ? KeyKind::Ignored : KeyKind::Unknown;
    case Context::Auth:
      if (in(kAuthModelled, key)) return KeyKind::Modelled;
      // cert<suffix> / cacert<suffix> = FILE: one certificate per key.
      if (in(kAuthIgnored, key) || starts_with(key, "cert") || starts_with(key, "cacert")) return KeyKind::Ignored;
      return KeyKind::Unknown;
    case Context::Child:
      if (in(kChildModelled, key)) return KeyKind::Modelled;
      return in(kChildIgnored, key) ? KeyKind::Ignored : KeyKind::Unknown;
    case Context::IkeSecret:
      return key == "secret" || starts_with(key, "id") ? KeyKind::Modelled : KeyKind::Unknown;
    case Context::Opaque: return KeyKind::Ignored;
    case Context::Root:
    case Context::Connections:
    case Context::Children:
    case Context::Secrets:
    case Context::Unknown: return KeyKind::Unknown;
  }
  return KeyKind::Unknown;
}

std::vector<std::string> keys_of(Context c) {
  std::vector<std::string> out;
  auto add = [&](const auto& a) {
    for (std::string_view k : a) out.emplace_back(k);
  };
  switch (c) {
    case Context::Connection: add(kConnModelled); add(kConnIgnored); out.emplace_back("children"); break;
    case Context::Auth: add(kAuthModelled); add(kAuthIgnored); break;
    case Context::Child: add(kChildModelled); add(kChildIgnored); break;
    case Context::IkeSecret: out = {"id", "secret"}; break;
    default: break;
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace ikeshift::swanctl
