// re2c -W -Werror -b -i --no-generation-date --no-version -o parser/lex.gen.c grammar/lex.re
/*
 * lex.re - the token lexers of imapguard (re2c 3.0 source; parser/lex.gen.c is
 * generated from it and committed: edit this file, then `make regen`).
 *
 * Every function here runs on command text that the framer (parser/frame.c) has
 * already cut out of the stream and copied into the parser's buffer. That text always
 * ends in CRLF (in lenient-LF mode the framer inserts the CR), so no rule below can
 * read past the final LF: no regular expression continues after "\n", and every
 * character class excludes CR and LF. This is why the lexers need neither YYLIMIT
 * checks nor YYFILL: the LF is the sentinel. Literal octets, which may contain any
 * byte, are never scanned by a DFA: the action skips them by their announced count.
 *
 * IMAP tokenization depends on the grammar position (a "1:*" is a sequence set in one
 * place and an error in another), so instead of one lexer with conditions there is one
 * small function per token class, called by the recursive-descent parser for the
 * position it is at. Keywords are matched inside the DFAs with case-insensitive
 * strings ('LOGIN'), listed before the general rule for the same characters: re2c
 * takes the longest match and, for equal lengths, the first rule, so "LOGIN" is the
 * keyword and "LOGINX" an atom.
 *
 * Character classes (RFC 9051 §9, RFC 3501 §9):
 *   CHAR          = %x01-7F
 *   atom-specials = "(" / ")" / "{" / SP / CTL / list-wildcards / quoted-specials /
 *                   resp-specials
 *   ATOM-CHAR     = CHAR except atom-specials   = %x21-7E except ( ) { % * " \ ]
 *   ASTRING-CHAR  = ATOM-CHAR / "]"
 *   tag           = 1*<ASTRING-CHAR except "+">
 *   QUOTED-CHAR   = TEXT-CHAR except quoted-specials / "\" quoted-specials
 *                   (RFC 9051 adds UTF8-2 / UTF8-3 / UTF8-4; only with IG_OPT_UTF8)
 */
#include "internal.h"

/*!re2c
    re2c:api:style = free-form;
    re2c:define:YYCTYPE = "unsigned char";
    re2c:yyfill:enable = 0;

    atom_char    = [\x21-\x7e] \ [(){%*"\\\]];
    astring_char = atom_char | "]";
    tag_char     = [\x21-\x7e] \ [(){%*"\\+];
    qchar        = [\x01-\x7f] \ [\r\n"\\] | "\\" ["\\];
    utf8_2       = [\xc2-\xdf] [\x80-\xbf];
    utf8_3       = "\xe0" [\xa0-\xbf] [\x80-\xbf] | [\xe1-\xec] [\x80-\xbf] [\x80-\xbf]
                 | "\xed" [\x80-\x9f] [\x80-\xbf] | [\xee-\xef] [\x80-\xbf] [\x80-\xbf];
    utf8_4       = "\xf0" [\x90-\xbf] [\x80-\xbf] [\x80-\xbf]
                 | [\xf1-\xf3] [\x80-\xbf] [\x80-\xbf] [\x80-\xbf]
                 | "\xf4" [\x80-\x8f] [\x80-\xbf] [\x80-\xbf];
    quoted       = ["] qchar* ["];
    quoted_utf8  = ["] (qchar | utf8_2 | utf8_3 | utf8_4)* ["];
    literal      = "~"? "{" [0-9]+ "+"? "}\r\n";

    // Generic arguments (Dovecot-style tokenizing of unknown commands): atom-like runs
    // may also hold list-wildcards, "]" and "\" (flags), and a bracketed section
    // such as BODY[HEADER.FIELDS (FROM TO)] may hold spaces and parentheses. A "["
    // always opens such a section, which must close within the atom: were a lone "["
    // an atom char, "a[ {0}" + " ]" would be three values here (a[, "" and ]) but one
    // atom once written back as a[ "" ] (round-trip; grammar/imap.abnf D8).
    gen_char     = (atom_char \ "[") | [%*\]\\];
    gen_bracket  = "[" ([\x01-\x7f] \ [\r\n\]])* "]";
    gen_atom     = (gen_char | gen_bracket)+;

    b64          = [A-Za-z0-9+/];
    b64_end      = b64 b64 "==" | b64 b64 b64 "=";
    base64       = (b64 b64 b64 b64)+ b64_end? | b64_end;

    month        = 'Jan' | 'Feb' | 'Mar' | 'Apr' | 'May' | 'Jun'
                 | 'Jul' | 'Aug' | 'Sep' | 'Oct' | 'Nov' | 'Dec';
    digit        = [0-9];
    date_time    = ["] (" " digit | digit digit) "-" month "-" digit{4} " "
                   digit digit ":" digit digit ":" digit digit " " [+-] digit{4} ["];
*/

/* Reads the header of a literal that the DFA matched at ps->tok .. ps->cur and, unless
 * it ends the text (its octets have not arrived yet), takes its octets. */
static enum ig__tok take_literal(struct ig__ps *ps, struct ig__lit *lit)
{
    const unsigned char *s = ps->tok;
    uint64_t v = 0;
    unsigned ndigits = 0;

