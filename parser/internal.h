/*
 * internal.h - symbols shared between the library's .c files (prefix ig__), never
 * installed. The framer (frame.c) cuts the stream into command text held in the
 * parser's buffer; the grammar (parse*.c over the re2c tokens of lex.gen.c) only ever
 * runs on that text, which always ends in CRLF.
 */
#ifndef IG_INTERNAL_H
#define IG_INTERNAL_H

#include "imapguard.h"

#include <assert.h>
#include <stdbool.h>
#include <string.h>

#define IG__ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Literal sizes are written in at most this many digits (number64 needs 19; the rest
 * can only be leading zeros). A longer run is "literal size out of range". */
#define IG__MAX_LITERAL_DIGITS 20

/* The largest literal the grammar allows (RFC 9051 "number" is 32-bit; issue #2 caps
 * every literal at 4294967295 octets). */
#define IG__MAX_LITERAL_SIZE 4294967295u

/* ---- arena: results grow up from the bottom, scratch vectors down from the top ---- */

/* A vector under construction on the scratch (high) end of the arena. */
struct ig__vec {
    size_t mark;   /* arena _hi before the first push */
    size_t elsize; /* scratch stride: the element size rounded up to 8 */
    uint32_t n;
    size_t size;   /* the element size: the stride of the finished C array */
};

/* Inline: every line and every grammar pass resets the marks. */
static inline void ig__arena_reset(struct ig_parser *p, size_t lo, size_t hi)
{
    p->_lo = lo;
    p->_hi = hi;
}
void *ig__arena_alloc(struct ig_parser *p, size_t size);
/* The vector functions are inline: with the element size a constant at each call
 * site, the zeroing of a push and the copies of a finish compile to a few moves
 * instead of calls (a vector per list, a push per value). */
static inline void ig__vec_begin(struct ig_parser *p, struct ig__vec *v, size_t elsize)
{
    v->mark = p->_hi;
    v->elsize = (elsize + 7u) & ~(size_t)7u;
    v->size = elsize;
    v->n = 0;
}
/* Pushes one zeroed element of size bytes (the element size given to ig__vec_begin);
 * NULL when the arena is full. */
static inline void *ig__vec_push(struct ig_parser *p, struct ig__vec *v, size_t size)
{
    /* Only the newest vector may grow: nested vectors are finished first. */
    assert(p->_hi == v->mark - v->n * v->elsize);
    assert(size == v->size);
    if (v->elsize > p->_hi - p->_lo)
        return NULL;
    p->_hi -= v->elsize;
    v->n++;
    void *r = p->_arena + p->_hi;
    /* The stride's padding after the element is never copied out (ig__vec_finish). */
    memset(r, 0, size);
    return r;
}
void *ig__vec_finish_overlapping(struct ig_parser *p, struct ig__vec v);
/* Moves the vector to the result end as a C array (stride = the element size given to
 * ig__vec_begin); returns NULL when n == 0. */
static inline void *ig__vec_finish(struct ig_parser *p, struct ig__vec *v)
{
    assert(p->_hi == v->mark - v->n * v->elsize);
    if (v->n == 0)
        return NULL;
    size_t stride = v->elsize, size = v->size, n = v->n;
    /* The elements sit in reverse order at [mark - n * stride, mark), stride apart;
     * the result is a C array (size apart) at _lo. Usually the two areas are apart
     * and each element is copied once, into place. */
    if (p->_lo + n * size > v->mark - n * stride)
        return ig__vec_finish_overlapping(p, *v);
    unsigned char *dst = p->_arena + p->_lo, *to = dst;
    const unsigned char *from = p->_arena + v->mark;
    for (size_t i = 0; i < n; i++, to += size) {
        from -= stride;
        memcpy(to, from, size);
    }
    p->_lo = (p->_lo + n * size + 7u) & ~(size_t)7u;
    p->_hi = v->mark;
    return dst;
}
/* Drops a vector without keeping it. */
static inline void ig__vec_abandon(struct ig_parser *p, struct ig__vec *v)
{
    p->_hi = v->mark;
}

