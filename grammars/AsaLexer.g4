// Lexer for the VPN subset of the Cisco ASA configuration language.
//
// Keywords are case-insensitive on the ASA (`IKEv1` == `ikev1`). ANTLR 4.7.2 has
// no caseInsensitive option, so the CharStream we feed (translator/asa/
// case_folding_stream.h) lower-cases characters for the lexer while token text
// still comes from the original bytes; every literal below is therefore lower case.
//
// The parser is fed one line at a time (ASA configuration is line-oriented; a
// block is a header at column 1 plus indented sub-commands, grouped by the
// reader), so NEWLINE only appears if a caller hands over several lines.
//
// WORD is the catch-all: any run of non-blank bytes lexes, so lexing never fails
// and no byte is lost (non-UTF-8 bytes arrive as code points 0x80-0xFF).
lexer grammar AsaLexer;

ACCESS_LIST : 'access-list' ;
ADDRESS : 'address' ;
ANY : 'any' ;
ANY4 : 'any4' ;
ANY6 : 'any6' ;
ASA : 'asa' ;
ATTRIBUTES : 'attributes' ;
AUTHENTICATION : 'authentication' ;
AUTO : 'auto' ;
CONNECTION_TYPE : 'connection-type' ;
COOKIE_CHALLENGE : 'cookie-challenge' ;
CRYPTO : 'crypto' ;
DEFAULT_GROUP_POLICY : 'default-group-policy' ;
DENY : 'deny' ;
DESCRIPTION : 'description' ;
DHCP : 'dhcp' ;
DISABLE : 'disable' ;
DOMAIN_NAME : 'domain-name' ;
DYNAMIC : 'dynamic' ;
DYNAMIC_MAP : 'dynamic-map' ;
ENABLE : 'enable' ;
ENCRYPTION : 'encryption' ;
EQ : 'eq' ;
ESP : 'esp' ;
EXTENDED : 'extended' ;
EXTERNAL : 'external' ;
FQDN : 'fqdn' ;
GENERAL_ATTRIBUTES : 'general-attributes' ;
GROUP : 'group' ;
GROUP_OBJECT : 'group-object' ;
GROUP_POLICY : 'group-policy' ;
GT : 'gt' ;
HASH : 'hash' ;
HEX : 'hex' ;
HOST : 'host' ;
HOSTNAME : 'hostname' ;
IDENTITY : 'identity' ;
IKEV1 : 'ikev1' ;
IKEV2 : 'ikev2' ;
INACTIVE : 'inactive' ;
INHERITANCE : 'inheritance' ;
INFINITE : 'infinite' ;
INTEGRITY : 'integrity' ;
INTERFACE : 'interface' ;
INTERNAL : 'internal' ;
IP : 'ip' ;
IPSEC : 'ipsec' ;
IPSEC_ATTRIBUTES : 'ipsec-attributes' ;
IPSEC_ISAKMP : 'ipsec-isakmp' ;
IPSEC_PROPOSAL : 'ipsec-proposal' ;
ISAKMP : 'isakmp' ;
KEEPALIVE : 'keepalive' ;
KEY_ID : 'key-id' ;
KILOBYTES : 'kilobytes' ;
LIFETIME : 'lifetime' ;
LIMIT : 'limit' ;
LINE : 'line' ;
LOCAL_AUTHENTICATION : 'local-authentication' ;
LOG : 'log' ;
LT : 'lt' ;
MAP : 'map' ;
MATCH : 'match' ;
MAX_IN_NEGOTIATION_SA : 'max-in-negotiation-sa' ;
MAX_SA : 'max-sa' ;
MODE : 'mode' ;
NAME : 'name' ;
NAMEIF : 'nameif' ;
NAMES : 'names' ;
NAT_T_DISABLE : 'nat-t-disable' ;
NAT_TRAVERSAL : 'nat-traversal' ;
NEQ : 'neq' ;
NETWORK : 'network' ;
NETWORK_OBJECT : 'network-object' ;
NO : 'no' ;
NONE : 'none' ;
OBJECT : 'object' ;
OBJECT_GROUP : 'object-group' ;
PEER : 'peer' ;
PEER_ID_VALIDATE : 'peer-id-validate' ;
PERMIT : 'permit' ;
PFS : 'pfs' ;
PHASE1_MODE : 'phase1-mode' ;
POLICY : 'policy' ;
PPP_ATTRIBUTES : 'ppp-attributes' ;
PRE_SHARED_KEY : 'pre-shared-key' ;
PRF : 'prf' ;
PROTOCOL : 'protocol' ;
RANGE : 'range' ;
REMARK : 'remark' ;
REMOTE_AUTHENTICATION : 'remote-authentication' ;
REPLAY : 'replay' ;
RETRY : 'retry' ;
REVERSE_ROUTE : 'reverse-route' ;
SECONDS : 'seconds' ;
SECURITY_ASSOCIATION : 'security-association' ;
SECURITY_LEVEL : 'security-level' ;
SET : 'set' ;
SHUTDOWN : 'shutdown' ;
STANDARD : 'standard' ;
STANDBY : 'standby' ;
SUBNET : 'subnet' ;
THRESHOLD : 'threshold' ;
TFC_PACKETS : 'tfc-packets' ;
TIME_RANGE : 'time-range' ;
TRANSFORM_SET : 'transform-set' ;
TRUSTPOINT : 'trustpoint' ;
TUNNEL_GROUP : 'tunnel-group' ;
TYPE : 'type' ;
UNLIMITED : 'unlimited' ;
VALIDATION_USAGE : 'validation-usage' ;
VERSION : 'version' ;
VPN_TUNNEL_PROTOCOL : 'vpn-tunnel-protocol' ;
WEBVPN_ATTRIBUTES : 'webvpn-attributes' ;

IP_ADDRESS : OCTET '.' OCTET '.' OCTET '.' OCTET ;
DEC : [0-9]+ ;
// Anything else that is not blank: names, keys, algorithm words, free text.
WORD : ~[ \t\r\n]+ ;

NEWLINE : '\r'? '\n' ;
// A lone carriage return inside a line is blank, like the ASA treats it.
WS : [ \t\r]+ -> skip ;

fragment OCTET : [0-9] [0-9]? [0-9]? ;
