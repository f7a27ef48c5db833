// re2c -W -Werror -b -i --no-generation-date --no-version -o parser/lex_search.gen.c grammar/lex_search.re
/*
 * lex_search.re - the keyword lexers of the SEARCH family (SEARCH, UID SEARCH, SORT,
 * THREAD and their UID forms, ESEARCH); re2c 3.0 source of parser/lex_search.gen.c,
 * which is generated from it and committed: edit this file, then `make regen`.
 * The parser that calls them is parser/cmd_search.c.
 *
 * Same ground rules as grammar/lex.re (read its header comment): these functions run
 * only on command text the framer has cut out and that ends in CRLF, no rule continues
 * past a "\n" and no character class holds CR or LF, so the final LF is the sentinel
 * and neither YYLIMIT nor YYFILL is needed.
 *
 * Design. UID SEARCH is one of the hottest commands, and a real client's search
 * program is a run of keys, often nested (OR (FROM x) (TO y) NOT DELETED). Each key is
 * recognized by ONE pass of one DFA: ig__lex_search_key() matches every search-key
 * keyword of RFC 9051 and RFC 3501 plus the extensions (MODSEQ, EMAILID, THREADID) as
 * case-insensitive strings, listed before the general atom rule so that "FROM" is the
 * keyword and "FROMX" an unknown key (re2c takes the longest match, then the first
 * rule). The same DFA also knows the three words that may stand where a program starts
 * (CHARSET; RETURN of SEARCH and ESEARCH; IN of ESEARCH), so the parser never scans a
 * word twice. A key that starts with a digit, "*" or "$" is a sequence set: the DFA
 * says so without consuming it, and ig__seqset() reads it. The general atom rule for
 * unknown words starts with an ATOM-CHAR other than a digit or "$", so a set is never
 * mistaken for an unknown keyword.
 *
 * The small lexers below it read the closed word lists of the family: sort keys (RFC
 * 5256), SEARCH return options (RFC 4731, RFC 5182), MODSEQ entry types (RFC 7162) and
 * ESEARCH mailbox filters (RFC 5465 sec. 8 as RFC 7377 uses them). Each ends in an atom
 * rule, so a keyword followed by more atom characters ("DATEX", "subtreex") is not
 * taken for the keyword.
 *
 * The return codes are the public enums of include/imapguard.h (enum ig_search_kind,
 * enum ig_sort_key, enum ig_search_return, enum ig_entry_type, enum ig_filter_kind)
 * plus the few extra codes below, which parser/cmd_search.c declares identically.
 */
#include "internal.h"

/* ---- interface shared with parser/cmd_search.c (declared there identically) ---- */

/* ig__lex_search_key(): codes beyond enum ig_search_kind. */
enum {
    IG__SK_CHARSET = IG_SK__COUNT, /* "CHARSET" (search-program) */
    IG__SK_RETURN,                 /* "RETURN" (search-return-opts) */
    IG__SK_IN,                     /* "IN" (esearch-source-opts) */
    IG__SK_UNKNOWN = -2,           /* an atom that is no keyword (consumed) */
    IG__SK_ERR = -1                /* no atom starts here (nothing consumed) */
};
/* ig__lex_sort_key(): "REVERSE" beyond enum ig_sort_key. */
enum { IG__SORT_REVERSE = IG_SORT__COUNT };

int ig__lex_search_key(struct ig__ps *ps);
int ig__lex_sort_key(struct ig__ps *ps);
int ig__lex_search_ret(struct ig__ps *ps);
int ig__lex_entry_type(struct ig__ps *ps);
int ig__lex_filter(struct ig__ps *ps);

/*!re2c
    re2c:api:style = free-form;
    re2c:define:YYCTYPE = "unsigned char";
    re2c:yyfill:enable = 0;

    atom_char    = [\x21-\x7e] \ [(){%*"\\\]];
    key_first    = atom_char \ [0-9$];
    set_first    = [0-9*$];
    label_first  = [A-Za-z_.-];
    label_char   = [A-Za-z0-9_.:-];
*/

/* One search key, or CHARSET / RETURN / IN. Sets ps->tok to the start. A keyword is
 * consumed; for IG_SK_SET nothing is (the set follows); "(" is consumed (IG_SK_AND). */
