// The ASA dialect model: what the VPN subset of one ASA configuration says,
// with the source span of every statement, so that findings can point at the
// line that causes them and the edit script can place new lines next to old ones.
//
// Line numbers stored here ("line", "header_line", "last_line") are 0-based
// indexes into the SourceText; spans are 1-based line:column for people.
// Names keep their original case (ASA names are case-sensitive); keywords were
// matched case-insensitively.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/finding.h"
#include "common/secret.h"
#include "text/source_text.h"

namespace ikeshift::asa {

using text::SourceSpan;

// A token's text with where it stands.
struct Word {
  std::string text;
  SourceSpan span;
};

// A block of lines: a header at column 1 and its indented sub-commands.
struct Block {
  uint32_t header_line = 0;  // 0-based
  uint32_t last_line = 0;    // 0-based, last sub-command (== header_line when empty)
  SourceSpan span;           // of the header line
};

struct Interface {
  Word hardware;  // GigabitEthernet0/0
  Block block;
  std::optional<Word> nameif;
  std::optional<uint32_t> address;  // host byte order
  std::optional<uint32_t> mask;
  SourceSpan address_span;
  std::optional<int> security_level;
  bool shutdown = false;
};

struct NameEntry {  // `name 10.1.1.1 server1`
  Word name;
  uint32_t address = 0;
  uint32_t line = 0;
};

// One address operand: host, subnet, range, or a reference to an object/group.
struct AddressSpec {
  enum class Kind { Any, Host, Subnet, Range, Object, ObjectGroup, Interface, Fqdn };
  Kind kind = Kind::Any;
  uint32_t a = 0;  // host/subnet address, range start
  uint32_t b = 0;  // subnet mask, range end
  std::string name;  // object, object-group, interface or fqdn name
  SourceSpan span;
};

struct NetworkObject {
  Word name;
  Block block;
  std::optional<AddressSpec> value;  // host / subnet / range / fqdn
};

struct NetworkObjectGroup {
  Word name;
  Block block;
  std::vector<AddressSpec> members;  // Host, Subnet, Object (network-object object), ObjectGroup (group-object)
};

struct PortSpec {
  enum class Op { Eq, Lt, Gt, Neq, Range };
  Op op = Op::Eq;
  std::string low, high;  // service names or numbers as written
};

struct AclEntry {
  bool permit = true;
  Word protocol;  // ip, tcp, udp, icmp, esp, a number, or an object-group name (service group)
  bool protocol_is_group = false;
  AddressSpec source;
  std::optional<PortSpec> source_port;
  AddressSpec destination;
  std::optional<PortSpec> destination_port;
  bool inactive = false;
  uint32_t line = 0;
  SourceSpan span;
};

struct AccessList {
  std::string name;
  std::vector<AclEntry> entries;   // extended permit/deny lines, in order
  std::vector<uint32_t> lines;     // every line of this ACL (remarks included)
};

struct Ikev1Policy {
  int priority = 0;
  bool legacy_isakmp = false;  // written as `crypto isakmp policy` (pre-8.4)
  Block block;
  std::optional<Word> authentication;  // pre-share, rsa-sig, crack
  std::optional<Word> encryption;      // des, 3des, aes, aes-192, aes-256
  std::optional<Word> hash;            // sha, md5, sha256...
  std::optional<Word> group;           // "5"
  std::optional<uint32_t> lifetime;    // seconds; 0 = `lifetime none`
  SourceSpan lifetime_span;
};

struct Ikev2Policy {
  int priority = 0;
  Block block;
  std::vector<Word> encryption;
  std::vector<Word> integrity;
  std::vector<Word> group;
  std::vector<Word> prf;
  std::optional<uint32_t> lifetime_seconds;
  SourceSpan lifetime_span;
};

struct TransformSet {
  Word name;
  bool legacy = false;  // `crypto ipsec transform-set` (pre-8.4)
  std::vector<Word> transforms;  // esp-3des esp-sha-hmac
  uint32_t line = 0;             // the line that defines the transforms
  std::optional<Word> mode;      // from a `... transform-set NAME mode transport` line
};

struct IpsecProposal {
  Word name;
  Block block;
  std::vector<Word> encryption;  // 3des aes-256 ...
  std::vector<Word> integrity;   // sha-1 sha-256 ...
  bool has_encryption_line = false;
  bool has_integrity_line = false;
};

struct SaLifetime {
  std::optional<uint64_t> seconds;
  std::optional<uint64_t> kilobytes;  // 0 = unlimited
  SourceSpan span;
};

// A single-valued crypto map setting written twice for one entry: the later
// line replaces the earlier (two pasted tunnels that share a sequence number).
struct RepeatedSetting {
  std::string setting;   // "match address", "set peer", ...
  SourceSpan first;      // the line that was replaced
  SourceSpan second;     // the line that wins
  bool same_value = false;
};

// One sequence number of a crypto map (or of a dynamic map).
struct CryptoMapEntry {
  std::string map;
  uint32_t sequence = 0;
  bool dynamic_map = false;  // defined by `crypto dynamic-map`
  uint32_t first_line = 0;
  uint32_t last_line = 0;
  SourceSpan span;  // first line of the entry
  std::vector<uint32_t> lines;

