// re2c -W -Werror -b -i --no-generation-date --no-version -o parser/lex_fetch.gen.c grammar/lex_fetch.re
/*
 * lex_fetch.re - the DFAs of the FETCH / STORE family (re2c 3.0 source;
 * parser/lex_fetch.gen.c is generated from it and committed: edit this file, then
 * `make regen`). The grammar that drives them is parser/cmd_fetch.c.
 *
 * As in grammar/lex.re, these run only on framed command text that ends in CRLF, and no
 * rule reads past a CR or LF, so neither YYLIMIT nor YYFILL is needed.
 *
 * FETCH items are the hottest path of the parser, so one call recognizes a whole
 * fetch-att, section included, in a single left-to-right pass: the keyword block takes
 * the longest match ("BODY" / "BODY[" / "BODY.PEEK[" / "BODYSTRUCTURE", "BINARY[" /
 * "BINARY.PEEK[" / "BINARY.SIZE["), and a section keyword continues, without going
 * back, in the section block, which matches the whole section-spec up to its "]" (or up
 * to the "(" of a header-list, whose astrings may be literals and are read by the
 * parser). Part numbers are only matched here (nz-number shape); the parser converts
 * them (range check) after a successful match. A failed match returns -1 and the
 * parser works out the reason on that slow path.
 *
 * The functions return values of the public enums of include/imapguard.h, so that
 * parser/cmd_fetch.c needs nothing but their prototypes:
 *   ig__lex_fetch_att  fills kind, peek and section.text of *att; returns 0 for an item,
 *                      IG_FETCH_ALL / IG_FETCH_FAST / IG_FETCH_FULL for a macro, -1 for
 *                      no match. The cursor stands after the keyword, after the "]" of
 *                      the section, or after the "(" of a header-list.
 *   ig__lex_fetch_mod  a tagged-ext-label (RFC 4466): IG_MOD_CHANGEDSINCE,
 *                      IG_MOD_VANISHED, IG_MOD_UNCHANGEDSINCE, 0 for another label,
 *                      -1 for none. The caller checks that the label ends there.
 *   ig__lex_store_att  ["+" / "-"] "FLAGS" [".SILENT"]: fills op and silent; 0 or -1.
 * Keywords are written as 'KEYWORD' strings apart from their punctuation, so that
 * tools/mkdict.sh picks them up for the fuzz dictionary.
 */
#include "internal.h"

int ig__lex_fetch_att(struct ig__ps *ps, struct ig_fetch_att *att);
int ig__lex_fetch_mod(struct ig__ps *ps);
int ig__lex_store_att(struct ig__ps *ps, struct ig_store *st);

/*!re2c
    re2c:api:style = free-form;
    re2c:define:YYCTYPE = "unsigned char";
    re2c:yyfill:enable = 0;

    nz       = [1-9] [0-9]*;
    part     = nz ("." nz)*;
    fields   = 'HEADER' "." 'FIELDS' " (";
    fieldsn  = 'HEADER' "." 'FIELDS' "." 'NOT' " (";
    label_f  = [A-Za-z_.-];
    label_c  = [A-Za-z0-9_.:-];
*/

