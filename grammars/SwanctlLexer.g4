// Lexer for strongSwan's swanctl.conf (the strongswan.conf settings syntax:
// sections `name {` ... `}`, settings `key = value`, `include PATH`, `#`
// comments). Same conventions as the other lexers: one line per parse over the
// case-folding byte stream, and a catch-all WORD so lexing never fails. Keys
// are not keywords here: swanctl.conf names are free (connection and child
// names are the user's), so the reader decides what a key means by the
// section it is in.
lexer grammar SwanctlLexer;

INCLUDE : 'include' ;
LBRACE : '{' ;
RBRACE : '}' ;
EQUALS : '=' ;
COLON : ':' ;
COMMA : ',' ;

// A double-quoted value may hold blanks, '#', braces and escaped quotes.
QUOTED : '"' ( ~["\\\r\n] | '\\' ~[\r\n] )* '"' ;
// An unterminated quote: its own token, so the parser can say what is wrong.
OPEN_QUOTE : '"' ( ~["\\\r\n] | '\\' ~[\r\n] )* ;
WORD : ~[ \t\r\n={}#",:]+ ;

COMMENT : '#' ~[\r\n]* -> skip ;
NEWLINE : '\r'? '\n' ;
WS : [ \t\r]+ -> skip ;