  std::optional<Word> match_address;
  std::vector<Word> peers;
  bool has_pfs = false;
  std::optional<Word> pfs_group;  // "group5"; absent with has_pfs = group2 (the default)
  std::vector<Word> ikev1_transform_sets;
  bool legacy_transform_keyword = false;  // `set transform-set` without ikev1
  uint32_t ikev1_transform_line = 0;
  std::vector<Word> ikev2_proposals;
  uint32_t ikev2_proposal_line = 0;
  SaLifetime lifetime;
  std::optional<Word> connection_type;
  bool nat_t_disable = false;
  std::optional<Word> ikev2_mode;  // `set ikev2 mode transport|tunnel`
  bool reverse_route = false;
  std::optional<Word> phase1_mode;        // main / aggressive
  std::optional<Word> dynamic_reference;  // `ipsec-isakmp dynamic NAME`
  std::vector<RepeatedSetting> repeated;  // settings written more than once
  // Spans of whole `set ...` lines, for findings about them.
  SourceSpan peer_line, pfs_line, phase1_mode_line;
};

struct CryptoMapBinding {  // `crypto map M interface IF`
  Word map;
  Word interface;
  uint32_t line = 0;
};

struct IkeEnable {  // `crypto ikev1|isakmp|ikev2 enable IF`
  int version = 1;
  bool legacy_isakmp = false;
  Word interface;
  uint32_t line = 0;
};

struct PresharedKey {
  enum class Form { Plain, Encrypted8, Hex, Masked, Missing };
  Form form = Form::Plain;
  Secret key;           // as written (hex digits for Hex); empty when Missing
  bool explicit_zero = false;  // written with a leading `0`
  uint32_t line = 0;
  SourceSpan span;      // of the key token (the line when Missing)
  bool legacy = false;  // ` pre-shared-key K` (pre-8.4) instead of ` ikev1 pre-shared-key K`
};

struct Keepalive {
  enum class Mode { Threshold, Infinite, Disabled };
  Mode mode = Mode::Threshold;
  uint32_t threshold = 10;
  uint32_t retry = 2;
  SourceSpan span;
};

struct TunnelGroup {
  std::string name;
  std::optional<Word> type;  // ipsec-l2l, remote-access, ipsec-ra, webvpn
  uint32_t type_line = 0;
  std::optional<Block> general_attributes;
  std::optional<Block> ipsec_attributes;
  std::optional<PresharedKey> ikev1_psk;
  std::optional<PresharedKey> ikev2_local_psk;
  std::optional<PresharedKey> ikev2_remote_psk;
  bool ikev2_local_certificate = false;
  bool ikev2_remote_certificate_or_eap = false;
  std::optional<Keepalive> keepalive;
  std::optional<Word> peer_id_validate;
  std::optional<Word> default_group_policy;
  SourceSpan span;  // first line that names this tunnel-group

