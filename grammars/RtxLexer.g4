// Lexer for the IPsec subset of the Yamaha RTX configuration language.
//
// Same conventions as AsaLexer.g4 (case-folding byte stream, one line per
// parse, WORD as the catch-all so lexing never fails). RTX commands are flat:
// every IPsec command names its security gateway (`ipsec ike hash 1 sha256`)
// and `tunnel select N` only sets the context the next lines apply to.
lexer grammar RtxLexer;

ADDRESS : 'address' ;
ALWAYS_ON : 'always-on' ;
AUTO : 'auto' ;
CHILD_SA : 'child-sa' ;
DESCRIPTION : 'description' ;
DISABLE : 'disable' ;
DURATION : 'duration' ;
ENABLE : 'enable' ;
ENCAPSULATION : 'encapsulation' ;
ENCRYPTION : 'encryption' ;
ESP : 'esp' ;
GROUP : 'group' ;
HASH : 'hash' ;
HEX : 'hex' ;
ID : 'id' ;
IKE : 'ike' ;
IKE_SA : 'ike-sa' ;
IP : 'ip' ;
IPSEC : 'ipsec' ;
IPSEC_SA : 'ipsec-sa' ;
ISAKMP_SA : 'isakmp-sa' ;
KEEPALIVE : 'keepalive' ;
LOCAL : 'local' ;
NAME : 'name' ;
NAT_TRAVERSAL : 'nat-traversal' ;
NO : 'no' ;
NONE : 'none' ;
OFF : 'off' ;
ON : 'on' ;
PFS : 'pfs' ;
POLICY : 'policy' ;
PRE_SHARED_KEY : 'pre-shared-key' ;
PROPOSAL_LIMITATION : 'proposal-limitation' ;
REFRESH : 'refresh' ;
REMOTE : 'remote' ;
SA : 'sa' ;
SELECT : 'select' ;
TEXT : 'text' ;
TUNNEL : 'tunnel' ;
USE : 'use' ;
VERSION : 'version' ;

IP_PREFIX : OCTET '.' OCTET '.' OCTET '.' OCTET '/' [0-9] [0-9]? ;
IP_ADDRESS : OCTET '.' OCTET '.' OCTET '.' OCTET ;
DEC : [0-9]+ ;
WORD : ~[ \t\r\n]+ ;

NEWLINE : '\r'? '\n' ;
WS : [ \t\r]+ -> skip ;

fragment OCTET : [0-9] [0-9]? [0-9]? ;
