// Parser for the IPsec subset of Cisco IOS / IOS-XE configuration.
//
// Conventions as in AsaParser.g4 (after Batfish): line-oriented, one line per
// call (`top_line` for column 1, `sub_line` for an indented sub-command, the
// reader groups blocks by indentation), recovery at the end of the line,
// deliberately ignored syntax in `*_unmodelled` rules that start with a
// negated set of the modelled first tokens, `variable` = any one token.
// Algorithm words stay words here: the reader checks them against the
// algorithm registry and reports unknown ones with their span.
parser grammar IosParser;

options { tokenVocab = IosLexer; }

top_line : top_command EOF ;
sub_line : sub_command EOF ;

variable : ~NEWLINE ;
rest_of_line : ~NEWLINE* ;

// ---------------------------------------------------------------- top level
top_command
  : s_version
  | s_hostname
  | s_interface
  | s_ip_access_list
  | s_ip_domain
  | s_access_list
  | s_crypto
  | s_no_crypto
  ;

s_version : VERSION version=variable ;
s_hostname : HOSTNAME hostname=variable ;
s_interface : INTERFACE name=variable rest_of_line ;
s_ip_access_list
  : IP ACCESS_LIST kind=(EXTENDED | STANDARD) acl_name=variable
  | IP ACCESS_LIST ~(EXTENDED | STANDARD | NEWLINE) rest_of_line
  ;
// The domain the FQDN identity `crypto isakmp identity hostname` sends.
s_ip_domain : IP (DOMAIN_NAME | DOMAIN NAME) domain=variable ;
// Numbered ACLs: 100-199 and 2000-2699 are extended.
s_access_list : ACCESS_LIST acl_number=DEC acl_rule ;

s_no_crypto : NO CRYPTO no_crypto_what ;
no_crypto_what
  : IPSEC NAT_TRANSPARENCY UDP_ENCAPSULATION
  | ISAKMP NAT_TRAVERSAL
  | ~NEWLINE rest_of_line
  ;

// ---------------------------------------------------------------- crypto
s_crypto
  : CRYPTO
    ( crypto_isakmp
    | crypto_keyring
    | crypto_ipsec
    | crypto_map
    | crypto_dynamic_map
    | crypto_ikev2
    | crypto_unmodelled
    )
  ;
// ca, pki, key, engine, csr-params, logging, ...: outside the IPsec model.
crypto_unmodelled : ~(ISAKMP | KEYRING | IPSEC | MAP | DYNAMIC_MAP | IKEV2 | NEWLINE) rest_of_line ;

crypto_isakmp
  : ISAKMP
    ( POLICY priority=DEC
    | KEY psk_key ADDRESS peer=IP_ADDRESS peer_mask=IP_ADDRESS? rest_of_line
    | KEY psk_key HOSTNAME peer_host=variable rest_of_line
    | KEEPALIVE dpd_interval=DEC dpd_retry=DEC? dpd_mode=variable?
    | IDENTITY identity_kind=variable
    | PROFILE profile_name=variable
    | isakmp_unmodelled
    )
  ;
// nat keepalive, invalid-spi-recovery, enable, aggressive-mode ...
isakmp_unmodelled : ~(POLICY | KEY | KEEPALIVE | IDENTITY | PROFILE | NEWLINE) rest_of_line ;

// A key as written: `0 KEY`, `6 ENCRYPTED`, `7 ...` or the key alone.
psk_key : (form=DEC)? key=variable ;

crypto_keyring : KEYRING keyring_name=variable rest_of_line ;

crypto_ipsec
  : IPSEC
    ( TRANSFORM_SET ts_name=variable transforms+=variable+
    | PROFILE ipsec_profile_name=variable
    | SECURITY_ASSOCIATION LIFETIME lifetime_value
    | ipsec_unmodelled
    )
  ;
// df-bit, fragmentation, nat-transparency, security-association replay ...
ipsec_unmodelled
  : ~(TRANSFORM_SET | PROFILE | SECURITY_ASSOCIATION | NEWLINE) rest_of_line
  | SECURITY_ASSOCIATION ~(LIFETIME | NEWLINE) rest_of_line
  ;

lifetime_value
  : SECONDS seconds=DEC
  | KILOBYTES (kilobytes=DEC | DISABLE)
  ;