int ig__lex_fetch_att(struct ig__ps *ps, struct ig_fetch_att *att)
{
    /*!re2c
        re2c:define:YYCURSOR = "ps->cur";
        re2c:define:YYMARKER = "ps->mar";
        'ENVELOPE'              { att->kind = IG_FETCH_ENVELOPE; return 0; }
        'FLAGS'                 { att->kind = IG_FETCH_FLAGS; return 0; }
        'INTERNALDATE'          { att->kind = IG_FETCH_INTERNALDATE; return 0; }
        'RFC822' "." 'SIZE'     { att->kind = IG_FETCH_RFC822_SIZE; return 0; }
        'BODY'                  { att->kind = IG_FETCH_BODY; return 0; }
        'BODYSTRUCTURE'         { att->kind = IG_FETCH_BODYSTRUCTURE; return 0; }
        'UID'                   { att->kind = IG_FETCH_UID; return 0; }
        'RFC822'                { att->kind = IG_FETCH_RFC822; return 0; }
        'RFC822' "." 'HEADER'   { att->kind = IG_FETCH_RFC822_HEADER; return 0; }
        'RFC822' "." 'TEXT'     { att->kind = IG_FETCH_RFC822_TEXT; return 0; }
        'MODSEQ'                { att->kind = IG_FETCH_MODSEQ; return 0; }
        'EMAILID'               { att->kind = IG_FETCH_EMAILID; return 0; }
        'THREADID'              { att->kind = IG_FETCH_THREADID; return 0; }
        'ALL'                   { return IG_FETCH_ALL; }
        'FAST'                  { return IG_FETCH_FAST; }
        'FULL'                  { return IG_FETCH_FULL; }
        'BODY' "["              { att->kind = IG_FETCH_BODY_SECTION; goto section; }
        'BODY' "." 'PEEK' "["   { att->kind = IG_FETCH_BODY_SECTION; att->peek = 1; goto section; }
        'BINARY' "["            { att->kind = IG_FETCH_BINARY; goto binary; }
        'BINARY' "." 'PEEK' "[" { att->kind = IG_FETCH_BINARY; att->peek = 1; goto binary; }
        'BINARY' "." 'SIZE' "[" { att->kind = IG_FETCH_BINARY_SIZE; goto binary; }
        *                       { return -1; }
    */
section:
    /*!re2c
        re2c:define:YYCURSOR = "ps->cur";
        re2c:define:YYMARKER = "ps->mar";
        "]"                          { return 0; }
        'HEADER' "]"                 { att->section.text = IG_SECTION_HEADER; return 0; }
        'TEXT' "]"                   { att->section.text = IG_SECTION_TEXT; return 0; }
        fields                       { att->section.text = IG_SECTION_HEADER_FIELDS; return 0; }
        fieldsn                      { att->section.text = IG_SECTION_HEADER_FIELDS_NOT; return 0; }
        part "]"                     { return 0; }
        part "." 'HEADER' "]"        { att->section.text = IG_SECTION_HEADER; return 0; }
        part "." 'TEXT' "]"          { att->section.text = IG_SECTION_TEXT; return 0; }
        part "." 'MIME' "]"          { att->section.text = IG_SECTION_MIME; return 0; }
        part "." fields              { att->section.text = IG_SECTION_HEADER_FIELDS; return 0; }
        part "." fieldsn             { att->section.text = IG_SECTION_HEADER_FIELDS_NOT; return 0; }
        *                            { return -1; }
    */
binary:
    /*!re2c
        re2c:define:YYCURSOR = "ps->cur";
        re2c:define:YYMARKER = "ps->mar";
        part? "]"                    { return 0; }
        *                            { return -1; }
    */
}

int ig__lex_fetch_mod(struct ig__ps *ps)
{
    /*!re2c
        re2c:define:YYCURSOR = "ps->cur";
        re2c:define:YYMARKER = "ps->mar";
        'CHANGEDSINCE'          { return IG_MOD_CHANGEDSINCE; }
        'VANISHED'              { return IG_MOD_VANISHED; }
        'UNCHANGEDSINCE'        { return IG_MOD_UNCHANGEDSINCE; }
        label_f label_c*        { return 0; }
        *                       { return -1; }
    */
}

int ig__lex_store_att(struct ig__ps *ps, struct ig_store *st)
{
    /*!re2c
        re2c:define:YYCURSOR = "ps->cur";
        re2c:define:YYMARKER = "ps->mar";
        'FLAGS'                     { st->op = 0; st->silent = 0; return 0; }
        'FLAGS' "." 'SILENT'        { st->op = 0; st->silent = 1; return 0; }
        "+" 'FLAGS'                 { st->op = 1; st->silent = 0; return 0; }
        "+" 'FLAGS' "." 'SILENT'    { st->op = 1; st->silent = 1; return 0; }
        "-" 'FLAGS'                 { st->op = -1; st->silent = 0; return 0; }
        "-" 'FLAGS' "." 'SILENT'    { st->op = -1; st->silent = 1; return 0; }
        *                           { return -1; }
    */
}