  bool is_l2l() const { return type && type->text == "ipsec-l2l"; }
};

struct GroupPolicy {
  std::string name;
  std::optional<Block> attributes;
  std::vector<Word> vpn_tunnel_protocols;
  SourceSpan span;
};

struct Ikev2Globals {
  std::optional<uint32_t> cookie_challenge;  // percent threshold
  SourceSpan cookie_challenge_span;
  std::optional<uint32_t> max_sa;
  std::optional<uint32_t> max_in_negotiation_sa;
  SourceSpan limit_span;
};

struct IpsecGlobals {
  std::optional<uint64_t> sa_lifetime_seconds;
  std::optional<uint64_t> sa_lifetime_kilobytes;
  SourceSpan sa_lifetime_span;  // `crypto ipsec security-association lifetime ...`
};

// How the reader filed each line of the input. Nothing is ever dropped: every
// line has exactly one category, and lines in Unknown are listable.
enum class LineCategory : uint8_t {
  Blank,      // empty or white space only
  Comment,    // `!` and `:` lines (`: Saved`, `: end`)
  FreeText,   // banner text, certificate data, descriptions
  Modelled,   // parsed by the grammar into the VPN model
  Ignored,    // known ASA syntax outside the VPN model (kept verbatim)
  Unknown,    // not recognised: kept verbatim and reported
};

struct UnknownLine {
  uint32_t line = 0;    // 0-based
  SourceSpan span;      // where the grammar stopped understanding it
  std::string reason;   // why (expected tokens, wrong block, ...)
};

struct ParseStats {
  size_t lines = 0;
  size_t modelled = 0;
  size_t ignored = 0;
  size_t unknown = 0;
  size_t comments = 0;
  size_t blank = 0;
  size_t free_text = 0;
  size_t ll_fallbacks = 0;  // lines the SLL stage could not decide
};

struct AsaConfig {
  std::optional<Word> version;  // "8.4(2)"
  uint32_t version_line = 0;
  std::optional<Word> hostname;
  std::optional<Word> domain_name;  // `domain-name`: completes the FQDN of `identity hostname`
  // `crypto isakmp identity address|hostname|auto|key-id ID` (global, both IKE
  // versions); absent = auto, which is the address for pre-shared keys.
  struct IsakmpIdentity {
    Word kind;                  // address / hostname / auto / key-id (as written)
    std::optional<Word> key_id;
    SourceSpan span;
  };
  std::optional<IsakmpIdentity> isakmp_identity;
  std::vector<NameEntry> names;
  std::vector<Interface> interfaces;
  std::vector<NetworkObject> network_objects;
  std::vector<NetworkObjectGroup> network_object_groups;
  std::vector<AccessList> access_lists;
  std::vector<Ikev1Policy> ikev1_policies;
  std::vector<Ikev2Policy> ikev2_policies;
  std::vector<TransformSet> transform_sets;
  std::vector<IpsecProposal> ipsec_proposals;
  std::vector<CryptoMapEntry> crypto_map_entries;  // static and dynamic, in file order
  std::vector<CryptoMapBinding> crypto_map_bindings;
  std::vector<IkeEnable> ike_enables;
  std::vector<TunnelGroup> tunnel_groups;
  std::vector<GroupPolicy> group_policies;
  Ikev2Globals ikev2;
  IpsecGlobals ipsec;
  bool isakmp_nat_traversal_disabled = false;

  // Lines that mark the end of sections `show run` keeps together; the
  // migration uses them to put new blocks where the ASA would print them.
  std::optional<uint32_t> first_line_of_crypto;

  // Lookups by name (nullptr when absent).
  const Interface* interface_by_nameif(const std::string& nameif) const;
  const AccessList* access_list(const std::string& name) const;
  const TransformSet* transform_set(const std::string& name) const;
  const IpsecProposal* ipsec_proposal(const std::string& name) const;
  const TunnelGroup* tunnel_group(const std::string& name) const;
  const NetworkObject* network_object(const std::string& name) const;
  const NetworkObjectGroup* network_object_group(const std::string& name) const;
  const Ikev2Policy* ikev2_policy(int priority) const;
  const NameEntry* name_entry(const std::string& name) const;
  bool ike_enabled(int version, const std::string& nameif) const;
};

struct ParseResult {
  AsaConfig config;
  std::vector<LineCategory> categories;  // one per input line
  std::vector<UnknownLine> unknown;
  std::vector<Finding> findings;  // semantic problems found while reading
  ParseStats stats;
  // Header line of a block that needs sub-commands (a policy, a proposal,
  // tunnel-group ipsec-attributes) but stands last in the file with none.
  std::optional<uint32_t> trailing_empty_block;
};

}  // namespace ikeshift::asa