crypto_map
  : MAP map_name=variable
    ( sequence=DEC IPSEC_ISAKMP (DYNAMIC dynamic_map=variable)? rest_of_line
    | sequence=DEC map_set_oneline
    | sequence=DEC map_entry_unmodelled
    | LOCAL_ADDRESS local_if=variable
    | map_unmodelled
    )
  ;
// ipsec-manual, gdoi: entries without IKE.
map_entry_unmodelled : ~(IPSEC_ISAKMP | SET | MATCH | NEWLINE) rest_of_line ;
// `crypto map M N set ...` written on one line (the ASA style) is not IOS.
map_set_oneline : (SET | MATCH) rest_of_line ;
// redundancy, isakmp authorization, client ...
map_unmodelled : ~(DEC | LOCAL_ADDRESS | NEWLINE) rest_of_line ;

crypto_dynamic_map : DYNAMIC_MAP map_name=variable sequence=DEC ;

crypto_ikev2
  : IKEV2
    ( PROPOSAL ikev2_name=variable
    | POLICY ikev2_name=variable
    | KEYRING ikev2_name=variable
    | PROFILE ikev2_name=variable
    | DPD dpd_interval=DEC dpd_retry=DEC dpd_mode=variable
    | ikev2_unmodelled
    )
  ;
// nat keepalive, cookie-challenge, limit, remote-access, fragmentation ...
ikev2_unmodelled : ~(PROPOSAL | POLICY | KEYRING | PROFILE | DPD | NEWLINE) rest_of_line ;

// ---------------------------------------------------------------- ACL rules
acl_rule
  : (seq=DEC)? action=(PERMIT | DENY) protocol=variable
    src=acl_address src_port=port_match?
    dst=acl_address dst_port=port_match?
    rest_of_line
  | (seq=DEC)? action=(PERMIT | DENY) std=acl_address rest_of_line
  | REMARK rest_of_line
  ;

acl_address
  : ANY
  | HOST host=IP_ADDRESS
  | net=IP_ADDRESS wildcard=IP_ADDRESS
  | net=IP_ADDRESS
  ;

port_match
  : op=(EQ | LT | GT | NEQ) port=variable
  | RANGE low=variable high=variable
  ;

// ---------------------------------------------------------------- sub-commands
// One union for the sub-commands of every modelled block; the builder checks
// that a sub-command belongs to the block it stands in.
sub_command
  : sc_acl_rule
  | sc_ip_address
  | sc_crypto_map
  | sc_tunnel
  | sc_shutdown
  | sc_description
  | sc_encryption
  | sc_hash
  | sc_authentication
  | sc_group
  | sc_lifetime
  | sc_integrity
  | sc_prf
  | sc_proposal
  | sc_pre_shared_key
  | sc_keyring
  | sc_match
  | sc_identity
  | sc_keepalive
  | sc_dpd
  | sc_local_address
  | sc_self_identity
  | sc_address
  | sc_mode
  | sc_set
  | sc_peer
  | sc_reverse_route
  | sc_no
  | sc_unmodelled
  ;

sc_acl_rule : acl_rule ;
sc_ip_address
  : IP ADDRESS address=IP_ADDRESS mask=IP_ADDRESS rest_of_line
  | IP ~(ADDRESS | NEWLINE) rest_of_line
  | IP ADDRESS ~(IP_ADDRESS | NEWLINE) rest_of_line
  ;
sc_crypto_map : CRYPTO MAP map_name=variable rest_of_line ;
sc_tunnel
  : TUNNEL SOURCE source=variable
  | TUNNEL DESTINATION destination=variable
  | TUNNEL MODE tunnel_mode=variable rest_of_line
  | TUNNEL PROTECTION IPSEC PROFILE profile=variable rest_of_line
  | TUNNEL ~(SOURCE | DESTINATION | MODE | PROTECTION | NEWLINE) rest_of_line
  ;
sc_shutdown : SHUTDOWN ;
sc_description : DESCRIPTION rest_of_line ;

// crypto isakmp policy / crypto ikev2 proposal
sc_encryption : (ENCR | ENCRYPTION) algorithms+=variable+ ;
sc_hash : HASH algorithm=variable ;
sc_authentication
  : AUTHENTICATION side=(LOCAL | REMOTE) method=variable (KEY psk_key)?
  | AUTHENTICATION method=variable
  ;