int ig__lex_search_key(struct ig__ps *ps)
{
    ps->tok = ps->cur;
    /*!re2c
        re2c:define:YYCURSOR = "ps->cur";
        re2c:define:YYMARKER = "ps->mar";
        'ALL'        { return IG_SK_ALL; }
        'ANSWERED'   { return IG_SK_ANSWERED; }
        'BCC'        { return IG_SK_BCC; }
        'BEFORE'     { return IG_SK_BEFORE; }
        'BODY'       { return IG_SK_BODY; }
        'CC'         { return IG_SK_CC; }
        'DELETED'    { return IG_SK_DELETED; }
        'FLAGGED'    { return IG_SK_FLAGGED; }
        'FROM'       { return IG_SK_FROM; }
        'KEYWORD'    { return IG_SK_KEYWORD; }
        'NEW'        { return IG_SK_NEW; }
        'OLD'        { return IG_SK_OLD; }
        'ON'         { return IG_SK_ON; }
        'RECENT'     { return IG_SK_RECENT; }
        'SEEN'       { return IG_SK_SEEN; }
        'SINCE'      { return IG_SK_SINCE; }
        'SUBJECT'    { return IG_SK_SUBJECT; }
        'TEXT'       { return IG_SK_TEXT; }
        'TO'         { return IG_SK_TO; }
        'UNANSWERED' { return IG_SK_UNANSWERED; }
        'UNDELETED'  { return IG_SK_UNDELETED; }
        'UNFLAGGED'  { return IG_SK_UNFLAGGED; }
        'UNKEYWORD'  { return IG_SK_UNKEYWORD; }
        'UNSEEN'     { return IG_SK_UNSEEN; }
        'DRAFT'      { return IG_SK_DRAFT; }
        'HEADER'     { return IG_SK_HEADER; }
        'LARGER'     { return IG_SK_LARGER; }
        'NOT'        { return IG_SK_NOT; }
        'OR'         { return IG_SK_OR; }
        'SENTBEFORE' { return IG_SK_SENTBEFORE; }
        'SENTON'     { return IG_SK_SENTON; }
        'SENTSINCE'  { return IG_SK_SENTSINCE; }
        'SMALLER'    { return IG_SK_SMALLER; }
        'UID'        { return IG_SK_UID; }
        'UNDRAFT'    { return IG_SK_UNDRAFT; }
        'MODSEQ'     { return IG_SK_MODSEQ; }
        'EMAILID'    { return IG_SK_EMAILID; }
        'THREADID'   { return IG_SK_THREADID; }
        'CHARSET'    { return IG__SK_CHARSET; }
        'RETURN'     { return IG__SK_RETURN; }
        'IN'         { return IG__SK_IN; }
        set_first    { ps->cur = ps->tok; return IG_SK_SET; }
        "("          { return IG_SK_AND; }
        key_first atom_char* { return IG__SK_UNKNOWN; }
        *            { ps->cur = ps->tok; return IG__SK_ERR; }
    */
}

/* sort-criterion words (RFC 5256 sec. 5): enum ig_sort_key, IG__SORT_REVERSE, or -1
 * (nothing consumed). */
int ig__lex_sort_key(struct ig__ps *ps)
{
    ps->tok = ps->cur;
    /*!re2c
        re2c:define:YYCURSOR = "ps->cur";
        re2c:define:YYMARKER = "ps->mar";
        'ARRIVAL'  { return IG_SORT_ARRIVAL; }
        'CC'       { return IG_SORT_CC; }
        'DATE'     { return IG_SORT_DATE; }
        'FROM'     { return IG_SORT_FROM; }
        'SIZE'     { return IG_SORT_SIZE; }
        'SUBJECT'  { return IG_SORT_SUBJECT; }
        'TO'       { return IG_SORT_TO; }
        'REVERSE'  { return IG__SORT_REVERSE; }
        atom_char+ { ps->cur = ps->tok; return -1; }
        *          { ps->cur = ps->tok; return -1; }
    */
}

/* search-return-opt (RFC 9051 sec. 9, RFC 4731, RFC 5182): an enum ig_search_return
 * bit for MIN MAX ALL COUNT SAVE; 0 when a tagged-ext-label starts here (nothing
 * consumed: the caller reads it with ig__label); -1 otherwise. */
int ig__lex_search_ret(struct ig__ps *ps)
{
    ps->tok = ps->cur;
    /*!re2c
        re2c:define:YYCURSOR = "ps->cur";
        re2c:define:YYMARKER = "ps->mar";
        'MIN'     { return IG_RET_MIN; }
        'MAX'     { return IG_RET_MAX; }
        'ALL'     { return IG_RET_ALL; }
        'COUNT'   { return IG_RET_COUNT; }
        'SAVE'    { return IG_RET_SAVE; }
        label_first label_char* { ps->cur = ps->tok; return 0; }
        *         { ps->cur = ps->tok; return -1; }
    */
}

/* entry-type-req (RFC 7162 sec. 7): enum ig_entry_type, or -1 (nothing consumed). */
int ig__lex_entry_type(struct ig__ps *ps)
{
    ps->tok = ps->cur;
    /*!re2c
        re2c:define:YYCURSOR = "ps->cur";
        re2c:define:YYMARKER = "ps->mar";
        'priv'     { return IG_ENTRY_PRIV; }
        'shared'   { return IG_ENTRY_SHARED; }
        'all'      { return IG_ENTRY_ALL; }
        atom_char+ { ps->cur = ps->tok; return -1; }
        *          { ps->cur = ps->tok; return -1; }
    */
}

/* filter-mailboxes (RFC 5465 sec. 8, RFC 7377 sec. 4): enum ig_filter_kind, or -1
 * (nothing consumed). "selected-delayed" is recognized so that the parser can say why
 * it refuses it. */
int ig__lex_filter(struct ig__ps *ps)
{
    ps->tok = ps->cur;
    /*!re2c
        re2c:define:YYCURSOR = "ps->cur";
        re2c:define:YYMARKER = "ps->mar";
        'selected'         { return IG_FILTER_SELECTED; }
        'selected-delayed' { return IG_FILTER_SELECTED_DELAYED; }
        'inboxes'          { return IG_FILTER_INBOXES; }
        'personal'         { return IG_FILTER_PERSONAL; }
        'subscribed'       { return IG_FILTER_SUBSCRIBED; }
        'subtree'          { return IG_FILTER_SUBTREE; }
        'subtree-one'      { return IG_FILTER_SUBTREE_ONE; }
        'mailboxes'        { return IG_FILTER_MAILBOXES; }
        atom_char+         { ps->cur = ps->tok; return -1; }
        *                  { ps->cur = ps->tok; return -1; }
    */
}
