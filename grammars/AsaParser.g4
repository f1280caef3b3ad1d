// Parser for the VPN subset of the Cisco ASA configuration language.
//
// Conventions (after Batfish's Cisco grammars):
// - Line-oriented. The reader (translator/asa/asa_reader.cpp) groups the file
//   into blocks by indentation and hands this parser one line at a time:
//   `top_line` for a line at column 1, `sub_line` for an indented sub-command.
//   Recovery is therefore always at the end of a line: a line either parses
//   or is kept verbatim as an unknown line with the parser's reason.
// - What is deliberately ignored has its own rules (`*_unmodelled`): known
//   syntax the VPN model does not need. Each starts with a negated set of the
//   first tokens that are modelled, so it never competes with a real rule and
//   SLL prediction stays cheap.
// - `variable` is any single token: ASA names (maps, ACLs, tunnel-groups,
//   keys) may collide with keywords, e.g. a crypto map called `map`.
// - Values such as algorithm names are kept as words here; the reader checks
//   them against the algorithm registry and reports a clear error with its span.
parser grammar AsaParser;

options { tokenVocab = AsaLexer; }

top_line : top_command EOF ;
sub_line : sub_command EOF ;

variable : ~NEWLINE ;
rest_of_line : ~NEWLINE* ;

// ---------------------------------------------------------------- top level
top_command
  : s_asa_version
  | s_hostname
  | s_domain_name
  | s_names
  | s_name
  | s_interface
  | s_object_network
  | s_object_group_network
  | s_access_list
  | s_crypto
  | s_tunnel_group
  | s_group_policy
  | s_no
  ;

s_asa_version : ASA VERSION version=variable rest_of_line ;
s_hostname : HOSTNAME hostname=variable ;
s_domain_name : DOMAIN_NAME domain=variable ;
s_names : NAMES ;
s_name : NAME address=IP_ADDRESS alias=variable (DESCRIPTION rest_of_line)? ;
s_interface : INTERFACE hw=variable rest_of_line ;
s_object_network : OBJECT NETWORK object_name=variable (DESCRIPTION rest_of_line)? ;
s_object_group_network : OBJECT_GROUP NETWORK group_name=variable ;

// `no` forms at top level: recognised; the reader records the ones it models.
s_no : NO negated=top_command ;

// ---------------------------------------------------------------- access-list
s_access_list
  : ACCESS_LIST acl_name=variable
    ( acl_extended
    | acl_remark
    | acl_unmodelled
    )
  ;

acl_extended
  : (LINE DEC)? EXTENDED? action=(PERMIT | DENY) acl_protocol
    src=acl_address src_port=port_match?
    dst=acl_address dst_port=port_match?
    acl_option*
  ;

acl_protocol
  : OBJECT_GROUP service_group=variable
  | OBJECT service_object=variable
  | protocol=variable
  ;

acl_address
  : ANY | ANY4 | ANY6
  | HOST host=variable
  | OBJECT object_ref=variable
  | OBJECT_GROUP group_ref=variable
  | INTERFACE iface=variable
  | net=address_word mask=IP_ADDRESS
  ;

// An address or a `name` alias.
address_word : IP_ADDRESS | WORD ;

port_match
  : op=(EQ | LT | GT | NEQ) port=variable
  | RANGE low=variable high=variable
  ;

acl_option
  : LOG rest_of_line
  | INACTIVE
  | TIME_RANGE range_name=variable
  | icmp_type=WORD
  | DEC
  ;

acl_remark : REMARK rest_of_line ;
// standard, webtype, ethertype, ipv6 ... ACLs: not crypto ACLs.
acl_unmodelled : ~(LINE | EXTENDED | PERMIT | DENY | REMARK | NEWLINE) rest_of_line ;

// ---------------------------------------------------------------- crypto
s_crypto
  : CRYPTO
    ( crypto_ikev1
    | crypto_ikev2
    | crypto_ipsec
    | crypto_map
    | crypto_dynamic_map
    | crypto_unmodelled
    )
  ;

// ca, key, engine, checkpoint ...: outside the VPN model.
crypto_unmodelled : ~(IKEV1 | ISAKMP | IKEV2 | IPSEC | MAP | DYNAMIC_MAP | NEWLINE) rest_of_line ;

crypto_ikev1
  : version=(IKEV1 | ISAKMP)
    ( POLICY priority=DEC
    | ENABLE iface=variable
    | NAT_TRAVERSAL keepalive_seconds=DEC?
    | IDENTITY identity_kind=(ADDRESS | HOSTNAME | AUTO) 
    | IDENTITY identity_kind=KEY_ID key_id=variable
    | ikev1_unmodelled
    )
  ;
