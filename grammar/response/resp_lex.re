// re2c -W -Werror -b -i --no-generation-date --no-version -o response/resp_lex.gen.c grammar/response/resp_lex.re
/*
 * resp_lex.re - the token lexers of the server-response reader (response/), re2c 3.0
 * source; response/resp_lex.gen.c is generated from it and committed (edit this file, then
 * `make regen`). It lives in its own folder so the command side's rules (grammar/X.re ->
 * parser/X.gen.c) do not pick it up.
 *
 * Every function runs on buffered response text whose last byte is the LF of its line,
 * and no rule continues past a CR or LF, so that LF is the sentinel: no YYLIMIT, no
 * YYFILL (the same contract as grammar/lex.re). Each returns a token kind and stores
 * the token length; the grammar (response/resp_parse.c) checks what must follow.
 *
 * Grammar decisions (RFC 9051 §9 unless said otherwise):
 *   tag        = 1*<any ASTRING-CHAR except "+">: CHAR 0x21-0x7E minus ( ) { % * " \ +
 *                ("]" is allowed, it is a resp-special).
 *   text       = 1*(TEXT-CHAR / UTF8-2 / UTF8-3 / UTF8-4); TEXT-CHAR is CHAR minus CR
 *                and LF, so NUL (not a CHAR, %x01-7F) is refused, and so are bytes that
 *                are not UTF-8: the RFC allows only well-formed UTF-8 above 0x7F.
 *   resp-text-code text = 1*<any TEXT-CHAR except "]">.
 *   quoted     = DQUOTE *QUOTED-CHAR DQUOTE, QUOTED-CHAR = TEXT-CHAR minus DQUOTE and
 *                "\", or "\" DQUOTE / "\" "\", or UTF-8 (RFC 9051 allows it in quoted;
 *                a server sends it only after ENABLE UTF8=ACCEPT / IMAP4rev2). A NUL
 *                is its own token so that the error can say so.
 *   literal    = "{" number64 "}" CRLF; literal8 = "~{" number64 "}" CRLF (RFC 3516
 *                BINARY responses). "{n+}" is client-only (RFC 7888) and refused.
 *   atoms of the generic tree: the atom characters plus "\" "%" "*" "]" (flags, list
 *                wildcards, resp-specials), and whole "[...]" sections with their <n>
 *                origin, so "BODY[HEADER.FIELDS (DATE FROM)]<0>" is one token.
 */
#include "resp_internal.h"

/*!re2c
    re2c:api:style = free-form;
    re2c:define:YYCTYPE = "unsigned char";
    re2c:yyfill:enable = 0;

    tail     = [\x80-\xbf];
    utf8     = [\xc2-\xdf] tail
             | "\xe0" [\xa0-\xbf] tail | [\xe1-\xec\xee\xef] tail tail | "\xed" [\x80-\x9f] tail
             | "\xf0" [\x90-\xbf] tail tail | [\xf1-\xf3] tail tail tail
             | "\xf4" [\x80-\x8f] tail tail;
    tchar    = [\x01-\x7f] \ [\r\n];
    tagchar  = [\x21-\x7e] \ [(){%*"\\+];
    achar    = [\x21-\x7e] \ [(){"[];
    schar    = [\x20-\x7e] \ [\]];
    qchar    = tchar \ ["\\] | "\\" ["\\] | utf8;
    digits   = [0-9]+;
*/

int ig__rlex_tag(const unsigned char *cur, size_t *len)
{
    const unsigned char *start = cur;
    /*!re2c
        re2c:define:YYCURSOR = "cur";
        tagchar+ { *len = (size_t)(cur - start); return 1; }
        *        { *len = 0; return 0; }
    */
}

/* A run of text (1*TEXT-CHAR / UTF-8) for resp-text; 0 length when none. */
size_t ig__rlex_text(const unsigned char *cur)
{
    const unsigned char *start = cur, *mar;
    /*!re2c
        re2c:define:YYCURSOR = "cur";
        re2c:define:YYMARKER = "mar";
        (tchar | utf8)+ { return (size_t)(cur - start); }
        *               { return 0; }
    */
}

