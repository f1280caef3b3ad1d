// The Yamaha RTX dialect model: the IPsec subset of one router's configuration
// (seed 003). RTX commands are flat and keyed by numbers: IKE settings by the
// security gateway id (`ipsec ike hash 1 sha256`), SA policies by policy id
// (`ipsec sa policy 101 1 esp aes256-cbc sha256-hmac`), and a tunnel interface
// (`tunnel select 1` ... `tunnel select none`) uses a policy (`ipsec tunnel 101`).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/dialect_read.h"
#include "common/finding.h"
#include "common/secret.h"
#include "text/source_text.h"

namespace ikeshift::rtx {

using text::SourceSpan;

struct Setting {  // a value with the line that set it
  std::vector<Word> words;
  uint32_t line = 0;
  SourceSpan span;  // the whole line
};

struct Gateway {  // everything `ipsec ike ... GW ...` says about one gateway
  uint32_t id = 0;
  std::optional<Setting> version;          // 1 | 2
  std::optional<Setting> pre_shared_key;   // words: form (text|hex), key
  std::optional<Setting> encryption, hash, group;
  std::optional<Setting> local_address, remote_address;
  std::optional<Setting> local_name, remote_name;  // words: name, type
  std::optional<Setting> local_id, remote_id;      // words: prefix
  std::optional<Setting> keepalive;                // words: switch, method, interval, count ...
  std::optional<Setting> pfs;                      // on | off
  std::optional<Setting> ike_duration;             // words: seconds
  std::optional<Setting> child_duration;           // words: seconds [kilobytes]
  std::optional<Setting> nat_traversal;            // on | off
  std::optional<Setting> proposal_limitation;      // on | off
  std::vector<uint32_t> lines;                     // every line about this gateway
};

struct SaPolicy {  // ipsec sa policy P GW esp ENC [AUTH]
  uint32_t id = 0;
  uint32_t gateway = 0;
  std::vector<Word> esp;  // algorithm words and key=value options
  uint32_t line = 0;
  SourceSpan span;
};

struct TunnelIf {  // tunnel select N
  uint32_t id = 0;
  uint32_t select_line = 0;
  uint32_t last_line = 0;  // last line of its context
  SourceSpan span;
  std::optional<Word> ipsec_policy;     // ipsec tunnel P
  std::optional<Word> encapsulation;    // tunnel encapsulation (ipsec, l2tpv3 ...)
  bool enabled = false;                 // tunnel enable N
};

struct RtxConfig {
  std::map<uint32_t, Gateway> gateways;
  std::vector<SaPolicy> sa_policies;
  std::vector<TunnelIf> tunnels;
  std::map<std::string, std::pair<uint32_t, uint32_t>> interface_addresses;  // lan2 -> address, prefix length
  std::optional<Word> description;  // none by default
  bool ipsec_use_off = false;       // `ipsec use off`

  const Gateway* gateway(uint32_t id) const;
  const SaPolicy* sa_policy(uint32_t id) const;
};

struct ParseResult {
  RtxConfig config;
  std::vector<LineCategory> categories;
  std::vector<UnknownLine> unknown;
  std::vector<Finding> findings;
  ParseStats stats;
};

}  // namespace ikeshift::rtx