// disconnect-notify, am-disable, ipsec-over-tcp, reload-wait ...
ikev1_unmodelled : ~(POLICY | ENABLE | NAT_TRAVERSAL | IDENTITY | NEWLINE) rest_of_line ;

crypto_ikev2
  : IKEV2
    ( POLICY priority=DEC
    | ENABLE iface=variable rest_of_line
    | COOKIE_CHALLENGE threshold=DEC
    | LIMIT limit=(MAX_SA | MAX_IN_NEGOTIATION_SA) limit_value=DEC
    | ikev2_unmodelled
    )
  ;
// remote-access trustpoint, notify, fragmentation ...
ikev2_unmodelled : ~(POLICY | ENABLE | COOKIE_CHALLENGE | LIMIT | NEWLINE) rest_of_line ;

crypto_ipsec
  : IPSEC
    ( ipsec_transform_set
    | IKEV2 IPSEC_PROPOSAL proposal_name=variable
    | SECURITY_ASSOCIATION sa_global
    | ipsec_unmodelled
    )
  ;

ipsec_transform_set
  : IKEV1? TRANSFORM_SET ts_name=variable
    ( MODE ts_mode=variable
    | transforms+=variable+
    )
  ;

sa_global
  : LIFETIME sa_lifetime_value+
  | sa_unmodelled
  ;
// pmtu-aging, replay window-size ...
sa_unmodelled : ~(LIFETIME | NEWLINE) rest_of_line ;

sa_lifetime_value
  : SECONDS seconds=DEC
  | KILOBYTES (kilobytes=DEC | UNLIMITED)
  ;

// df-bit, fragmentation, ikev2 sa-strength-enforcement ...
ipsec_unmodelled : ~(IKEV1 | TRANSFORM_SET | IKEV2 | SECURITY_ASSOCIATION | NEWLINE) rest_of_line
                 | IKEV2 ~(IPSEC_PROPOSAL | NEWLINE) rest_of_line ;

crypto_map
  : MAP map_name=variable
    ( sequence=DEC map_entry_command
    | INTERFACE iface=variable
    )
  ;

crypto_dynamic_map : DYNAMIC_MAP map_name=variable sequence=DEC map_entry_command ;

map_entry_command
  : MATCH ADDRESS acl=variable
  | SET map_set
  | IPSEC_ISAKMP (DYNAMIC dynamic_map=variable)?
  ;

map_set
  : PEER peers+=variable+
  | PFS pfs_group=variable?
  | IKEV1? TRANSFORM_SET transform_sets+=variable+
  | IKEV1 PHASE1_MODE phase1_mode=variable rest_of_line
  | IKEV2 IPSEC_PROPOSAL proposals+=variable+
  | IKEV2 MODE ikev2_mode=variable
  | SECURITY_ASSOCIATION LIFETIME sa_lifetime_value+
  | CONNECTION_TYPE connection_type=variable
  | NAT_T_DISABLE
  | REVERSE_ROUTE
  | map_set_unmodelled
  ;
// The other `set` options of an ASA crypto map entry, listed by name so that a
// typo (`set pe`) is an unknown line rather than something silently accepted.
map_set_unmodelled
  : (TRUSTPOINT | INHERITANCE | TFC_PACKETS | VALIDATION_USAGE) rest_of_line
  | SECURITY_ASSOCIATION REPLAY rest_of_line
  ;

// ---------------------------------------------------------------- tunnel-group
s_tunnel_group
  : TUNNEL_GROUP tg_name=variable
    ( TYPE tg_type=variable
    | block=(GENERAL_ATTRIBUTES | IPSEC_ATTRIBUTES | WEBVPN_ATTRIBUTES | PPP_ATTRIBUTES)
    )
  ;

// ---------------------------------------------------------------- group-policy
s_group_policy
  : GROUP_POLICY gp_name=variable
    ( kind=INTERNAL
    | kind=EXTERNAL rest_of_line
    | kind=ATTRIBUTES
    )
  ;

// ---------------------------------------------------------------- sub-commands
// One union for the sub-commands of every modelled block; the reader checks
// that a sub-command belongs to the block it stands in.
sub_command
  : sc_nameif
  | sc_ip_address
  | sc_security_level
  | sc_shutdown
  | sc_description
  | sc_object_value
  | sc_network_object
  | sc_group_object
  | sc_authentication
  | sc_encryption
  | sc_hash
  | sc_group
  | sc_lifetime
  | sc_integrity
  | sc_prf
  | sc_protocol_esp
  | sc_pre_shared_key
  | sc_ikev1
  | sc_ikev2
  | sc_isakmp
  | sc_peer_id_validate
  | sc_vpn_tunnel_protocol
  | sc_default_group_policy
  | sc_no
  | sc_unmodelled
  ;

