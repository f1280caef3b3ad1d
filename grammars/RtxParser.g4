// Parser for the IPsec subset of Yamaha RTX configuration (seed 003).
//
// Conventions as in AsaParser.g4: one line per call, recovery at the end of
// the line, deliberately ignored syntax in `*_unmodelled` rules that start
// with a negated set of the modelled first tokens. Every line is a command of
// its own; the reader keeps the `tunnel select` context.
parser grammar RtxParser;

options { tokenVocab = RtxLexer; }

rtx_line : command EOF ;

variable : ~NEWLINE ;
rest_of_line : ~NEWLINE* ;

command
  : c_ipsec
  | c_tunnel
  | c_ip_interface
  | c_description
  | c_no
  ;

c_no : NO rest_of_line ;
c_description : DESCRIPTION rest_of_line ;

// `ip lan2 address 192.0.2.1/24`; every other `ip ...` is outside the model.
c_ip_interface
  : IP iface=variable ADDRESS prefix=IP_PREFIX
  | IP rest_of_line
  ;

c_tunnel
  : TUNNEL SELECT (tunnel_id=DEC | NONE)
  | TUNNEL ENABLE tunnel_id=DEC
  | TUNNEL DISABLE tunnel_id=DEC
  | TUNNEL ENCAPSULATION encapsulation=variable
  | TUNNEL ~(SELECT | ENABLE | DISABLE | ENCAPSULATION | NEWLINE) rest_of_line
  ;

c_ipsec
  : IPSEC
    ( IKE ike_command
    | SA POLICY policy_id=DEC gateway=DEC ESP esp_words+=variable+
    | TUNNEL policy_id=DEC
    | USE switch_value=variable
    | AUTO REFRESH rest_of_line
    | ipsec_unmodelled
    )
  ;
// transport, refresh sa, sa delete, tunnel outer df-bit, log illegal-spi ...
ipsec_unmodelled
  : ~(IKE | SA | TUNNEL | USE | AUTO | NEWLINE) rest_of_line
  | SA ~(POLICY | NEWLINE) rest_of_line
  | TUNNEL ~(DEC | NEWLINE) rest_of_line
  ;

ike_command
  : VERSION gateway=DEC ike_version=DEC
  | PRE_SHARED_KEY gateway=DEC key_form=(TEXT | HEX) key=variable
  | ENCRYPTION gateway=DEC algorithms+=variable+
  | HASH gateway=DEC algorithms+=variable+
  | GROUP gateway=DEC groups+=variable+
  | side=(LOCAL | REMOTE) ADDRESS gateway=DEC address=variable
  | side=(LOCAL | REMOTE) NAME gateway=DEC id_name=variable id_type=variable?
  | side=(LOCAL | REMOTE) ID gateway=DEC id_prefix=IP_PREFIX rest_of_line
  | KEEPALIVE USE gateway=DEC switch_value=variable keepalive_args+=variable*
  | PFS gateway=DEC switch_value=variable
  | DURATION sa_kind=(IKE_SA | ISAKMP_SA | CHILD_SA | IPSEC_SA) gateway=DEC seconds=DEC kilobytes=DEC? rest_of_line
  | NAT_TRAVERSAL gateway=DEC switch_value=variable rest_of_line
  | PROPOSAL_LIMITATION gateway=DEC switch_value=variable
  | ALWAYS_ON gateway=DEC switch_value=variable
  | ike_unmodelled
  ;
// retry, log, payload type, queue length, send info, message-id-control,
// child-exchange type, esp-encapsulation, restrict-dangling-sa, keepalive log ...
ike_unmodelled
  : ~(VERSION | PRE_SHARED_KEY | ENCRYPTION | HASH | GROUP | LOCAL | REMOTE | KEEPALIVE | PFS
      | DURATION | NAT_TRAVERSAL | PROPOSAL_LIMITATION | ALWAYS_ON | NEWLINE) rest_of_line
  | KEEPALIVE ~(USE | NEWLINE) rest_of_line
  ;