/* ---- grammar pass ---- */

/* Outcome of one grammar pass over buffered command text. */
enum ig__result {
    IG__DONE = 0,        /* the command (or line) is complete and valid */
    IG__PENDING_ARG = 1, /* the text ends in a literal header where a string may stand */
    IG__PENDING_MSG = 2, /* ... where APPEND message data may stand */
    IG__FAIL = 3         /* error: code, reason and position are in the pass */
};

/* One pass of the grammar over _buf[start .. lim), lim just after a LF. */
struct ig__ps {
    struct ig_parser *p;
    const unsigned char *cur; /* lexer cursor */
    const unsigned char *lim; /* end of the text: one past the final '\n' */
    const unsigned char *mar; /* re2c backtracking marker */
    const unsigned char *tok; /* start of the last token */
    struct ig_command *cmd;
    uint32_t depth;
    uint32_t items;
    uint8_t prefix;            /* the text ends in a pending literal header */
    enum ig__result result;    /* why the pass stopped early (PENDING_* or FAIL) */
    /* failure */
    enum ig_status code;
    const char *reason;
    const unsigned char *errpos;
};

/* Marks the pass failed at pos with a fixed reason; returns -1 for "return fail(...)". */
int ig__fail(struct ig__ps *ps, enum ig_status code, const unsigned char *pos,
             const char *reason);
int ig__fail_syntax(struct ig__ps *ps, const unsigned char *pos, const char *reason);
/* Counts one argument node against max_items; -1 when over. Inline: it runs for
 * every value of every command. */
int ig__too_many_items(struct ig__ps *ps);
static inline int ig__count_item(struct ig__ps *ps)
{
    return ++ps->items > ps->p->_lim.max_items ? ig__too_many_items(ps) : 0;
}

/* Runs the grammar on the buffered text of the current command (or SASL / DONE line).
 * `from` is where to start in _buf (the command start, or after the last APPEND
 * message). */
enum ig__result ig__parse(struct ig_parser *p, struct ig__ps *ps, size_t from, int prefix);
/* The same on a whole command line that is still in the caller's buffer (the zero-copy
 * fast path of ig_parser_feed): text[0..len) ends in CRLF and holds no literal. */
enum ig__result ig__parse_in_place(struct ig_parser *p, struct ig__ps *ps,
                                   const unsigned char *text, size_t len);

/* ---- tokens (lex.gen.c, generated from grammar/lex.re) ---- */

enum ig__tok {
    IG__T_ERR = 0,      /* no token matches here */
    IG__T_SP,
    IG__T_CRLF,
    IG__T_LPAREN,
    IG__T_RPAREN,
    IG__T_ATOM,         /* context-dependent atom-like run */
    IG__T_QUOTED,       /* "..." 7-bit; tok..cur includes the quotes */
    IG__T_QUOTED_UTF8,  /* "..." with UTF-8 (needs IG_OPT_UTF8) */
    IG__T_LITERAL,      /* {n} / {n+} / ~{n} / ~{n+} header; lit fields filled */
    IG__T_NIL,
    IG__T_EQUALS,       /* "=" (SASL-IR empty initial response) */
    IG__T_STAR,         /* "*" */
    IG__T__COUNT
};

/* A literal header as the lexer read it. */
struct ig__lit {
    uint64_t size;
    uint8_t nonsync;
    uint8_t lit8;
    uint8_t pending;   /* its octets are not in the text (it ends the text) */
    const unsigned char *data; /* the octets, when not pending */
};

/* Tag: 1*<ASTRING-CHAR except "+">. Returns the length matched (0: none). */
size_t ig__lex_tag(const unsigned char *cur);
/* The command word at cur: sets *len to its length, returns the enum ig_cmd (IG_CMD_OTHER
 * for an unknown atom) or -1 when no atom starts here. UID commands are returned as the
 * UID form when uid is set. */
