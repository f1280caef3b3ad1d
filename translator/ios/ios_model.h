// The Cisco IOS / IOS-XE dialect model: the IPsec subset of one router's
// configuration, with the span of every statement (0-based line numbers for
// the edit script, 1-based spans for people). Names keep their case.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/dialect_read.h"
#include "common/finding.h"
#include "common/secret.h"
#include "text/source_text.h"

namespace ikeshift::ios {

using text::SourceSpan;

// A block header and its sub-commands' extent: the ASA's record.
using Block = asa::Block;

struct PresharedKey {
  enum class Form { Plain, Encrypted6, Encrypted7, Masked };
  Form form = Form::Plain;
  Secret key;
  uint32_t line = 0;
  SourceSpan span;  // of the key token
};

struct Interface {
  Word name;  // GigabitEthernet0/0, Tunnel1
  Block block;
  std::optional<uint32_t> address, mask;
  SourceSpan address_span;
  std::optional<Word> crypto_map;
  std::optional<Word> tunnel_source;       // address or interface name
  std::optional<Word> tunnel_destination;  // address (or a name)
  std::optional<Word> tunnel_mode;         // "ipsec" (ipv4), "gre" ...
  std::optional<Word> tunnel_protection;   // ipsec profile name
  bool shutdown = false;
};

struct AclAddress {
  enum class Kind { Any, Host, Wildcard };
  Kind kind = Kind::Any;
  uint32_t address = 0;
  uint32_t wildcard = 0;  // IOS wildcard (inverse) mask
  SourceSpan span;
};

// An ACL port operator: the same operators and service words as the ASA's.
using PortSpec = asa::PortSpec;

struct AclEntry {
  bool permit = true;
  Word protocol;  // ip, tcp, udp, gre, esp, a number
  AclAddress source, destination;
  std::optional<PortSpec> source_port, destination_port;
  uint32_t line = 0;
  SourceSpan span;
};

struct AccessList {
  std::string name;  // name or number
  bool standard = false;
  std::vector<AclEntry> entries;
};

struct IsakmpPolicy {  // crypto isakmp policy N
  int priority = 0;
  Block block;
  std::optional<Word> encryption;  // "aes 256", "3des" (joined words)
  std::optional<Word> hash;
  std::optional<Word> authentication;
  std::optional<Word> group;
  std::optional<uint32_t> lifetime;
  SourceSpan lifetime_span;
};

// `crypto isakmp key K address A [M]` or a `crypto keyring` entry.
struct IsakmpKey {
  PresharedKey key;
  std::optional<uint32_t> address;  // nullopt: by hostname
  uint32_t mask = 0xffffffffu;
  std::string hostname;
  std::string keyring;  // "" for the global `crypto isakmp key`
};

struct Keyring {  // crypto keyring NAME (IKEv1)
  Word name;
  Block block;
  std::optional<Word> local_address;
};

struct IsakmpProfile {
  Word name;
  Block block;
  std::vector<Word> keyrings;
  std::vector<std::pair<uint32_t, uint32_t>> match_addresses;  // address, mask
  std::optional<std::pair<uint32_t, uint32_t>> keepalive;      // interval, retry
  std::optional<Word> local_address;
  std::optional<Word> self_identity;
};

struct TransformSet {
  Word name;
  uint32_t line = 0;
  std::vector<Word> transforms;  // "esp-aes 256" already joined into one word
  std::optional<Word> mode;      // tunnel / transport
  Block block;
};

// `set security-association lifetime seconds|kilobytes` (kilobytes 0 =
// `disable`), with the first lifetime line: the same record as the ASA's.
using SaLifetime = asa::SaLifetime;

struct IpsecProfile {
  Word name;
  Block block;
  std::vector<Word> transform_sets;
  bool has_pfs = false;
  std::optional<Word> pfs_group;
  SourceSpan pfs_span;
  SaLifetime lifetime;
  std::optional<Word> ikev2_profile;
  std::optional<Word> isakmp_profile;
};

struct CryptoMapEntry {
  std::string map;
  uint32_t sequence = 0;
  bool dynamic_map = false;
  std::optional<Word> dynamic_reference;
  Block block;
  std::optional<Word> match_address;
  std::vector<Word> peers;
  std::vector<Word> transform_sets;
  uint32_t transform_set_line = 0;
  bool has_transform_set_line = false;
  bool has_pfs = false;
  std::optional<Word> pfs_group;
  SourceSpan pfs_span;
  SaLifetime lifetime;
  std::optional<Word> ikev2_profile;
  std::optional<Word> isakmp_profile;
};

struct Ikev2Proposal {
  Word name;
  Block block;
  std::vector<Word> encryption, integrity, prf, group;
};

struct Ikev2Policy {
  Word name;
  Block block;
  std::vector<Word> proposals;
};

struct Ikev2KeyringPeer {
  Word name;
  uint32_t line = 0;
  std::optional<std::pair<uint32_t, uint32_t>> address;  // address, mask
  std::optional<Word> hostname;
  std::optional<PresharedKey> both, local, remote;
};

struct Ikev2Keyring {
  Word name;
  Block block;
  std::vector<Ikev2KeyringPeer> peers;
};

struct IdentityRef {  // identity local / match identity remote
  enum class Kind { Address, Fqdn, KeyId, Any };
  Kind kind = Kind::Address;
  uint32_t address = 0;
  uint32_t mask = 0xffffffffu;
  std::string fqdn;  // the FQDN or key-id
  SourceSpan span;
};

struct Ikev2Profile {
  Word name;
  Block block;
  std::vector<IdentityRef> match_remote;
  std::optional<IdentityRef> identity_local;
  std::optional<Word> auth_local, auth_remote;  // pre-share, rsa-sig ...
  std::optional<PresharedKey> auth_local_key, auth_remote_key;  // `authentication ... pre-share key K`
  std::optional<Word> keyring;
  std::optional<std::pair<uint32_t, uint32_t>> dpd;  // interval, retry
  SourceSpan dpd_span;
  std::optional<uint32_t> lifetime;
  SourceSpan lifetime_span;
};

struct IosConfig {
  std::optional<Word> version;
  std::optional<Word> hostname;
  std::optional<Word> domain_name;  // ip domain name / ip domain-name
  std::vector<Interface> interfaces;
  std::vector<AccessList> access_lists;
  std::vector<IsakmpPolicy> isakmp_policies;
  std::vector<IsakmpKey> isakmp_keys;  // global keys and keyring entries
  std::vector<Keyring> keyrings;
  std::vector<IsakmpProfile> isakmp_profiles;
  std::optional<std::pair<uint32_t, uint32_t>> isakmp_keepalive;  // interval, retry
  SourceSpan isakmp_keepalive_span;
  std::optional<Word> isakmp_identity;                            // address / hostname / dn
  std::vector<TransformSet> transform_sets;
  std::vector<IpsecProfile> ipsec_profiles;
  std::vector<CryptoMapEntry> crypto_map_entries;
  std::vector<Ikev2Proposal> ikev2_proposals;
  std::vector<Ikev2Policy> ikev2_policies;
  std::vector<Ikev2Keyring> ikev2_keyrings;
  std::vector<Ikev2Profile> ikev2_profiles;
  std::optional<std::pair<uint32_t, uint32_t>> ikev2_dpd;
  SaLifetime ipsec_lifetime;  // crypto ipsec security-association lifetime
  std::vector<Word> entries_without_ike;  // `crypto map M N ipsec-manual|gdoi`: the keyword
  bool nat_t_disabled = false;

  const Interface* interface(const std::string& name) const;
  const AccessList* access_list(const std::string& name) const;
  const TransformSet* transform_set(const std::string& name) const;
  const IpsecProfile* ipsec_profile(const std::string& name) const;
  const Ikev2Profile* ikev2_profile(const std::string& name) const;
  const Ikev2Keyring* ikev2_keyring(const std::string& name) const;
  const Ikev2Proposal* ikev2_proposal(const std::string& name) const;
  const IsakmpProfile* isakmp_profile(const std::string& name) const;
};

struct ParseResult {
  IosConfig config;
  std::vector<LineCategory> categories;  // one per input line
  std::vector<UnknownLine> unknown;
  std::vector<Finding> findings;
  ParseStats stats;
};

}  // namespace ikeshift::ios