sc_nameif : NAMEIF nameif=variable ;
sc_ip_address
  : IP ADDRESS
    ( address=IP_ADDRESS mask=IP_ADDRESS (STANDBY standby=IP_ADDRESS)?
    | DHCP rest_of_line
    )
  | IP ~(ADDRESS | NEWLINE) rest_of_line
  ;
sc_security_level : SECURITY_LEVEL level=DEC ;
sc_shutdown : SHUTDOWN ;
sc_description : DESCRIPTION rest_of_line ;

// object network: host / subnet / range / fqdn
sc_object_value
  : HOST host=address_word
  | SUBNET net=address_word mask=IP_ADDRESS
  | RANGE first=address_word last=address_word
  | FQDN fqdn_words+=variable+
  ;

// object-group network
sc_network_object
  : NETWORK_OBJECT
    ( HOST host=address_word
    | OBJECT object_ref=variable
    | net=address_word mask=IP_ADDRESS
    )
  ;
sc_group_object : GROUP_OBJECT group_ref=variable ;

// crypto ikev1|isakmp policy, crypto ikev2 policy
sc_authentication : AUTHENTICATION methods+=variable+ ;
sc_encryption : ENCRYPTION algorithms+=variable+ ;
sc_hash : HASH algorithm=variable ;
sc_group : GROUP groups+=variable+ ;
sc_lifetime
  : LIFETIME
    ( SECONDS? seconds=DEC
    | NONE
    | KILOBYTES kilobytes=DEC
    )
  ;
sc_integrity : INTEGRITY algorithms+=variable+ ;
sc_prf : PRF algorithms+=variable+ ;

// crypto ipsec ikev2 ipsec-proposal
sc_protocol_esp : PROTOCOL ESP kind=(ENCRYPTION | INTEGRITY) algorithms+=variable* ;

// tunnel-group ipsec-attributes
sc_pre_shared_key : PRE_SHARED_KEY psk_value? ;
psk_value
  : HEX hex_key=variable
  | form=DEC key=variable
  | key=variable
  ;
sc_ikev1
  : IKEV1 PRE_SHARED_KEY psk_value?
  | IKEV1 ~(PRE_SHARED_KEY | NEWLINE) rest_of_line
  ;
sc_ikev2
  : IKEV2 side=(LOCAL_AUTHENTICATION | REMOTE_AUTHENTICATION) PRE_SHARED_KEY psk_value?
  | IKEV2 side=(LOCAL_AUTHENTICATION | REMOTE_AUTHENTICATION) ~(PRE_SHARED_KEY | NEWLINE) rest_of_line
  | IKEV2 ~(LOCAL_AUTHENTICATION | REMOTE_AUTHENTICATION | NEWLINE) rest_of_line
  ;
sc_isakmp
  : ISAKMP KEEPALIVE
    ( THRESHOLD (threshold=DEC | INFINITE) (RETRY retry=DEC)?
    | DISABLE
    | RETRY retry=DEC
    )
  | ISAKMP ~(KEEPALIVE | NEWLINE) rest_of_line
  ;
sc_peer_id_validate : PEER_ID_VALIDATE validation=variable ;

// group-policy attributes / tunnel-group general-attributes
sc_vpn_tunnel_protocol : VPN_TUNNEL_PROTOCOL protocols+=variable* ;
sc_default_group_policy : DEFAULT_GROUP_POLICY policy_name=variable ;

sc_no : NO rest_of_line ;

// Sub-commands of modelled blocks that the VPN model does not need
// (interface speed/duplex/vlan, tunnel-group chain/trust-point, ...). Whether
// that is fine or an unknown line depends on the block: the reader decides.
sc_unmodelled
  : ~(NAMEIF | IP | SECURITY_LEVEL | SHUTDOWN | DESCRIPTION | HOST | SUBNET | RANGE | FQDN
      | NETWORK_OBJECT | GROUP_OBJECT | AUTHENTICATION | ENCRYPTION | HASH | GROUP | LIFETIME
      | INTEGRITY | PRF | PROTOCOL | PRE_SHARED_KEY | IKEV1 | IKEV2 | ISAKMP | PEER_ID_VALIDATE
      | VPN_TUNNEL_PROTOCOL | DEFAULT_GROUP_POLICY | NO | NEWLINE) rest_of_line
  ;
