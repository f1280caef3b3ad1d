// Lexer for the IPsec subset of the Cisco IOS / IOS-XE configuration language.
//
// Same conventions as AsaLexer.g4: keywords are matched in lower case on a
// case-folding byte stream (translator/asa/case_folding_stream.h) while token
// text keeps the original bytes; the parser gets one line at a time; WORD is
// the catch-all, so lexing never fails and no byte is lost.
lexer grammar IosLexer;

ACCESS_LIST : 'access-list' ;
ADDRESS : 'address' ;
ANY : 'any' ;
AUTHENTICATION : 'authentication' ;
CRYPTO : 'crypto' ;
DEFAULT : 'default' ;
DENY : 'deny' ;
DESCRIPTION : 'description' ;
DESTINATION : 'destination' ;
DISABLE : 'disable' ;
DOMAIN : 'domain' ;
DOMAIN_NAME : 'domain-name' ;
DPD : 'dpd' ;
DYNAMIC : 'dynamic' ;
DYNAMIC_MAP : 'dynamic-map' ;
ENCR : 'encr' ;
ENCRYPTION : 'encryption' ;
EQ : 'eq' ;
EXTENDED : 'extended' ;
FQDN : 'fqdn' ;
GROUP : 'group' ;
GT : 'gt' ;
HASH : 'hash' ;
HOST : 'host' ;
HOSTNAME : 'hostname' ;
IDENTITY : 'identity' ;
IKEV2 : 'ikev2' ;
IKEV2_PROFILE : 'ikev2-profile' ;
INTEGRITY : 'integrity' ;
INTERFACE : 'interface' ;
IP : 'ip' ;
IPSEC : 'ipsec' ;
IPSEC_ISAKMP : 'ipsec-isakmp' ;
IPV4 : 'ipv4' ;
ISAKMP : 'isakmp' ;
ISAKMP_PROFILE : 'isakmp-profile' ;
KEEPALIVE : 'keepalive' ;
KEY : 'key' ;
KEY_ID : 'key-id' ;
KEYRING : 'keyring' ;
KILOBYTES : 'kilobytes' ;
LIFETIME : 'lifetime' ;
LOCAL : 'local' ;
LOCAL_ADDRESS : 'local-address' ;
LT : 'lt' ;
MAP : 'map' ;
MATCH : 'match' ;
MODE : 'mode' ;
NAME : 'name' ;
NAT_TRANSPARENCY : 'nat-transparency' ;
NAT_TRAVERSAL : 'nat-traversal' ;
NEQ : 'neq' ;
NO : 'no' ;
PEER : 'peer' ;
PERMIT : 'permit' ;
PFS : 'pfs' ;
POLICY : 'policy' ;
PRE_SHARE : 'pre-share' ;
PRE_SHARED_KEY : 'pre-shared-key' ;
PRF : 'prf' ;
PROFILE : 'profile' ;
PROPOSAL : 'proposal' ;
PROTECTION : 'protection' ;
RANGE : 'range' ;
REMARK : 'remark' ;
REMOTE : 'remote' ;
RETRY : 'retry' ;
REVERSE_ROUTE : 'reverse-route' ;
SECONDS : 'seconds' ;
SECURITY_ASSOCIATION : 'security-association' ;
SELF_IDENTITY : 'self-identity' ;
SET : 'set' ;
SHUTDOWN : 'shutdown' ;
SOURCE : 'source' ;
STANDARD : 'standard' ;
TRANSFORM_SET : 'transform-set' ;
TUNNEL : 'tunnel' ;
UDP_ENCAPSULATION : 'udp-encapsulation' ;
VERSION : 'version' ;

IP_ADDRESS : OCTET '.' OCTET '.' OCTET '.' OCTET ;
DEC : [0-9]+ ;
WORD : ~[ \t\r\n]+ ;

NEWLINE : '\r'? '\n' ;
WS : [ \t\r]+ -> skip ;

fragment OCTET : [0-9] [0-9]? [0-9]? ;
