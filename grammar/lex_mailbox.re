// re2c -W -Werror -b -i --no-generation-date --no-version -o parser/lex_mailbox.gen.c grammar/lex_mailbox.re
/*
 * lex_mailbox.re - the keyword lexers of the mailbox commands (parser/cmd_mailbox.c):
 * SELECT / EXAMINE parameters, CREATE parameters, STATUS attributes and the LIST
 * selection and return options (re2c 3.0 source; parser/lex_mailbox.gen.c is generated
 * from it and committed: edit this file, then `make regen`).
 *
 * Same ground rules as grammar/lex.re (read its header comment): the text always ends
 * in CRLF and no rule reads past the final LF, so there is no YYLIMIT and no YYFILL.
 * Every prefix of a keyword here is an atom, so the DFAs never back up: YYMARKER is
 * named in each block (settings carry over between blocks) but never emitted, and `mar`
 * is not declared; a rule that needed it would not compile.
 *
 * Each function classifies the word at `cur` and stores in *len the length of what it
 * matched. Keywords are case-insensitive strings listed before a general atom rule:
 * re2c takes the longest match, and the first rule among equal lengths, so "CONDSTORE"
 * is the keyword and "CONDSTOREX" an atom (returned as the "other" kind, which the
 * parser then reads as an extension label or option name, or rejects). A word that is
 * not even an atom returns -1 with *len = 0.
 *
 *   select-param   "CONDSTORE" (RFC 7162)  "QRESYNC" (RFC 7162)       else 0
 *   create-param   "USE" (RFC 6154)                                    else 0
 *   status-att     RFC 9051 / RFC 3501 / RFC 7162 / RFC 7889 / RFC 8474 / RFC 9208:
 *                  enum ig_status_att, or -1 for any other word
 *   list selection "SUBSCRIBED" "REMOTE" "RECURSIVEMATCH" (RFC 5258),
 *                  "SPECIAL-USE" (RFC 6154): enum ig_list_opt bit  else 0
 *   list return    "SUBSCRIBED" "CHILDREN" (RFC 5258), "STATUS" (RFC 5819),
 *                  "SPECIAL-USE" (RFC 6154), "MYRIGHTS" (RFC 8440): bit  else 0
 *   "RETURN"       1 when the word is RETURN (RFC 5258 list-return-opts)
 */
#include "internal.h"

int ig__lexmb_select_param(const unsigned char *cur, size_t *len);
int ig__lexmb_create_param(const unsigned char *cur, size_t *len);
int ig__lexmb_status_att(const unsigned char *cur, size_t *len);
int ig__lexmb_list_select(const unsigned char *cur, size_t *len);
int ig__lexmb_list_return(const unsigned char *cur, size_t *len);
int ig__lexmb_return(const unsigned char *cur, size_t *len);

/*!re2c
    re2c:api:style = free-form;
    re2c:define:YYCTYPE = "unsigned char";
    re2c:yyfill:enable = 0;

    atom_char = [\x21-\x7e] \ [(){%*"\\\]];
*/

int ig__lexmb_select_param(const unsigned char *cur, size_t *len)
{
    const unsigned char *start = cur;
    int k;
    /*!re2c
        re2c:define:YYCURSOR = "cur";
        re2c:define:YYMARKER = "mar";
        'CONDSTORE' { k = 1; goto out; }
        'QRESYNC'   { k = 2; goto out; }
        atom_char+  { k = 0; goto out; }
        *           { *len = 0; return -1; }
    */
out:
    *len = (size_t)(cur - start);
    return k;
}

int ig__lexmb_create_param(const unsigned char *cur, size_t *len)
{
    const unsigned char *start = cur;
    int k;
    /*!re2c
        re2c:define:YYCURSOR = "cur";
        re2c:define:YYMARKER = "mar";
        'USE'      { k = 1; goto out; }
        atom_char+ { k = 0; goto out; }
        *          { *len = 0; return -1; }
    */
out:
    *len = (size_t)(cur - start);
    return k;
}

int ig__lexmb_status_att(const unsigned char *cur, size_t *len)
{
    const unsigned char *start = cur;
    int k;
    /*!re2c
        re2c:define:YYCURSOR = "cur";
        re2c:define:YYMARKER = "mar";
        'MESSAGES'        { k = IG_SATT_MESSAGES; goto out; }
        'RECENT'          { k = IG_SATT_RECENT; goto out; }
        'UIDNEXT'         { k = IG_SATT_UIDNEXT; goto out; }
        'UIDVALIDITY'     { k = IG_SATT_UIDVALIDITY; goto out; }
        'UNSEEN'          { k = IG_SATT_UNSEEN; goto out; }
        'DELETED'         { k = IG_SATT_DELETED; goto out; }
        'SIZE'            { k = IG_SATT_SIZE; goto out; }
        'HIGHESTMODSEQ'   { k = IG_SATT_HIGHESTMODSEQ; goto out; }
        'APPENDLIMIT'     { k = IG_SATT_APPENDLIMIT; goto out; }
        'MAILBOXID'       { k = IG_SATT_MAILBOXID; goto out; }
        'DELETED-STORAGE' { k = IG_SATT_DELETED_STORAGE; goto out; }
        atom_char+        { k = -1; goto out; }
        *                 { *len = 0; return -1; }
    */
out:
    *len = (size_t)(cur - start);
    return k;
}

int ig__lexmb_list_select(const unsigned char *cur, size_t *len)
{
    const unsigned char *start = cur;
    int k;
    /*!re2c
        re2c:define:YYCURSOR = "cur";
        re2c:define:YYMARKER = "mar";
        'SUBSCRIBED'     { k = IG_LIST_SUBSCRIBED; goto out; }
        'REMOTE'         { k = IG_LIST_REMOTE; goto out; }
        'RECURSIVEMATCH' { k = IG_LIST_RECURSIVEMATCH; goto out; }
        'SPECIAL-USE'    { k = IG_LIST_SPECIAL_USE; goto out; }
        atom_char+       { k = 0; goto out; }
        *                { *len = 0; return -1; }
    */
out:
    *len = (size_t)(cur - start);
    return k;
}

int ig__lexmb_list_return(const unsigned char *cur, size_t *len)
{
    const unsigned char *start = cur;
    int k;
    /*!re2c
        re2c:define:YYCURSOR = "cur";
        re2c:define:YYMARKER = "mar";
        'SUBSCRIBED'  { k = IG_LIST_SUBSCRIBED; goto out; }
        'CHILDREN'    { k = IG_LIST_CHILDREN; goto out; }
        'SPECIAL-USE' { k = IG_LIST_SPECIAL_USE; goto out; }
        'STATUS'      { k = IG_LIST_STATUS; goto out; }
        'MYRIGHTS'    { k = IG_LIST_MYRIGHTS; goto out; }
        atom_char+    { k = 0; goto out; }
        *             { *len = 0; return -1; }
    */
out:
    *len = (size_t)(cur - start);
    return k;
}

int ig__lexmb_return(const unsigned char *cur, size_t *len)
{
    const unsigned char *start = cur;
    int k;
    /*!re2c
        re2c:define:YYCURSOR = "cur";
        re2c:define:YYMARKER = "mar";
        'RETURN'   { k = 1; goto out; }
        atom_char+ { k = 0; goto out; }
        *          { *len = 0; return -1; }
    */
out:
    *len = (size_t)(cur - start);
    return k;
}