int ig__lex_command(const unsigned char *cur, size_t *len, int uid);
/* Generic argument token. */
enum ig__tok ig__lex_generic(struct ig__ps *ps, struct ig__lit *lit);
/* astring / string token (atom form = 1*ASTRING-CHAR). */
enum ig__tok ig__lex_astring(struct ig__ps *ps, struct ig__lit *lit);
/* atom token (1*ATOM-CHAR). */
enum ig__tok ig__lex_atom(struct ig__ps *ps);
/* base64 (RFC 4648 alphabet, padded): length matched at cur (may be 0). */
size_t ig__lex_base64(const unsigned char *cur);
/* "DONE" CRLF, case-insensitive: 1 when it matches at cur. */
int ig__lex_done(const unsigned char *cur);
/* flag: returns an enum ig_flag_kind, or -1 when no flag starts at ps->cur. */
int ig__lex_flag(struct ig__ps *ps);
/* Date-time "dd-Mon-yyyy hh:mm:ss +zzzz" including the quotes; length or 0. */
size_t ig__lex_datetime(const unsigned char *cur);

/* ---- values ---- */

/* Decodes a quoted string token (with its quotes) into *out; escapes are copied to the
 * arena. 0 on success, -1 (and ps failed) otherwise. */
int ig__quoted_value(struct ig__ps *ps, struct ig_span *out);
/* Reads a string-ish token (atom/quoted/literal) into *s; tok is what lex returned. */
int ig__string_value(struct ig__ps *ps, enum ig__tok t, const struct ig__lit *lit,
                     struct ig_str *s);
/* base64 decode of a validated run into the arena. */
int ig__base64_decode(struct ig__ps *ps, const unsigned char *b64, size_t len,
                      struct ig_span *out);

/* ---- grammar helpers shared by the parse_*.c files (parse.c) ---- */
int ig__sp_failed(struct ig__ps *ps, const char *reason);
int ig__end_failed(struct ig__ps *ps);
/* SP, where "reason" says what is missing when the line ends instead. */
static inline int ig__sp(struct ig__ps *ps, const char *reason)
{
    if (*ps->cur == ' ') {
        ps->cur++;
        return 0;
    }
    return ig__sp_failed(ps, reason);
}
/* At the CRLF that ends the text. */
static inline int ig__at_end(const struct ig__ps *ps)
{
    return ps->cur[0] == '\r' && ps->cur + 2 == ps->lim;
}
/* The CRLF that ends the command. */
static inline int ig__end(struct ig__ps *ps)
{
    if (!ig__at_end(ps))
        return ig__end_failed(ps);
    ps->cur += 2;
    return 0;
}
int ig__pending(struct ig__ps *ps, enum ig__result why);
int ig__bad_token(struct ig__ps *ps, const char *reason);
int ig__bad_token_at(struct ig__ps *ps, const unsigned char *at, const char *reason);
int ig__bad_byte(struct ig__ps *ps, const unsigned char *at, const char *reason);
int ig__astring(struct ig__ps *ps, struct ig_str *out);
int ig__atom(struct ig__ps *ps, struct ig_span *out, const char *reason);
int ig__flag_list(struct ig__ps *ps, struct ig_flags *out);
int ig__datetime(struct ig__ps *ps, struct ig_datetime *out);
int ig__generic_args(struct ig__ps *ps, struct ig_args *out);
int ig__seqset(struct ig__ps *ps, struct ig_seqset *out);
int ig__mailbox(struct ig__ps *ps, struct ig_str *out);
/* The name rule of ig__mailbox alone, for names read another way (LIST patterns). */
int ig__mailbox_name_ok(const struct ig__ps *ps, struct ig_span name);

/* per-command parsers */
int ig__parse_login(struct ig__ps *ps);
int ig__parse_authenticate(struct ig__ps *ps);
int ig__parse_sasl_line(struct ig__ps *ps);
int ig__parse_done_line(struct ig__ps *ps);
int ig__parse_append(struct ig__ps *ps);
int ig__parse_append_more(struct ig__ps *ps);
int ig__parse_copy(struct ig__ps *ps);
int ig__parse_uid_expunge(struct ig__ps *ps);
int ig__parse_mailbox_only(struct ig__ps *ps);

