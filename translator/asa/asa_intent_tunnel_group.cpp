#include "asa/asa_intent_tunnel_group.h"

#include <string>

#include "common/ipv4.h"

namespace ikeshift::model::detail {

namespace {

constexpr const char* kDefaultL2LGroup = "DefaultL2LGroup";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// `pre-shared-key hex 0a1b...`: the key is the bytes, not the digits. Returns
// false on a malformed string; the temporary buffer is wiped either way.
bool decode_hex(const std::string& digits, Secret& out) {
  if (digits.empty() || digits.size() % 2 != 0) return false;
  std::string bytes;
  bytes.reserve(digits.size() / 2);
  for (size_t i = 0; i < digits.size(); i += 2) {
    const int hi = hex_value(digits[i]);
    const int lo = hex_value(digits[i + 1]);
    if (hi < 0 || lo < 0) {
      wipe_string(bytes);
      return false;
    }
    bytes.push_back(static_cast<char>((hi << 4) | lo));
  }
  out = Secret(bytes);
  wipe_string(bytes);
  return true;
}

void copy_key(const std::optional<asa::PresharedKey>& key, const char* what,
              const std::string& group, std::optional<Secret>& out, PskSet& psk,
              Diagnostics& diag) {
  if (!key) return;
  const std::string where = std::string(what) + " of tunnel-group '" + group + "'";
  switch (key->form) {
    case asa::PresharedKey::Form::Missing:
      diag.error("INTENT-PSK-MISSING", where + " has no key", "write the key after the keyword",
                 key->span);
      return;
    case asa::PresharedKey::Form::Masked:
      psk.masked = true;
      diag.warning("INTENT-PSK-MASKED",
                   where + " is masked (*****): the configuration came from `show running-config`",
                   "take the configuration from `more system:running-config` to keep the keys",
                   key->span);
      out = key->key;
      return;
    case asa::PresharedKey::Form::Encrypted8:
      psk.encrypted = true;
      diag.warning("INTENT-PSK-ENCRYPTED",
                   where + " is encrypted with the master passphrase (type 8) and cannot be used",
                   "supply the clear-text key to migrate or test this tunnel", key->span);
      out = key->key;
      return;
    case asa::PresharedKey::Form::Hex: {
      Secret decoded;
      if (!decode_hex(key->key.reveal(), decoded)) {
        diag.error("INTENT-PSK-BAD-HEX", where + " is not an even number of hex digits",
                   "fix the hex key", key->span);
        return;
      }
      out = std::move(decoded);
      return;
    }
    case asa::PresharedKey::Form::Plain:
      out = key->key;
      return;
  }
}

Dpd dpd_of(const std::optional<asa::Keepalive>& keepalive) {
  Dpd dpd;  // L2L default: threshold 10, retry 2
  if (!keepalive) return dpd;
  switch (keepalive->mode) {
    case asa::Keepalive::Mode::Threshold:
      dpd.threshold_seconds = keepalive->threshold;
      dpd.retry_seconds = keepalive->retry;
      break;
    case asa::Keepalive::Mode::Infinite:
      dpd.reply_only = true;
      break;
    case asa::Keepalive::Mode::Disabled:
      dpd.enabled = false;
      break;
  }
  return dpd;
}

// The tunnel-group for the first peer that has one: by the word as written,
// then by the resolved address (a `name` alias peer has its group under the IP).
const asa::TunnelGroup* group_for_peers(const asa::AsaConfig& cfg,
                                        const asa::CryptoMapEntry& entry, const Tunnel& tunnel) {
  for (const asa::Word& w : entry.peers) {
    if (const asa::TunnelGroup* g = cfg.tunnel_group(w.text)) return g;
  }
  for (uint32_t address : tunnel.peers) {
    if (const asa::TunnelGroup* g = cfg.tunnel_group(format_ipv4(address))) return g;
  }
  return nullptr;
}

}  // namespace

void apply_tunnel_group(const asa::AsaConfig& cfg, const asa::CryptoMapEntry& entry,
                        Tunnel& tunnel, Diagnostics& diag) {
  const asa::TunnelGroup* group = group_for_peers(cfg, entry, tunnel);
  if (group == nullptr) {
    group = cfg.tunnel_group(kDefaultL2LGroup);
    if (group == nullptr) {
      diag.warning("INTENT-NO-TUNNEL-GROUP",
                   "crypto map " + entry.map + " " + std::to_string(entry.sequence) +
                       " has no tunnel-group for its peer: no pre-shared key, default DPD",
                   "add `tunnel-group PEER-IP type ipsec-l2l` with ipsec-attributes", entry.span);
      return;
    }
    diag.info("INTENT-DEFAULT-L2L-GROUP",
              "crypto map " + entry.map + " " + std::to_string(entry.sequence) +
                  " uses DefaultL2LGroup (no tunnel-group is named after its peer)",
              "", entry.span);
  }
  if (group->type && !group->is_l2l()) {
    diag.warning("INTENT-TUNNEL-GROUP-NOT-L2L",
                 "tunnel-group '" + group->name + "' is of type '" + group->type->text +
                     "', not ipsec-l2l",
                 "set `tunnel-group " + group->name + " type ipsec-l2l`", group->type->span);
  }
  tunnel.tunnel_group = group->name;
  tunnel.spans.tunnel_group = group->span;
  if (group->ikev1_psk) tunnel.spans.ikev1_psk = group->ikev1_psk->span;
  if (group->ikev2_local_psk) tunnel.spans.ikev2_local_psk = group->ikev2_local_psk->span;
  if (group->ikev2_remote_psk) tunnel.spans.ikev2_remote_psk = group->ikev2_remote_psk->span;
  if (group->keepalive) tunnel.spans.dpd = group->keepalive->span;
  copy_key(group->ikev1_psk, "ikev1 pre-shared-key", group->name, tunnel.psk.ikev1, tunnel.psk,
           diag);
  copy_key(group->ikev2_local_psk, "ikev2 local-authentication pre-shared-key", group->name,
           tunnel.psk.ikev2_local, tunnel.psk, diag);
  copy_key(group->ikev2_remote_psk, "ikev2 remote-authentication pre-shared-key", group->name,
           tunnel.psk.ikev2_remote, tunnel.psk, diag);
  tunnel.dpd = dpd_of(group->keepalive);
}

}  // namespace ikeshift::model::detail