    lit->lit8 = (*s == '~');
    s += lit->lit8 ? 2 : 1;
    /* number64 = 1*DIGIT (RFC 9051 §9): leading zeros carry no value and do not count
     * as digits of the size (the framer reads them the same way). */
    while (s[0] == '0' && s[1] >= '0' && s[1] <= '9')
        s++;
    /* The framer has already refused such a header (frame.c); this check stands on its
     * own all the same: v is compared before each digit is added (it stays below 2^33,
     * so v * 10 never wraps), never after a wrap (issue 9). */
    for (; *s >= '0' && *s <= '9'; s++, ndigits++) {
        if (ndigits >= IG__MAX_LITERAL_DIGITS || v > IG__MAX_LITERAL_SIZE)
            return ig__fail(ps, IG_E_LIMIT, ps->tok, "literal size out of range"), IG__T_ERR;
        v = v * 10 + (uint64_t)(*s - '0');
    }
    if (v > IG__MAX_LITERAL_SIZE)
        return ig__fail(ps, IG_E_LIMIT, ps->tok, "literal size out of range"), IG__T_ERR;
    lit->size = v;
    lit->nonsync = (*s == '+');
    lit->data = NULL;
    lit->pending = (ps->cur == ps->lim);
    if (!lit->pending) {
        /* The framer keeps exactly the announced octets after a header it accepted. */
        if (v > (uint64_t)(ps->lim - ps->cur))
            return ig__fail(ps, IG_E_SYNTAX, ps->tok, "literal octets missing"), IG__T_ERR;
        lit->data = ps->cur;
        if (!lit->lit8 && v > 0 && memchr(ps->cur, 0, (size_t)v) != NULL)
            return ig__fail(ps, IG_E_SYNTAX, (const unsigned char *)memchr(ps->cur, 0, (size_t)v),
                            "NUL in literal (only literal8 may carry NUL)"),
                   IG__T_ERR;
        ps->cur += v;
    }
    return IG__T_LITERAL;
}

size_t ig__lex_tag(const unsigned char *cur)
{
    const unsigned char *start = cur;
    /*!re2c
        re2c:define:YYCURSOR = "cur";
        re2c:define:YYMARKER = "mar";
        tag_char+ { return (size_t)(cur - start); }
        *         { return 0; }
    */
}

int ig__lex_command(const unsigned char *cur, size_t *len, int uid)
{
    const unsigned char *start = cur;
    int c;
    /*!re2c
        re2c:define:YYCURSOR = "cur";
        re2c:define:YYMARKER = "mar";
        'CAPABILITY'   { c = IG_CMD_CAPABILITY; goto word; }
        'NOOP'         { c = IG_CMD_NOOP; goto word; }
        'LOGOUT'       { c = IG_CMD_LOGOUT; goto word; }
        'STARTTLS'     { c = IG_CMD_STARTTLS; goto word; }
        'AUTHENTICATE' { c = IG_CMD_AUTHENTICATE; goto word; }
        'LOGIN'        { c = IG_CMD_LOGIN; goto word; }
        'ENABLE'       { c = IG_CMD_ENABLE; goto word; }
        'SELECT'       { c = IG_CMD_SELECT; goto word; }
        'EXAMINE'      { c = IG_CMD_EXAMINE; goto word; }
        'CREATE'       { c = IG_CMD_CREATE; goto word; }
        'DELETE'       { c = IG_CMD_DELETE; goto word; }
        'RENAME'       { c = IG_CMD_RENAME; goto word; }
        'SUBSCRIBE'    { c = IG_CMD_SUBSCRIBE; goto word; }
        'UNSUBSCRIBE'  { c = IG_CMD_UNSUBSCRIBE; goto word; }
        'LIST'         { c = IG_CMD_LIST; goto word; }
        'LSUB'         { c = IG_CMD_LSUB; goto word; }
        'NAMESPACE'    { c = IG_CMD_NAMESPACE; goto word; }
        'STATUS'       { c = IG_CMD_STATUS; goto word; }
        'APPEND'       { c = IG_CMD_APPEND; goto word; }
        'IDLE'         { c = IG_CMD_IDLE; goto word; }
        'CHECK'        { c = IG_CMD_CHECK; goto word; }
        'CLOSE'        { c = IG_CMD_CLOSE; goto word; }
        'UNSELECT'     { c = IG_CMD_UNSELECT; goto word; }
        'EXPUNGE'      { c = uid ? IG_CMD_UID_EXPUNGE : IG_CMD_EXPUNGE; goto word; }
        'SEARCH'       { c = uid ? IG_CMD_UID_SEARCH : IG_CMD_SEARCH; goto word; }
        'FETCH'        { c = uid ? IG_CMD_UID_FETCH : IG_CMD_FETCH; goto word; }
        'STORE'        { c = uid ? IG_CMD_UID_STORE : IG_CMD_STORE; goto word; }
        'COPY'         { c = uid ? IG_CMD_UID_COPY : IG_CMD_COPY; goto word; }
        'MOVE'         { c = uid ? IG_CMD_UID_MOVE : IG_CMD_MOVE; goto word; }
        'SORT'         { c = uid ? IG_CMD_UID_SORT : IG_CMD_SORT; goto word; }
        'THREAD'       { c = uid ? IG_CMD_UID_THREAD : IG_CMD_THREAD; goto word; }
        'UID'          { c = IG_CMD__COUNT; goto word; }
        'ID'           { c = IG_CMD_ID; goto word; }
        'COMPRESS'     { c = IG_CMD_COMPRESS; goto word; }
        'GETQUOTA'     { c = IG_CMD_GETQUOTA; goto word; }
        'GETQUOTAROOT' { c = IG_CMD_GETQUOTAROOT; goto word; }
        'SETQUOTA'     { c = IG_CMD_SETQUOTA; goto word; }
        'SETACL'       { c = IG_CMD_SETACL; goto word; }
        'DELETEACL'    { c = IG_CMD_DELETEACL; goto word; }
        'GETACL'       { c = IG_CMD_GETACL; goto word; }
        'LISTRIGHTS'   { c = IG_CMD_LISTRIGHTS; goto word; }
        'MYRIGHTS'     { c = IG_CMD_MYRIGHTS; goto word; }
        'GETMETADATA'  { c = IG_CMD_GETMETADATA; goto word; }
        'SETMETADATA'  { c = IG_CMD_SETMETADATA; goto word; }
        'ESEARCH'      { c = IG_CMD_ESEARCH; goto word; }
        atom_char+     { c = IG_CMD_OTHER; goto word; }
        *              { *len = 0; return -1; }
    */
word:
    *len = (size_t)(cur - start);
    return c;
}