/* values shared by the command families (parse_values.c) */
int ig__string(struct ig__ps *ps, struct ig_str *out);      /* quoted / literal only */
int ig__nstring(struct ig__ps *ps, struct ig_str *out);     /* string / NIL */
/* A decimal number at the cursor, at most max; nz: 0 is refused. */
int ig__number(struct ig__ps *ps, uint64_t max, int nz, uint64_t *out, const char *what);
#define IG__NUMBER32 4294967295u
#define IG__NUMBER64 9223372036854775807u
int ig__date(struct ig__ps *ps, struct ig_date *out);        /* date-text, maybe quoted */
/* tagged-ext-label at the cursor (RFC 4466). */
int ig__label(struct ig__ps *ps, struct ig_span *out, const char *reason);
/* tagged-ext-val: a sequence set / number as an atom, or "(" [tagged-ext-comp] ")". */
int ig__ext_value(struct ig__ps *ps, struct ig_arg *out);
/* 1 when the cursor (just after label SP) starts a tagged-ext-val rather than the next
 * label: a digit, "*", "$" or "(". */
int ig__ext_value_follows(const struct ig__ps *ps);
/* Case-insensitive keyword test on a span. */
int ig__span_is(struct ig_span s, const char *kw);

/* emit helpers (emit.c): a writer that counts what it could not store */
struct ig__writer {
    unsigned char *out;
    size_t cap;
    size_t len;
    int bad;          /* the command cannot be written */
    uint32_t opts;
};
void ig__put(struct ig__writer *w, const void *s, size_t n);
void ig__puts(struct ig__writer *w, const char *s);
void ig__putc(struct ig__writer *w, char c);
void ig__put_u64(struct ig__writer *w, uint64_t v);
int ig__all_class(struct ig_span v, uint8_t cls);
void ig__put_string(struct ig__writer *w, struct ig_span v, int allow_lit8);
void ig__put_astring(struct ig__writer *w, struct ig_span v);
void ig__put_atom(struct ig__writer *w, struct ig_span v);
void ig__put_arg(struct ig__writer *w, const struct ig_arg *a, uint32_t depth);
void ig__put_seqset(struct ig__writer *w, const struct ig_seqset *set);
void ig__put_flag(struct ig__writer *w, const struct ig_flag *f);
void ig__put_flags(struct ig__writer *w, const struct ig_flags *fl);
void ig__put_datetime(struct ig__writer *w, const struct ig_datetime *d);
void ig__put_date(struct ig__writer *w, const struct ig_date *d);
void ig__put_ext_value(struct ig__writer *w, const struct ig_arg *a, uint32_t depth);
/* " " param *(" " param), each label [SP value] (the caller writes the parentheses). */
void ig__put_params(struct ig__writer *w, const struct ig_params *ps, int lead_space);

/* equality helpers (equal.c) */
int ig__span_eq(struct ig_span a, struct ig_span b);
int ig__span_caseeq(struct ig_span a, struct ig_span b);
int ig__str_eq(const struct ig_str *a, const struct ig_str *b);
int ig__mailbox_eq(const struct ig_str *a, const struct ig_str *b);
int ig__seqset_eq(const struct ig_seqset *a, const struct ig_seqset *b);
int ig__arg_eq(const struct ig_arg *a, const struct ig_arg *b);
int ig__args_eq(const struct ig_args *a, const struct ig_args *b);
int ig__flags_eq(const struct ig_flags *a, const struct ig_flags *b);
int ig__datetime_eq(const struct ig_datetime *a, const struct ig_datetime *b);
int ig__date_eq(const struct ig_date *a, const struct ig_date *b);
int ig__params_eq(const struct ig_params *a, const struct ig_params *b);
int ig__strs_eq(const struct ig_strs *a, const struct ig_strs *b);
int ig__atoms_caseeq(const struct ig_atoms *a, const struct ig_atoms *b);