/* A run of resp-text-code text: TEXT-CHAR except "]". */
size_t ig__rlex_codetext(const unsigned char *cur)
{
    const unsigned char *start = cur, *mar;
    /*!re2c
        re2c:define:YYCURSOR = "cur";
        re2c:define:YYMARKER = "mar";
        (tchar \ [\]] | utf8)+ { return (size_t)(cur - start); }
        *                      { return 0; }
    */
}

/* The response word after "* " or after the tag: an ig__rword. */
int ig__rlex_word(const unsigned char *cur, size_t *len)
{
    const unsigned char *start = cur; /* no backtracking: the atom rule covers every prefix */
    int w;
    /*!re2c
        re2c:define:YYCURSOR = "cur";
        'OK'         { w = IG__W_OK; goto done; }
        'NO'         { w = IG__W_NO; goto done; }
        'BAD'        { w = IG__W_BAD; goto done; }
        'PREAUTH'    { w = IG__W_PREAUTH; goto done; }
        'BYE'        { w = IG__W_BYE; goto done; }
        'CAPABILITY' { w = IG__W_CAPABILITY; goto done; }
        'ENABLED'    { w = IG__W_ENABLED; goto done; }
        'FLAGS'      { w = IG__W_FLAGS; goto done; }
        'LIST'       { w = IG__W_LIST; goto done; }
        'LSUB'       { w = IG__W_LSUB; goto done; }
        'STATUS'     { w = IG__W_STATUS; goto done; }
        'SEARCH'     { w = IG__W_SEARCH; goto done; }
        'ESEARCH'    { w = IG__W_ESEARCH; goto done; }
        'VANISHED'   { w = IG__W_VANISHED; goto done; }
        'EXISTS'     { w = IG__W_EXISTS; goto done; }
        'EXPUNGE'    { w = IG__W_EXPUNGE; goto done; }
        'RECENT'     { w = IG__W_RECENT; goto done; }
        'FETCH'      { w = IG__W_FETCH; goto done; }
        digits       { w = IG__W_NUMBER; goto done; }
        (achar \ [\]\\%*])+ { w = IG__W_ATOM; goto done; }
        *            { *len = 0; return IG__W_NONE; }
    */
done:
    *len = (size_t)(cur - start);
    return w;
}

/* A resp-text-code name (an atom: no "]"): an enum ig_rcode, IG_RCODE_OTHER for an
 * atom it does not know, IG_RCODE_NONE when there is no atom. */
