// re2c -W -Werror -b -i --no-generation-date --no-version -o parser/lex_ext.gen.c grammar/lex_ext.re
/*
 * lex_ext.re - the keyword lexers of the extension commands (parser/cmd_ext.c), re2c 3.0
 * source; parser/lex_ext.gen.c is generated from it and committed (edit this file, then
 * `make regen`).
 *
 * Like grammar/lex.re, every function here runs on command text that ends in CRLF, and
 * no rule continues past "\n", so the final LF is the sentinel: no YYLIMIT, no YYFILL.
 * Each function returns the kind of token at cur and stores its length; the caller
 * checks what must follow it. Keywords are case-insensitive strings listed before the
 * general rule for the same characters: re2c takes the longest match and, for equal
 * lengths, the first rule, so "DEPTH" is the keyword and "DEPTHS" a label.
 *
 *   getmetadata-option = tagged-ext-label [SP tagged-ext-val]     (RFC 5464 §5)
 *   maxsize-opt        = "MAXSIZE" SP number
 *   scope-opt          = "DEPTH" SP ("0" / "1" / "infinity")
 *   tagged-ext-label   = tagged-label-fchar *tagged-label-char    (RFC 4466 §2.1)
 *   tagged-label-fchar = ALPHA / "-" / "_" / "."
 *   tagged-label-char  = tagged-label-fchar / DIGIT / ":"
 */
#include "internal.h"

/* Declared in parser/cmd_ext.c, the only user. */
int ig__lex_ext_option(const unsigned char *cur, size_t *len);
int ig__lex_ext_depth(const unsigned char *cur, size_t *len);

/*!re2c
    re2c:api:style = free-form;
    re2c:define:YYCTYPE = "unsigned char";
    re2c:yyfill:enable = 0;

    label_fchar  = [A-Za-z_.-];
    label_char   = label_fchar | [0-9:];
    label        = label_fchar label_char*;
*/

/* A getmetadata-option label: 1 MAXSIZE, 2 DEPTH, 3 another label, 0 none. */
int ig__lex_ext_option(const unsigned char *cur, size_t *len)
{
    const unsigned char *start = cur; /* no backtracking: label covers every prefix */
    int k;
    /*!re2c
        re2c:define:YYCURSOR = "cur";
        re2c:define:YYMARKER = "mar";
        'MAXSIZE' { k = 1; goto done; }
        'DEPTH'   { k = 2; goto done; }
        label     { k = 3; goto done; }
        *         { *len = 0; return 0; }
    */
done:
    *len = (size_t)(cur - start);
    return k;
}

/* The value of DEPTH: 0, 1, 2 for "infinity", -1 none. */
int ig__lex_ext_depth(const unsigned char *cur, size_t *len)
{
    const unsigned char *start = cur, *mar;
    int d;
    /*!re2c
        re2c:define:YYCURSOR = "cur";
        re2c:define:YYMARKER = "mar";
        "0"        { d = 0; goto done; }
        "1"        { d = 1; goto done; }
        'infinity' { d = 2; goto done; }
        *          { *len = 0; return -1; }
    */
done:
    *len = (size_t)(cur - start);
    return d;
}
