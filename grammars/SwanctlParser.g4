// Parser for one line of swanctl.conf.
//
// strongswan.conf's syntax is line-oriented in practice: a section opens with
// `name {` (optionally `name : other, ... {` to copy other sections, since
// strongSwan 5.7), closes with `}`, and a setting is `key = value` up to the
// end of the line, a `#` outside quotes, or a `}`. Values are kept as
// written (quoted or bare words, commas, '=' and ':' included: `id = CN=a,
// O=b`, `local_ts = 10.0.0.0/8[tcp/80]`); the reader interprets them by key.
// A line may hold several statements: `local { auth = psk }`, `} }`.
parser grammar SwanctlParser;

options { tokenVocab = SwanctlLexer; }

swanctl_line : statement* EOF ;

statement
  : s_include
  | s_section
  | s_close
  | s_setting
  ;

s_include : INCLUDE path=value_part+ ;

name : WORD | INCLUDE ;

// `connections {`, `gw-gw : defaults {`, `local-1 { }`
s_section : section=name (COLON refs+=name (COMMA refs+=name)*)? LBRACE ;

s_close : RBRACE+ ;

// `key = value`; an empty value is allowed (`key =` resets it in strongSwan).
s_setting : key=name EQUALS value_part* ;

value_part : WORD | QUOTED | COMMA | EQUALS | COLON | INCLUDE ;