/* ---- command families: each file parses, writes and compares its commands ----
 * cmd_mailbox.c: SELECT EXAMINE CREATE RENAME STATUS LIST LSUB
 * cmd_fetch.c:   FETCH STORE and their UID forms
 * cmd_search.c:  SEARCH SORT THREAD (and UID forms), ESEARCH
 * cmd_ext.c:     ENABLE ID COMPRESS GETQUOTA SETQUOTA SETACL DELETEACL LISTRIGHTS
 *                GETMETADATA SETMETADATA
 * A parse function is called after the command word, with the cursor on the SP (or
 * CRLF) that follows it; it fills ps->cmd->u, sets typed = 1 and ends with ig__end(). */
int ig__parse_mailbox_family(struct ig__ps *ps);
int ig__parse_fetch_family(struct ig__ps *ps);
int ig__parse_search_family(struct ig__ps *ps);
int ig__parse_ext_family(struct ig__ps *ps);
void ig__emit_mailbox_family(struct ig__writer *w, const struct ig_command *cmd);
void ig__emit_fetch_family(struct ig__writer *w, const struct ig_command *cmd);
void ig__emit_search_family(struct ig__writer *w, const struct ig_command *cmd);
void ig__emit_ext_family(struct ig__writer *w, const struct ig_command *cmd);
int ig__equal_mailbox_family(const struct ig_command *a, const struct ig_command *b);
int ig__equal_fetch_family(const struct ig_command *a, const struct ig_command *b);
int ig__equal_search_family(const struct ig_command *a, const struct ig_command *b);
int ig__equal_ext_family(const struct ig_command *a, const struct ig_command *b);

enum ig__family {
    IG__FAM_CORE = 0, IG__FAM_MAILBOX, IG__FAM_FETCH, IG__FAM_SEARCH, IG__FAM_EXT
};
extern const uint8_t ig__cmd_family[IG_CMD__COUNT];

/* extensions implied by a command word (names.c) */
extern const uint32_t ig__cmd_ext[IG_CMD__COUNT];

/* ---- shared helpers ---- */

/* Scans that read eight text bytes at once (SWAR: each byte a lane of a uint64_t,
 * bit 7 of a lane its flag) where the compiler names the byte order and counts
 * trailing zeros: little-endian GCC and Clang. Elsewhere they read a byte at a time. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define IG__SWAR 1
#define IG__LANES(b) (0x0101010101010101u * (uint64_t)(b))
static inline uint64_t ig__load8(const unsigned char *s)
{
    uint64_t x;
    memcpy(&x, s, sizeof(x));
    return x;
}
/* The first eight bytes at w as ig__load8 reads them from text; IG__WORD pads the
 * string literal w with NULs to eight bytes or more, so the compiler folds this to a
 * constant. */
static inline uint64_t ig__word_bits(const char *w)
{
    uint64_t v;
    memcpy(&v, w, sizeof(v));
    return v;
}
#define IG__WORD(w) ig__word_bits(w "\0\0\0\0\0\0\0")
/* 1 when the text read into x starts with the string literal w (at most eight bytes):
 * a keyword compared in one step. */
#define IG__STARTS(x, w) \
    (((x) & (~UINT64_C(0) >> (64 - 8 * (sizeof(w) - 1)))) == IG__WORD(w))
/* The index of the first flagged lane of m (m != 0): the first byte is the low one. */
static inline unsigned ig__first_lane(uint64_t m)
{
    return (unsigned)__builtin_ctzll(m) >> 3;
}
#else
#define IG__SWAR 0
#endif
int ig__ascii_casecmp(const unsigned char *a, const char *b, size_t n);
extern const uint8_t ig__cclass[256];
enum {
    IG__C_ATOM = 1,     /* ATOM-CHAR */
    IG__C_ASTRING = 2,  /* ASTRING-CHAR */
    IG__C_TAG = 4,      /* ASTRING-CHAR except "+" */
    IG__C_QUOTED = 8,   /* QUOTED-CHAR without escape (7-bit TEXT-CHAR minus " \) */
    IG__C_LISTCHAR = 16 /* list-char: ATOM-CHAR / list-wildcards / resp-specials */
};

#endif