sc_group : GROUP groups+=variable+ ;
sc_lifetime : LIFETIME (SECONDS)? seconds=DEC ;
sc_integrity : INTEGRITY algorithms+=variable+ ;
sc_prf : PRF algorithms+=variable+ ;
sc_proposal : PROPOSAL names+=variable+ ;

// crypto keyring: `pre-shared-key address A [M] key K`; ikev2 keyring peer:
// `pre-shared-key [local|remote] K`
sc_pre_shared_key
  : PRE_SHARED_KEY ADDRESS peer=IP_ADDRESS peer_mask=IP_ADDRESS? KEY psk_key
  | PRE_SHARED_KEY HOSTNAME peer_host=variable KEY psk_key
  | PRE_SHARED_KEY side=(LOCAL | REMOTE)? psk_key
  ;
sc_keyring : KEYRING (LOCAL)? keyring_name=variable ;
sc_match
  : MATCH IDENTITY REMOTE? ADDRESS peer=IP_ADDRESS peer_mask=IP_ADDRESS? rest_of_line
  | MATCH IDENTITY REMOTE? (FQDN | HOST) peer_fqdn=variable
  | MATCH IDENTITY REMOTE KEY_ID peer_keyid=variable
  | MATCH IDENTITY REMOTE ANY
  | MATCH ADDRESS acl=variable
  | MATCH ~(IDENTITY | ADDRESS | NEWLINE) rest_of_line
  | MATCH IDENTITY ~(REMOTE | ADDRESS | FQDN | HOST | NEWLINE) rest_of_line
  | MATCH IDENTITY REMOTE ~(ADDRESS | FQDN | HOST | ANY | KEY_ID | NEWLINE) rest_of_line
  ;
sc_identity
  : IDENTITY LOCAL? ADDRESS id_address=IP_ADDRESS
  | IDENTITY LOCAL? FQDN id_fqdn=variable
  | IDENTITY LOCAL? KEY_ID id_keyid=variable
  | IDENTITY ~(LOCAL | ADDRESS | FQDN | KEY_ID | NEWLINE) rest_of_line
  | IDENTITY LOCAL ~(ADDRESS | FQDN | KEY_ID | NEWLINE) rest_of_line
  ;
sc_keepalive : KEEPALIVE interval=DEC RETRY retry=DEC ;
sc_dpd : DPD interval=DEC retry=DEC dpd_mode=variable ;
sc_local_address : LOCAL_ADDRESS local=variable rest_of_line ;
sc_self_identity : SELF_IDENTITY rest_of_line ;
// ikev2 keyring peer: `address A [M]`
sc_address : ADDRESS peer=IP_ADDRESS peer_mask=IP_ADDRESS? ;
// transform-set: `mode tunnel|transport`
sc_mode : MODE ts_mode=variable ;
// crypto map entry / ipsec profile
sc_set
  : SET PEER peers+=IP_ADDRESS DEFAULT?
  | SET PEER peer_name=WORD
  | SET TRANSFORM_SET transform_sets+=variable+
  | SET PFS pfs_group=variable?
  | SET SECURITY_ASSOCIATION LIFETIME lifetime_value
  | SET IKEV2_PROFILE ikev2_profile=variable
  | SET ISAKMP_PROFILE isakmp_profile=variable
  | SET ~(PEER | TRANSFORM_SET | PFS | SECURITY_ASSOCIATION | IKEV2_PROFILE | ISAKMP_PROFILE | NEWLINE) rest_of_line
  | SET SECURITY_ASSOCIATION ~(LIFETIME | NEWLINE) rest_of_line
  ;
// ikev2 keyring: `peer NAME` opens a peer sub-block
sc_peer : PEER peer_name=variable ;
sc_reverse_route : REVERSE_ROUTE rest_of_line ;
sc_no : NO rest_of_line ;

sc_unmodelled
  : ~(PERMIT | DENY | REMARK | DEC | IP | CRYPTO | TUNNEL | SHUTDOWN | DESCRIPTION | ENCR
      | ENCRYPTION | HASH | AUTHENTICATION | GROUP | LIFETIME | INTEGRITY | PRF | PROPOSAL
      | PRE_SHARED_KEY | KEYRING | MATCH | IDENTITY | KEEPALIVE | DPD | LOCAL_ADDRESS
      | SELF_IDENTITY | ADDRESS | MODE | SET | PEER | REVERSE_ROUTE | NO | NEWLINE) rest_of_line
  ;