int ig__rlex_code(const unsigned char *cur, size_t *len)
{
    const unsigned char *start = cur; /* no backtracking: the atom rule covers every prefix */
    int c;
    /*!re2c
        re2c:define:YYCURSOR = "cur";
        'ALERT'                { c = IG_RCODE_ALERT; goto done; }
        'ALREADYEXISTS'        { c = IG_RCODE_ALREADYEXISTS; goto done; }
        'APPENDUID'            { c = IG_RCODE_APPENDUID; goto done; }
        'AUTHENTICATIONFAILED' { c = IG_RCODE_AUTHENTICATIONFAILED; goto done; }
        'AUTHORIZATIONFAILED'  { c = IG_RCODE_AUTHORIZATIONFAILED; goto done; }
        'BADCHARSET'           { c = IG_RCODE_BADCHARSET; goto done; }
        'CANNOT'               { c = IG_RCODE_CANNOT; goto done; }
        'CAPABILITY'           { c = IG_RCODE_CAPABILITY; goto done; }
        'CLIENTBUG'            { c = IG_RCODE_CLIENTBUG; goto done; }
        'CLOSED'               { c = IG_RCODE_CLOSED; goto done; }
        'COMPRESSIONACTIVE'    { c = IG_RCODE_COMPRESSIONACTIVE; goto done; }
        'CONTACTADMIN'         { c = IG_RCODE_CONTACTADMIN; goto done; }
        'COPYUID'              { c = IG_RCODE_COPYUID; goto done; }
        'CORRUPTION'           { c = IG_RCODE_CORRUPTION; goto done; }
        'EXPIRED'              { c = IG_RCODE_EXPIRED; goto done; }
        'EXPUNGEISSUED'        { c = IG_RCODE_EXPUNGEISSUED; goto done; }
        'HASCHILDREN'          { c = IG_RCODE_HASCHILDREN; goto done; }
        'HIGHESTMODSEQ'        { c = IG_RCODE_HIGHESTMODSEQ; goto done; }
        'INUSE'                { c = IG_RCODE_INUSE; goto done; }
        'LIMIT'                { c = IG_RCODE_LIMIT; goto done; }
        'MAILBOXID'            { c = IG_RCODE_MAILBOXID; goto done; }
        'METADATA'             { c = IG_RCODE_METADATA; goto done; }
        'MODIFIED'             { c = IG_RCODE_MODIFIED; goto done; }
        'NOMODSEQ'             { c = IG_RCODE_NOMODSEQ; goto done; }
        'NONEXISTENT'          { c = IG_RCODE_NONEXISTENT; goto done; }
        'NOPERM'               { c = IG_RCODE_NOPERM; goto done; }
        'NOTSAVED'             { c = IG_RCODE_NOTSAVED; goto done; }
        'OVERQUOTA'            { c = IG_RCODE_OVERQUOTA; goto done; }
        'PARSE'                { c = IG_RCODE_PARSE; goto done; }
        'PERMANENTFLAGS'       { c = IG_RCODE_PERMANENTFLAGS; goto done; }
        'PRIVACYREQUIRED'      { c = IG_RCODE_PRIVACYREQUIRED; goto done; }
        'READ-ONLY'            { c = IG_RCODE_READ_ONLY; goto done; }
        'READ-WRITE'           { c = IG_RCODE_READ_WRITE; goto done; }
        'SERVERBUG'            { c = IG_RCODE_SERVERBUG; goto done; }
        'TOOBIG'               { c = IG_RCODE_TOOBIG; goto done; }
        'TRYCREATE'            { c = IG_RCODE_TRYCREATE; goto done; }
        'UIDNEXT'              { c = IG_RCODE_UIDNEXT; goto done; }
        'UIDNOTSTICKY'         { c = IG_RCODE_UIDNOTSTICKY; goto done; }
        'UIDVALIDITY'          { c = IG_RCODE_UIDVALIDITY; goto done; }
        'UNAVAILABLE'          { c = IG_RCODE_UNAVAILABLE; goto done; }
        'UNKNOWN-CTE'          { c = IG_RCODE_UNKNOWN_CTE; goto done; }
        'UNSEEN'               { c = IG_RCODE_UNSEEN; goto done; }
        'USEATTR'              { c = IG_RCODE_USEATTR; goto done; }
        (achar \ [\]\\%*])+    { c = IG_RCODE_OTHER; goto done; }
        *                      { *len = 0; return IG_RCODE_NONE; }
    */
done:
    *len = (size_t)(cur - start);
    return c;
}

/* One token of the generic argument tree: an ig__rtok. */
int ig__rlex_token(const unsigned char *cur, size_t *len)
{
    const unsigned char *start = cur, *mar;
    int t;
    /*!re2c
        re2c:define:YYCURSOR = "cur";
        re2c:define:YYMARKER = "mar";
        " "                          { t = IG__T_SP; goto done; }
        "("                          { t = IG__T_LPAR; goto done; }
        ")"                          { t = IG__T_RPAR; goto done; }
        "\r\n"                       { t = IG__T_CRLF; goto done; }
        'NIL'                        { t = IG__T_NIL; goto done; }
        ["] qchar* ["]               { t = IG__T_QUOTED; goto done; }
        ["] qchar* "\x00"            { t = IG__T_QNUL; goto done; }
        "{" digits "}\r\n"           { t = IG__T_LITERAL; goto done; }
        "~{" digits "}\r\n"          { t = IG__T_LITERAL8; goto done; }
        (achar | "[" schar* "]")+    { t = IG__T_ATOM; goto done; }
        *                            { *len = 0; return IG__T_BAD; }
    */
done:
    *len = (size_t)(cur - start);
    return t;
}