enum ig__tok ig__lex_generic(struct ig__ps *ps, struct ig__lit *lit)
{
    ps->tok = ps->cur;
    /*!re2c
        re2c:define:YYCURSOR = "ps->cur";
        re2c:define:YYMARKER = "ps->mar";
        " "         { return IG__T_SP; }
        "\r\n"      { return IG__T_CRLF; }
        "("         { return IG__T_LPAREN; }
        ")"         { return IG__T_RPAREN; }
        'NIL'       { return IG__T_NIL; }
        gen_atom    { return IG__T_ATOM; }
        quoted      { return IG__T_QUOTED; }
        quoted_utf8 { return IG__T_QUOTED_UTF8; }
        literal     { return take_literal(ps, lit); }
        *           { return IG__T_ERR; }
    */
}

enum ig__tok ig__lex_astring(struct ig__ps *ps, struct ig__lit *lit)
{
    ps->tok = ps->cur;
    /*!re2c
        re2c:define:YYCURSOR = "ps->cur";
        re2c:define:YYMARKER = "ps->mar";
        astring_char+ { return IG__T_ATOM; }
        quoted        { return IG__T_QUOTED; }
        quoted_utf8   { return IG__T_QUOTED_UTF8; }
        literal       { return take_literal(ps, lit); }
        *             { return IG__T_ERR; }
    */
}

enum ig__tok ig__lex_atom(struct ig__ps *ps)
{
    ps->tok = ps->cur;
    /*!re2c
        re2c:define:YYCURSOR = "ps->cur";
        re2c:define:YYMARKER = "ps->mar";
        atom_char+ { return IG__T_ATOM; }
        *          { return IG__T_ERR; }
    */
}

int ig__lex_flag(struct ig__ps *ps)
{
    ps->tok = ps->cur;
    /*!re2c
        re2c:define:YYCURSOR = "ps->cur";
        re2c:define:YYMARKER = "ps->mar";
        "\\" 'Answered' { return IG_FLAG_ANSWERED; }
        "\\" 'Flagged'  { return IG_FLAG_FLAGGED; }
        "\\" 'Deleted'  { return IG_FLAG_DELETED; }
        "\\" 'Seen'     { return IG_FLAG_SEEN; }
        "\\" 'Draft'    { return IG_FLAG_DRAFT; }
        "\\" 'Recent'   { return IG_FLAG_RECENT; }
        "\\" atom_char+ { return IG_FLAG_EXTENSION; }
        atom_char+       { return IG_FLAG_KEYWORD; }
        *                { return -1; }
    */
}

size_t ig__lex_base64(const unsigned char *cur)
{
    const unsigned char *start = cur, *mar;
    /*!re2c
        re2c:define:YYCURSOR = "cur";
        re2c:define:YYMARKER = "mar";
        base64 { return (size_t)(cur - start); }
        *      { return 0; }
    */
}

int ig__lex_done(const unsigned char *cur)
{
    const unsigned char *mar;
    /*!re2c
        re2c:define:YYCURSOR = "cur";
        re2c:define:YYMARKER = "mar";
        'DONE' "\r\n" { return 1; }
        *             { return 0; }
    */
}

size_t ig__lex_datetime(const unsigned char *cur)
{
    const unsigned char *start = cur, *mar;
    /*!re2c
        re2c:define:YYCURSOR = "cur";
        re2c:define:YYMARKER = "mar";
        date_time { return (size_t)(cur - start); }
        *         { return 0; }
    */
}
